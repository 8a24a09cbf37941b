"""R-WAVE-1..3: items matched by id, deltas with "no clear change", red lights cleared or raised,
earned next levels. Engine tests on assess() outputs, plus hypothesis properties."""
from __future__ import annotations

import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from readiness.method.assess import assess
from readiness.method.scoring import describe
from readiness.method.types import BlockSums, DepartmentInput, RespondentInput, Stat
from readiness.method.waves import compare, delta, earned_level, match_items, red_light_changes

from .scoring_helpers import Q

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-waves-"))
BLOCKS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8")
SALES = DepartmentInput(1, "Sales", current_level=1)


def stat(*scores: float) -> Stat:
    return describe(list(scores), Q.settings.low_sample)


def wave(levels: dict[int, dict[str, float]], department: int = 1, role: str = "manager"):
    """One wave's assessment: respondent id -> block -> mean level (1-5), each answer weight 1."""
    respondents = [RespondentInput(r, role, department) for r in levels]
    sums = [BlockSums(r, b, level, 1.0, 1, 0) for r, blocks in levels.items()
            for b, level in blocks.items()]
    return assess(Q, respondents, sums, [SALES])


def everywhere(level: float) -> dict[str, float]:
    return dict.fromkeys(BLOCKS, level)


def run_compare(before, after, reviewed=(1,)):
    return compare(before, after, before_number=1, after_number=2,
                   items=match_items(["B1.1"], ["B1.1"]), departments=[SALES], reviewed=reviewed,
                   settings=Q.settings)


# R-WAVE-1 ---------------------------------------------------------------------------------------

def test_items_are_matched_by_id_and_the_rest_listed():
    match = match_items(["B1.1", "B1.2", "B5.3"], ["B5.3", "B1.1", "B8.9"])
    assert match.matched == ("B1.1", "B5.3")
    assert match.only_before == ("B1.2",)
    assert match.only_after == ("B8.9",)


# R-WAVE-2 ---------------------------------------------------------------------------------------

def test_a_change_larger_than_the_spread_is_clear():
    d = delta("B5", stat(40, 45, 50), stat(70, 72, 75))
    assert d.direction == "up" and d.clear
    assert round(d.change, 6) == round((70 + 72 + 75) / 3 - 45, 6)


def test_a_change_within_the_spread_is_no_clear_change():
    d = delta("B5", stat(20, 50, 80), stat(30, 60, 90))  # +10, IQR 30
    assert d.direction == "none" and not d.clear


def test_no_change_between_single_answers_is_no_clear_change():
    assert delta("B1", stat(50), stat(50)).direction == "none"
    assert delta("B1", stat(50), stat(25)).direction == "down"


def test_a_side_without_answers_is_no_data():
    d = delta("B1", stat(), stat(50))
    assert d.direction == "no-data" and d.change is None


def test_deltas_per_block_department_and_role():
    before = wave({1: everywhere(2.0), 2: everywhere(2.0)})
    after = wave({3: everywhere(4.0), 4: everywhere(4.0)})
    result = run_compare(before, after)
    assert [d.direction for d in result.blocks] == ["up"] * 8
    assert result.blocks[0].change == 50
    assert [d.direction for d in result.by_department[1]] == ["up"] * 8
    assert [d.direction for d in result.by_role["manager"]] == ["up"] * 8
    assert result.clear_changes == 8


# Red lights ---------------------------------------------------------------------------------------

def test_red_lights_cleared_and_raised():
    before = wave({1: {**everywhere(3.5), "B1": 1.5, "B2": 1.5}})  # CRM before strategy
    after = wave({2: {**everywhere(3.5), "B4": 1.5}})  # change not led
    cleared, raised = red_light_changes(before, after)
    assert [f.rule for f in cleared] == ["R-RED-1"]
    assert [f.rule for f in raised] == ["R-RED-2"]
    # Sponsor and team are today's facts, the same in both waves: never a change.
    assert not {f.rule for f in cleared + raised} & {"R-RED-3", "R-RED-4", "R-PAIN-3"}


def test_a_red_light_without_answers_in_the_later_wave_is_not_cleared():
    before = wave({1: {**everywhere(3.5), "B4": 1.5}})  # change not led
    after = wave({2: {b: 3.5 for b in BLOCKS if b != "B4"}})  # nobody answered B4
    assert red_light_changes(before, after) == ((), ())


# R-WAVE-3 ---------------------------------------------------------------------------------------

WALK_READY = {**everywhere(2.0), "B4": 3.5, "B5": 3.5, "B6": 3.5}  # 62.5 each


def test_earned_when_reviewed_ready_and_nothing_dropped():
    result = earned_level(SALES, True, {"B4": stat(60), "B5": stat(60), "B6": stat(60)},
                          {"B4": stat(62.5), "B5": stat(62.5), "B6": stat(62.5)}, Q.settings)
    assert result.earned and result.next_level == 2 and result.reasons == ()


def test_not_earned_while_the_review_is_pending():
    result = run_compare(wave({1: WALK_READY}), wave({2: WALK_READY}), reviewed=())
    assert not result.earned[0].earned
    assert result.earned[0].reasons == ("review-pending",)


def test_not_earned_when_a_prerequisite_dropped_more_than_the_setting():
    before = {"B4": stat(75), "B5": stat(62.5), "B6": stat(62.5)}
    after = {"B4": stat(62.5), "B5": stat(62.5), "B6": stat(62.5)}  # B4 -12.5, still >= 50
    result = earned_level(SALES, True, before, after, Q.settings)
    assert not result.earned and result.reasons == ("dropped",)
    assert result.drops == (("B4", 12.5),)
    # A drop of exactly the setting (5) is allowed.
    assert earned_level(SALES, True, {"B4": stat(67.5), "B5": stat(62.5), "B6": stat(62.5)},
                        after, Q.settings).earned


def test_not_earned_when_the_next_level_prerequisites_are_not_met():
    result = earned_level(SALES, True, {}, {"B4": stat(40), "B5": stat(62.5), "B6": stat(62.5)},
                          Q.settings)
    assert result.reasons == ("not-ready",)


def test_run_has_nothing_to_earn_and_no_level_has_no_review():
    assert earned_level(DepartmentInput(2, "Ops", 3), True, {}, {}, Q.settings).reasons == ("at-run",)
    assert earned_level(DepartmentInput(2, "Ops", 0), True, {}, {}, Q.settings).reasons == ("no-level",)
    assert earned_level(SALES, True, {}, {}, Q.settings).reasons == ("no-data",)


# Properties -------------------------------------------------------------------------------------

levels = st.floats(min_value=1.0, max_value=5.0, allow_nan=False)
respondent_levels = st.dictionaries(st.sampled_from(BLOCKS), levels, min_size=1)
waves = st.lists(respondent_levels, min_size=1, max_size=6)


def _as_wave(rows, first_id=1):
    return wave({first_id + i: row for i, row in enumerate(rows)})


@settings(max_examples=60, deadline=None, database=None)
@given(waves)
def test_identical_waves_show_no_clear_change_anywhere(rows):
    result = run_compare(_as_wave(rows), _as_wave(rows, first_id=100))
    groups = [result.blocks, *result.by_department.values(), *result.by_role.values()]
    assert all(d.direction in ("none", "no-data") for group in groups for d in group)
    assert result.cleared == () and result.raised == ()


@settings(max_examples=60, deadline=None, database=None)
@given(waves, waves)
def test_deltas_are_antisymmetric(first, second):
    a, b = _as_wave(first), _as_wave(second, first_id=100)
    forward, backward = run_compare(a, b), run_compare(b, a)
    for there, back in zip(forward.blocks, backward.blocks, strict=True):
        assert there.spread == back.spread
        if there.change is None:
            assert back.change is None and there.direction == back.direction == "no-data"
        else:
            assert round(there.change + back.change, 6) == 0
            flipped = {"up": "down", "down": "up", "none": "none"}[there.direction]
            assert back.direction == flipped
    assert {f.code for f in forward.cleared} == {f.code for f in backward.raised}


@settings(max_examples=60, deadline=None, database=None)
@given(waves)
def test_a_clear_change_is_always_larger_than_the_spread(rows):
    shifted = [{b: min(5.0, v + 1.0) for b, v in row.items()} for row in rows]
    result = run_compare(_as_wave(rows), _as_wave(shifted, first_id=100))
    for d in result.blocks:
        if d.clear:
            assert abs(d.change) > d.spread
            assert d.direction == "up"
