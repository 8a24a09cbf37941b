"""Scoring rule R-GAP-1 (perception gap between roles) on the pure engine (METHOD.md section 2)."""
from __future__ import annotations

import pytest

from readiness.method import scoring
from readiness.method.types import AnswerInput, RespondentInput
from tests.method.scoring_helpers import A, Q, variant

# R-GAP-1: perception gap ---------------------------------------------------------------------

def _gaps(role_answers: list[tuple[int, str, list[AnswerInput]]], questionnaire=Q):
    respondents = {rid: RespondentInput(rid, role, None) for rid, role, _ in role_answers}
    answers = [a for _, _, rows in role_answers for a in rows]
    return scoring.perception_gaps(scoring.block_sums_from_answers(answers, questionnaire),
                                   respondents, questionnaire.settings)


def test_r_gap_1_gap_of_exactly_one_point_is_flagged():
    """R-GAP-1: executives at 4.0, front line at 3.0 on the 1-5 scale: gap 1.0 >= 1.0 -> flagged."""
    gaps = _gaps([(1, "executive", [A(1, "B1.3", 4)]), (2, "front_line", [A(2, "B1.3", 3)])])
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.block_id == "B1"
    assert dict(gap.role_means) == {"executive": 4.0, "front_line": 3.0}
    assert (gap.high_role, gap.low_role) == ("executive", "front_line")
    assert gap.gap == pytest.approx(1.0)
    assert gap.flagged is True
    finding = scoring.gap_findings(gaps)[0]
    assert (finding.rule, finding.code) == ("R-GAP-1", "perception-gap")
    assert dict(finding.params) == {"block": "B1", "high": "executive", "low": "front_line",
                                    "gap": 1.0, "high_mean": 4.0, "low_mean": 3.0}
    assert finding.message("en") == ("Vision: executives see it at 4.0, front line at 3.0 on the "
                                     "1-5 scale (gap 1.0).")
    assert finding.message("zh") == "愿景：高管评分 4.0，一线员工评分 3.0（1-5 分制，差距 1.0）。"
    assert "高管" in finding.message("zh") and "一线员工" in finding.message("zh")


def test_r_gap_1_gap_below_one_point_not_flagged():
    """R-GAP-1: executives 4.0; front line (1.5*3 + 1.5*3 + 3*1 + 1*4) / 7 = 22/7 = 3.143:
    gap 6/7 = 0.857 < 1.0 -> not flagged (and no finding)."""
    front_line = [A(2, "B1.1", 3), A(2, "B1.2", 3), A(2, "B1.3", 3), A(2, "B1.4", 3),
                  A(2, "B1.5", 3), A(2, "B1.6", 4)]
    gaps = _gaps([(1, "executive", [A(1, "B1.3", 4)]), (2, "front_line", front_line)])
    assert gaps[0].role_means["front_line"] == pytest.approx(22 / 7)
    assert gaps[0].gap == pytest.approx(6 / 7)
    assert gaps[0].flagged is False
    assert scoring.gap_findings(gaps) == []


def test_r_gap_1_one_point_gap_survives_float_rounding():
    """R-GAP-1 boundary: executives (0.8*1 + 0.8*5) / 1.6 = 3.0 (computed 2.9999999999999996),
    IT at 2.0: the gap is 1.0 and must be flagged."""
    gaps = _gaps([(1, "executive", [A(1, "B1.3", 1, "medium"), A(1, "B1.4", 5, "medium")]),
                  (2, "it", [A(2, "B1.3", 2)])])
    assert gaps[0].gap == pytest.approx(1.0)
    assert gaps[0].flagged is True


def test_r_gap_1_role_means_average_respondents_on_1_to_5():
    """R-GAP-1: role means are means of respondents' 1-5 block means (not 0-100 scores).
    Executives 5 and 3 -> 4; front line 2; IT 2.5 (B1.3 2 and B1.4 3). Spread 4 - 2 = 2."""
    gaps = _gaps([
        (1, "executive", [A(1, "B1.3", 5)]), (2, "executive", [A(2, "B1.3", 3)]),
        (3, "front_line", [A(3, "B1.3", 2)]),
        (4, "it", [A(4, "B1.3", 2), A(4, "B1.4", 3)]),
    ])
    gap = gaps[0]
    assert dict(gap.role_means) == pytest.approx({"executive": 4.0, "front_line": 2.0, "it": 2.5})
    assert (gap.high_role, gap.low_role, gap.gap, gap.flagged) == ("executive", "front_line", 2.0, True)


def test_r_gap_1_manager_and_other_are_not_compared():
    """R-GAP-1 compares executive vs front line vs IT only: a manager at 1 does not widen the gap,
    and a block with one compared role (plus managers) has no gap at all."""
    gaps = _gaps([
        (1, "executive", [A(1, "B1.3", 4), A(1, "B2.3", 5)]),
        (2, "front_line", [A(2, "B1.3", 4)]),
        (3, "manager", [A(3, "B1.3", 1), A(3, "B2.3", 1)]),
        (4, "other", [A(4, "B1.3", 1)]),
    ])
    assert [g.block_id for g in gaps] == ["B1"]  # B2: only executive + manager
    assert set(gaps[0].role_means) == {"executive", "front_line"}
    assert gaps[0].gap == 0.0 and gaps[0].flagged is False


def test_r_gap_1_ties_resolve_by_role_order_whatever_the_input_order():
    """R-GAP-1 ties: executive = front line = 4, IT 2 -> high is the later role in
    (executive, front_line, it) among equals (front_line), low IT; input order does not matter."""
    rows = [(1, "executive", [A(1, "B1.3", 4)]), (2, "front_line", [A(2, "B1.3", 4)]),
            (3, "it", [A(3, "B1.3", 2)])]
    forward, backward = _gaps(rows), _gaps(rows[::-1])
    assert forward == backward
    assert (forward[0].high_role, forward[0].low_role, forward[0].gap) == ("front_line", "it", 2.0)
    all_equal = _gaps([(1, "executive", [A(1, "B1.3", 3)]), (2, "it", [A(2, "B1.3", 3)])])
    assert (all_equal[0].high_role, all_equal[0].low_role, all_equal[0].gap) == ("it", "executive", 0.0)


def test_r_gap_1_dont_know_only_respondents_are_not_in_role_means():
    """R-GAP-1: a respondent with only "don't know" in a block has no mean there."""
    gaps = _gaps([(1, "executive", [A(1, "B1.3", None)]), (2, "front_line", [A(2, "B1.3", 1)]),
                  (3, "it", [A(3, "B1.3", 3)])])
    assert set(gaps[0].role_means) == {"front_line", "it"}
    assert gaps[0].gap == pytest.approx(2.0)


def test_r_gap_1_role_means_do_not_depend_on_answer_order():
    """R-GAP-1: executive B4.1 (0.75) at 3, B4.2 (1.2) at 5, B4.3 (0.8) at 3 -> 10.65 / 2.75 =
    3.8727; IT at 4. The same answers in reverse order give the identical Gap."""
    executive = [A(1, "B4.1", 3, "low"), A(1, "B4.2", 5, "medium"), A(1, "B4.3", 3, "medium")]
    it = [A(2, "B4.1", 4)]
    forward = _gaps([(1, "executive", executive), (2, "it", it)])
    backward = _gaps([(1, "executive", executive[::-1]), (2, "it", it)])
    assert forward[0].role_means["executive"] == pytest.approx(10.65 / 2.75)
    assert forward[0].gap == pytest.approx(4 - 10.65 / 2.75)
    assert forward == backward


def test_r_gap_1_tie_between_equal_role_means_does_not_depend_on_answer_order():
    """R-GAP-1 ties: executives and front line both at 10.65/2.75 = 3.8727 (same answers, rows in
    opposite orders), IT at 2: the tie resolves by role order to front_line as high role,
    whatever order the rows come in."""
    rows = [(3, "B4.1", "low"), (5, "B4.2", "medium"), (3, "B4.3", "medium")]

    def answers(rid, order):
        return [A(rid, item, level, conf) for level, item, conf in order]

    one = _gaps([(1, "executive", answers(1, rows)), (2, "front_line", answers(2, rows[::-1])),
                 (3, "it", [A(3, "B4.1", 2)])])
    other = _gaps([(1, "executive", answers(1, rows[::-1])), (2, "front_line", answers(2, rows)),
                   (3, "it", [A(3, "B4.1", 2)])])
    assert one[0].gap == pytest.approx(10.65 / 2.75 - 2) and one[0].flagged
    assert (one[0].high_role, one[0].low_role) == ("front_line", "it")
    assert (other[0].high_role, other[0].low_role) == ("front_line", "it")


def test_r_gap_1_threshold_is_configurable():
    """R-GAP-1 (*default* 1.0): with a 1.5 threshold a 1.0 gap is not flagged."""
    q = variant({"gap_threshold": 1.5})
    gaps = _gaps([(1, "executive", [A(1, "B1.3", 4)]), (2, "front_line", [A(2, "B1.3", 3)])], q)
    assert gaps[0].flagged is False
