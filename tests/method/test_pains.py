"""Pain points: R-PAIN-1..3 (METHOD.md section 4) on the pure engine."""
from __future__ import annotations

import random

import pytest

from readiness.method import pains
from readiness.method.types import PainInput


def pain(id, severity, frequency, votes=0, title=None):
    return PainInput(id, title or f"pain {id}", severity, frequency, votes)


# R-PAIN-1: priority ----------------------------------------------------------------------------

@pytest.mark.parametrize("severity, frequency, votes, expected", [
    (1, 1, 0, 1), (5, 5, 0, 25), (4, 3, 0, 12), (4, 3, 2, 14), (2, 5, 7, 17), (5, 1, 3, 8),
])
def test_r_pain_1_priority_is_severity_times_frequency_plus_votes(severity, frequency, votes, expected):
    """R-PAIN-1: priority = severity x frequency + dot votes."""
    assert pains.priority(pain(1, severity, frequency, votes)) == expected


def test_r_pain_1_ranking_orders_by_priority():
    """R-PAIN-1: priorities 12, 25, 14, 6 -> order 25, 14, 12, 6 with ranks 1, 2, 3, 4."""
    ranked = pains.rank_pains([pain(1, 4, 3), pain(2, 5, 5), pain(3, 4, 3, 2), pain(4, 2, 3)])
    assert [(p.id, p.priority, p.rank) for p in ranked] == [(2, 25, 1), (3, 14, 2), (1, 12, 3),
                                                            (4, 6, 4)]
    top = ranked[0]
    assert (top.title, top.severity, top.frequency, top.votes) == ("pain 2", 5, 5, 0)


def test_r_pain_1_competition_ranking_with_ties():
    """R-PAIN-1 ties share a rank and the next rank skips (1, 1, 3, 3, 5): priorities 20, 20, 15,
    15, 10. Within a tie the more severe pain comes first, then the lower id."""
    ranked = pains.rank_pains([
        pain(1, 4, 5),        # 20, severity 4
        pain(2, 5, 4),        # 20, severity 5
        pain(3, 3, 5),        # 15, severity 3
        pain(4, 5, 3),        # 15, severity 5
        pain(5, 2, 5),        # 10
    ])
    assert [(p.id, p.priority, p.rank) for p in ranked] == [
        (2, 20, 1), (1, 20, 1), (4, 15, 3), (3, 15, 3), (5, 10, 5)]


def test_r_pain_1_votes_break_what_severity_times_frequency_ties():
    """R-PAIN-1: two pains at 4 x 4 = 16; one dot vote puts one ahead (17 vs 16)."""
    ranked = pains.rank_pains([pain(1, 4, 4), pain(2, 4, 4, 1)])
    assert [(p.id, p.priority, p.rank) for p in ranked] == [(2, 17, 1), (1, 16, 2)]


def test_r_pain_1_ranking_is_independent_of_input_order():
    """R-PAIN-1: the same pains in any order rank the same way."""
    items = [pain(i, 1 + i % 5, 1 + (i * 3) % 5, i % 3) for i in range(1, 13)]
    expected = pains.rank_pains(items)
    rng = random.Random(7)
    for _ in range(10):
        shuffled = list(items)
        rng.shuffle(shuffled)
        assert pains.rank_pains(shuffled) == expected


def test_r_pain_1_no_pains_rank_nothing():
    """R-PAIN-1: no pains -> no ranking, no flag."""
    assert pains.rank_pains([]) == []
    assert pains.priority_flags([]) == []


# R-PAIN-2: key pains -------------------------------------------------------------------------

def test_r_pain_2_top_three_are_key():
    """R-PAIN-2: the roadmap is anchored on the top *default* 3 pain points."""
    ranked = pains.rank_pains([pain(i, 5, 6 - i) for i in range(1, 6)])  # 25, 20, 15, 10, 5
    assert [(p.id, p.key) for p in ranked] == [(1, True), (2, True), (3, True), (4, False),
                                               (5, False)]
    assert pains.priority_flags(ranked) == []


def test_r_pain_2_fewer_than_three_are_all_key():
    """R-PAIN-2: with two pains both are key, and no "no clear priority" flag."""
    ranked = pains.rank_pains([pain(1, 2, 2), pain(2, 2, 2)])
    assert [p.key for p in ranked] == [True, True]
    assert pains.priority_flags(ranked) == []


def test_r_pain_2_tie_inside_the_top_is_clear():
    """R-PAIN-2: 1st and 2nd tie (20, 20, 15, 10): the top 3 are still clear, no flag."""
    ranked = pains.rank_pains([pain(1, 4, 5), pain(2, 5, 4), pain(3, 3, 5), pain(4, 2, 5)])
    assert [(p.id, p.key) for p in ranked] == [(2, True), (1, True), (3, True), (4, False)]
    assert pains.priority_flags(ranked) == []


def test_r_pain_2_exactly_three_equal_pains_are_clear():
    """R-PAIN-2: three pains of equal priority are the top 3: nothing is left out, no flag."""
    ranked = pains.rank_pains([pain(1, 3, 3), pain(2, 3, 3), pain(3, 3, 3)])
    assert [p.rank for p in ranked] == [1, 1, 1]
    assert [p.key for p in ranked] == [True, True, True]  # the tie fits within the 3 places
    assert pains.priority_flags(ranked) == []


def test_r_pain_2_tie_across_the_boundary_is_flagged():
    """R-PAIN-2: 3rd and 4th tie (25, 12, 12, 12, 5): three pains share priority 12 for the two
    places left, so none of the tied pains is key (never chosen by order of entry); the pain
    strictly above the cut-off stays key."""
    ranked = pains.rank_pains([pain(1, 5, 5), pain(2, 4, 3), pain(3, 3, 4), pain(4, 2, 5, 2),
                               pain(5, 1, 5)])
    assert [(p.id, p.priority, p.rank, p.key) for p in ranked] == [
        (1, 25, 1, True), (2, 12, 2, False), (3, 12, 2, False), (4, 12, 2, False), (5, 5, 5, False)]
    flags = pains.priority_flags(ranked)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.rule, flag.code, flag.red) == ("R-PAIN-2", "no-clear-priority", False)
    assert dict(flag.params) == {"tied": 3, "priority": 12, "top": 3}
    assert flag.message("en") == ("3 pain points share priority 12, so the top 3 do not separate "
                                  "yet: equal priorities mean no priority. Decide with a dot-vote "
                                  "in a workshop.")
    assert flag.message("zh") == ("3 个痛点优先级同为 12，前 3 项尚无法区分：优先级相同等于没有优先级。"
                                  "请在研讨会上用圆点投票决定。")


def test_r_pain_2_tie_choice_does_not_depend_on_order_of_entry():
    """R-PAIN-2: the tied pains are not key whichever was entered first (ids reversed)."""
    items = [pain(9, 5, 5), pain(1, 3, 3), pain(5, 3, 3), pain(3, 3, 3), pain(7, 1, 1)]
    for order in (items, items[::-1]):
        ranked = pains.rank_pains(order)
        assert {p.id for p in ranked if p.key} == {9}


def test_r_pain_2_ten_equal_priorities_mean_no_priority():
    """R-PAIN-2: "ten equal priorities means no priority": ten pains at 3 x 3 = 9 all rank 1,
    none is key (three chosen by id would be a choice by order of entry) and the flag counts all
    ten."""
    ranked = pains.rank_pains([pain(i, 3, 3) for i in range(10, 0, -1)])
    assert [p.id for p in ranked] == list(range(1, 11))
    assert {p.rank for p in ranked} == {1}
    assert [p.key for p in ranked] == [False] * 10
    flags = pains.priority_flags(ranked)
    assert dict(flags[0].params) == {"tied": 10, "priority": 9, "top": 3}
    assert "10" in flags[0].message("zh") and "9" in flags[0].message("zh")
    assert flags[0].message("en").startswith("10 pain points share priority 9, so the top 3 do not")
    assert flags[0].message("en").endswith("Decide with a dot-vote in a workshop.")


def test_r_pain_2_top_is_configurable():
    """R-PAIN-2 (*default* 3): top 2 -> the 2nd/3rd tie (9, 9) for the one place left is flagged
    and neither tied pain is key; the pain above the cut-off stays key."""
    ranked = pains.rank_pains([pain(1, 5, 5), pain(2, 3, 3), pain(3, 3, 3)], top=2)
    assert [p.key for p in ranked] == [True, False, False]
    flags = pains.priority_flags(ranked, top=2)
    assert dict(flags[0].params) == {"tied": 2, "priority": 9, "top": 2}
    # Top 3: the same tie fits within the places left, so both tied pains are key, no flag.
    ranked = pains.rank_pains([pain(1, 5, 5), pain(2, 3, 3), pain(3, 3, 3)], top=3)
    assert [p.key for p in ranked] == [True, True, True]
    assert pains.priority_flags(ranked, top=3) == []


# R-PAIN-3: no pain, no project ---------------------------------------------------------------

def test_r_pain_3_no_pain_recorded_is_a_red_light():
    """R-PAIN-3: no pain point recorded -> red light "no pain, no project"."""
    findings = pains.no_pain([])
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-PAIN-3", "no-pain", True)
    assert finding.message("en") == "No pain point recorded: no pain, no project."


def test_r_pain_3_no_severe_pain_is_a_red_light():
    """R-PAIN-3: pains recorded, none with severity >= 4 (even at top frequency) -> red light."""
    findings = pains.no_pain([pain(1, 3, 5, 9), pain(2, 1, 1), pain(3, 2, 4)])
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-PAIN-3", "no-severe-pain", True)
    assert dict(finding.params) == {"count": 3}
    assert finding.message("en") == ("None of the 3 pain points has severity 4 or 5: no pain, "
                                     "no project.")


@pytest.mark.parametrize("severity", [4, 5])
def test_r_pain_3_one_severe_pain_clears_it(severity):
    """R-PAIN-3: one pain with severity 4 (the boundary) or 5 among mild ones -> no red light."""
    assert pains.no_pain([pain(1, 1, 1), pain(2, severity, 1), pain(3, 3, 3)]) == []


def test_r_pain_3_accepts_a_generator():
    """R-PAIN-3: pain points may come as any iterable (counted once)."""
    findings = pains.no_pain(pain(i, 2, 2) for i in range(4))
    assert findings[0].params["count"] == 4
