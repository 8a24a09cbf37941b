"""Scoring rule R-SCORE-4 (don't-know rate) and edge cases of the pure engine (METHOD.md
section 2)."""
from __future__ import annotations

import pytest

from readiness.method import scoring
from readiness.method.assess import assess
from readiness.method.definition import BLOCK_IDS
from readiness.method.types import AnswerInput, RespondentInput, Stat
from tests.method.scoring_helpers import A, Q, results_of, scores_of, sums_by_key, variant

# R-SCORE-4: don't-know rate ----------------------------------------------------------------

def _dont_know_answers(dont_knows: int) -> list[AnswerInput]:
    """Ten B1 answers from two respondents, `dont_knows` of them "don't know"."""
    slots = [(1, f"B1.{i}") for i in range(1, 7)] + [(2, f"B1.{i}") for i in range(1, 5)]
    return [A(r, item, None if n < dont_knows else 3) for n, (r, item) in enumerate(slots)]


def test_r_score_4_dont_know_rate_exactly_30_percent_not_flagged():
    """R-SCORE-4: 3 of 10 answers "don't know" = 30%, not *above* 30%: no flag."""
    block = results_of(_dont_know_answers(3))["B1"]
    assert block.dont_know_rate == pytest.approx(0.3)
    assert block.dont_know_flag is False
    assert scoring.dont_know_flags(results_of(_dont_know_answers(3)), Q.settings) == []


def test_r_score_4_dont_know_rate_above_30_percent_flagged():
    """R-SCORE-4: 4 of 10 = 40% > 30%: "the organisation does not know itself here"."""
    results = results_of(_dont_know_answers(4))
    assert results["B1"].dont_know_rate == pytest.approx(0.4)
    assert results["B1"].dont_know_flag is True
    flags = scoring.dont_know_flags(results, Q.settings)
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.rule, flag.code, flag.red) == ("R-SCORE-4", "dont-know", False)
    assert dict(flag.params) == {"block": "B1", "rate": 40, "limit": 30}
    assert flag.message("en") == ('Vision: 40% of answers are "don\'t know" (above 30%): the '
                                  'organisation does not know itself here.')
    assert flag.message("zh").startswith("愿景：40% 的回答")
    assert "40%" in flag.message("zh") and "30%" in flag.message("zh")
    # The scored answers still score: six answers at level 3 -> 50.
    assert results["B1"].score == pytest.approx(50.0)


def test_r_score_4_message_rate_agrees_with_the_rule():
    """R-SCORE-4: 7 "don't know" of 23 answers = 30.43% > 30% -> flagged; the rate the message
    shows must be above the limit it shows."""
    slots = [(r, f"B1.{i}") for r in range(1, 5) for i in range(1, 7)][:23]
    answers = [A(r, item, None if n < 7 else 3) for n, (r, item) in enumerate(slots)]
    results = results_of(answers)
    assert results["B1"].dont_know_rate == pytest.approx(7 / 23)
    flag = scoring.dont_know_flags(results, Q.settings)[0]
    assert flag.params["rate"] > flag.params["limit"]


def test_r_score_4_dont_know_limit_is_configurable():
    """R-SCORE-4 (*default* 30%): with a 50% limit, 40% is not flagged."""
    q = variant({"dont_know_flag": 0.5})
    assert results_of(_dont_know_answers(4), q)["B1"].dont_know_flag is False


def test_r_score_4_all_dont_know_scores_none_not_zero():
    """R-SCORE-1/4 edge: a block answered only "don't know" has no score (None), rate 100%."""
    answers = [A(1, f"B1.{i}", None) for i in range(1, 7)]
    cell = sums_by_key(answers)[(1, "B1")]
    assert (cell.answered, cell.dont_know, cell.weight_total) == (0, 6, 0)
    assert cell.mean_level is None
    assert scores_of(answers) == {}
    block = results_of(answers)["B1"]
    assert block.score is None
    assert block.stat.n == 0
    assert block.dont_know_rate == pytest.approx(1.0)
    assert block.dont_know_flag is True
    result = assess(Q, [RespondentInput(1, "it", None)], scoring.block_sums_from_answers(answers, Q))
    assert result.overall is None
    assert result.respondents == 1
    # R-DATA-1: "don't know" alone scores nothing: the assessment has no answers to read yet.
    assert [f.code for f in result.flags] == ["no-answers", "dont-know"]
    assert result.flags[1].params["rate"] == 100


# Edge cases -------------------------------------------------------------------------------

def test_no_answers_at_all():
    """R-SCORE-1..4 edge: no respondents, no answers -> nothing scored; the only flag is R-DATA-1
    'no-answers' (the summary says the assessment has no answers yet)."""
    result = assess(Q, [], [])
    assert result.respondents == 0
    assert result.overall is None
    for block_id in BLOCK_IDS:
        block = result.blocks[block_id]
        assert block.score is None
        assert block.stat == Stat(0, None, None, None, None, True)
        assert block.dont_know_rate is None and block.dont_know_flag is False
    assert result.by_department == {} and result.by_role == {}
    assert result.gaps == ()
    assert [(f.rule, f.code, dict(f.params), f.red) for f in result.flags] == [
        ("R-DATA-1", "no-answers", {}, False)]
    # Red lights that read answers stay silent (R-DATA-1: R-RED-5 too, no answers is no
    # evidence); those on missing engagement facts still speak.
    rules = {f.rule for f in result.red_lights}
    assert {"R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4"}.isdisjoint(rules)
    assert rules == {"R-RED-3", "R-RED-4", "R-PAIN-3"}


def test_one_respondent_is_low_sample():
    """R-SCORE-2 edge: one respondent -> n 1, mean = median, IQR 0, low sample; overall = its mean."""
    answers = [A(1, "B1.1", 5), A(1, "B1.3", 1), A(1, "B2.2", 2)]
    result = assess(Q, [RespondentInput(1, "executive", 3)], scoring.block_sums_from_answers(answers, Q))
    assert result.respondents == 1
    b1 = result.blocks["B1"].stat
    assert (b1.n, b1.low_sample) == (1, True)
    assert (b1.mean, b1.median, b1.iqr) == pytest.approx((60.0, 60.0, 0.0))
    # Overall: (60 + 25) / 2 = 42.5.
    assert result.overall == pytest.approx(42.5)
    assert result.by_department[3]["B1"].low_sample is True
    assert result.by_role["executive"]["B2"].mean == pytest.approx(25.0)


def test_assess_ignores_rows_of_unknown_respondents():
    """R-SCORE-2: block sums of respondents not in the engagement do not count."""
    answers = [A(1, "B1.3", 5), A(99, "B1.3", 1)]
    result = assess(Q, [RespondentInput(1, "it", None)], scoring.block_sums_from_answers(answers, Q))
    assert result.respondents == 1
    assert result.blocks["B1"].score == pytest.approx(100.0)
