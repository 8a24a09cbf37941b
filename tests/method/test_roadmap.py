"""Roadmap rules R-MAP-1..5 with R-CWR-2/3 and R-PAIN-2, case by case on hand-built engagements."""
from datetime import date, timedelta

import pytest

from readiness.method.roadmap import add_months, department_path
from readiness.method.types import DepartmentInput, EngagementFacts, PainInput
from tests.method.roadmap_helpers import ALL_5, RUN_FIT, START, WALK_FIT, plan


def test_r_map_1_red_light_puts_phase_0_first_with_its_objectives():
    # B1 = B2 = 1 -> score 0 -> R-RED-1; phase 0 must clear it before anything else.
    _, roadmap = plan({10: {"B1": 1, "B2": 1}}, [DepartmentInput(10, "Sales", 0, WALK_FIT)])
    assert roadmap.phases[0].key == "phase-0"
    assert "R-RED-1" in roadmap.phase0.rules
    # Its objectives are Vision and Strategy items in the questionnaire's words (R-MAP-8) ...
    assert {o.item_id[:2] for o in roadmap.phase0.objectives if o.item_id} >= {"B1", "B2"}
    # ... and the gate says what clearing the light means, in words (no block ids).
    gate = roadmap.gate
    assert any("Vision and Strategy at 40" in e.en for e in gate.exit_criteria)


def test_r_map_1_rules_before_system_in_phase_0_when_they_score_low():
    items = {(10, "B2.3"): 1, (10, "B4.5"): 2, (10, "B5.4"): 1}
    _, roadmap = plan({10: {"B2": 4, "B4": 4, "B5": 4}}, [DepartmentInput(10, "Sales", 0, WALK_FIT)],
                      items=items)
    assert not roadmap.open_red_lights
    ids = [o.item_id for o in roadmap.phase0.objectives]
    assert {"B2.3", "B4.5", "B5.4"} <= set(ids)
    assert roadmap.phase0.end == START + timedelta(weeks=3)  # no red light: three weeks


def test_r_cwr_2_no_level_is_skipped():
    # Today none, business needs run, scores ready for run (all 5): crawl, walk, run in order.
    _, roadmap = plan({10: ALL_5}, [DepartmentInput(10, "Service", 0, RUN_FIT)])
    track = roadmap.track_of(10)
    assert [p.level for p in track.phases] == [1, 2, 3]
    for earlier, later in zip(track.phases, track.phases[1:], strict=False):
        assert later.start > earlier.end


def test_r_cwr_3_capped_department_stops_at_its_cap():
    departments = [DepartmentInput(10, "Service", 0, RUN_FIT, cap=2, cap_reason="relationship-led")]
    result, roadmap = plan({10: ALL_5}, departments)
    assert department_path(result.levels[0]) == (1, 2)
    assert [p.key for p in roadmap.phases] == ["phase-0", "d10-crawl", "d10-walk"]


def test_level_beyond_readiness_is_conditional_on_prerequisites_in_words():
    # Needs walk, but Processes = 2 (25 < 50): the walk phase is planned with its condition stated.
    _, roadmap = plan({10: {"B5": 2}}, [DepartmentInput(10, "Sales", 1, WALK_FIT)])
    walk = roadmap.track_of(10).phases[-1]
    assert walk.level == 2 and walk.conditions
    assert "Processes" in walk.conditions[-1].en and "B5" not in walk.conditions[-1].en
    assert "流程" in walk.conditions[-1].zh


def test_r_map_2_checkpoints_follow_the_cadence():
    _, roadmap = plan({10: ALL_5}, [DepartmentInput(10, "S", 0, RUN_FIT)])
    kickoff = roadmap.phase0.checkpoints[0]
    assert (kickoff.kind, kickoff.start, kickoff.days, kickoff.owner) == ("kickoff", START, 1.0, "Ada Sponsor")
    for phase in roadmap.track_of(10).phases:
        months = (phase.end.year - phase.start.year) * 12 + phase.end.month - phase.start.month
        assert 3 <= months <= 5
        requirements = [c for c in phase.checkpoints if c.kind == "requirements"]
        reviews = [c for c in phase.checkpoints if c.kind == "review"]
        assert 2 <= len(requirements) == len(reviews) <= 3
        assert all(1.0 <= c.days <= 1.5 for c in requirements)
        assert all(0.5 <= c.days <= 1.0 for c in reviews)
        assert all(c.exit_criteria for c in phase.checkpoints)
        assert all(phase.start <= c.start <= phase.end for c in requirements + reviews)


def test_r_map_4_adoption_cycle_for_each_level():
    _, roadmap = plan({10: ALL_5}, [DepartmentInput(10, "S", 0, RUN_FIT)])
    for phase in roadmap.track_of(10).phases:
        assert [s.key for s in phase.adoption] == ["rigid", "optimise", "solidify", "reoptimise"]
        rigid = phase.adoption[0]
        assert rigid.start == phase.end and rigid.end in (add_months(phase.end, 2), add_months(phase.end, 3))


def test_r_pain_2_each_key_pain_is_solved_by_its_own_departments_phase():
    pains = (PainInput(1, "Unknown members", 5, 5, 0, 10, ("B6",)),
             PainInput(2, "No strategy", 5, 4, 0, 10, ("B2",)),
             PainInput(3, "Slow quotes", 4, 4, 0, 11, ("B5",)),
             PainInput(4, "Minor", 1, 1, 0, 11, ()))
    departments = [DepartmentInput(10, "Stores", 0, WALK_FIT), DepartmentInput(11, "B2B", 1, WALK_FIT)]
    _, roadmap = plan({10: {"B2": 1}, 11: {"B2": 1}}, departments, pains)
    owner = {pid: phase.key for phase in roadmap.phases for pid in phase.pain_ids}
    assert roadmap.key_pain_ids == (1, 2, 3)
    assert owner[2] == "phase-0"  # strategy pain while R-RED-1 is on
    assert owner[1] == "d10-crawl"  # Stores start at crawl
    assert owner[3] == "d11-walk"  # B2B already crawls: its first phase is walk
    assert 4 not in owner and roadmap.unaddressed_pain_ids == ()


def test_r_map_3_ten_foundations_with_evidence():
    _, roadmap = plan({10: {}}, [DepartmentInput(10, "S", 0, WALK_FIT)],
                      facts=EngagementFacts("", 0, ("it",), None))
    assert len(roadmap.foundations) == 10
    status = {f.number: f.status for f in roadmap.foundations}
    assert status[1] == "not met"  # no sponsor
    assert status[6] == "partly"  # IT only
    assert status[10] == "not met"  # no customer input
    assert all(f.evidence.en and f.evidence.zh for f in roadmap.foundations)


def test_r_map_5_assets_are_listed():
    _, roadmap = plan({10: {}}, [DepartmentInput(10, "S", 0, WALK_FIT)])
    assert roadmap.assets == ("Data warehouse",)


@pytest.mark.parametrize("day,months,expected", [(date(2027, 1, 31), 1, date(2027, 2, 28)),
                                                  (date(2027, 11, 15), 3, date(2028, 2, 15))])
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_failure_causes_follow_the_red_lights():
    """METHOD.md section 7: each cause is a risk when its red light is on."""
    from readiness.method.failures import check_failure_causes

    result, _ = plan({10: {"B1": 1, "B2": 1, "B4": 1}}, [DepartmentInput(10, "S", 0, WALK_FIT)])
    checks = {c.cause.en: c.status for c in check_failure_causes(result)}
    assert len(checks) == 7
    assert checks["Implementing before strategy"] == "risk"
    assert checks["Implementing before organisational change"] == "risk"
    assert checks["Treating all customers alike"] == "risk"  # B2 = 0
    good, _ = plan({10: ALL_5}, [DepartmentInput(10, "S", 0, WALK_FIT)])
    assert all(c.status == "clear" for c in check_failure_causes(good))
