"""Scoring rules R-SCORE-1..4 and R-GAP-1 (METHOD.md section 2) on the pure engine.

Expected numbers are worked out by hand in each test from the built-in questionnaire's item
weights (B1.1 and B1.2 weigh 1.5, B1.3-B1.6 weigh 1.0; B4.1/B4.2 and B5.1 weigh 1.5).
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from readiness.method import scoring
from readiness.method.assess import assess
from readiness.method.definition import BLOCK_IDS, Questionnaire, Settings
from readiness.method.loading import load_questionnaire
from readiness.method.types import AnswerInput, BlockSums, RespondentInput, Stat

ROOT = Path(__file__).resolve().parents[1]
QFILE = ROOT / "questionnaires" / "crm-readiness.yaml"
Q = load_questionnaire(QFILE)
A = AnswerInput


def variant(settings: dict | None = None, block_weights: dict | None = None) -> Questionnaire:
    """The built-in questionnaire with some settings or block weights changed."""
    data = yaml.safe_load(QFILE.read_text(encoding="utf-8"))
    data["settings"].update(settings or {})
    for block in data["blocks"]:
        if block_weights and block["id"] in block_weights:
            block["weight"] = block_weights[block["id"]]
    return Questionnaire.model_validate(data)


def scores_of(answers, questionnaire=Q):
    return scoring.respondent_scores(scoring.block_sums_from_answers(answers, questionnaire))


def sums_by_key(answers, questionnaire=Q) -> dict[tuple[int, str], BlockSums]:
    return {(s.respondent_id, s.block_id): s
            for s in scoring.block_sums_from_answers(answers, questionnaire)}


def results_of(answers, questionnaire=Q):
    sums = scoring.block_sums_from_answers(answers, questionnaire)
    return scoring.block_results(sums, scoring.respondent_scores(sums), questionnaire.settings)


# R-SCORE-1: mapping and item weights ----------------------------------------------------------

@pytest.mark.parametrize("mean_level, percent", [
    (1.0, 0.0), (2.0, 25.0), (3.0, 50.0), (4.0, 75.0), (5.0, 100.0), (2.6, 40.0), (3.8, 70.0),
])
def test_r_score_1_maps_1_to_5_onto_0_to_100(mean_level, percent):
    """R-SCORE-1: (mean - 1) / 4 * 100."""
    assert scoring.to_percent(mean_level) == pytest.approx(percent)


def test_r_score_1_single_answer_per_level():
    """R-SCORE-1: one answer at level L scores (L-1)*25."""
    for level, expected in zip(range(1, 6), (0, 25, 50, 75, 100)):
        assert scores_of([A(1, "B1.3", level)])[1]["B1"] == pytest.approx(expected)


def test_r_score_1_item_weights_make_a_weighted_mean():
    """R-SCORE-1: B1.1 (weight 1.5) at 5 and B1.3 (weight 1.0) at 1:
    mean = (1.5*5 + 1.0*1) / 2.5 = 3.4 -> (3.4-1)/4*100 = 60, not the unweighted 50."""
    answers = [A(1, "B1.1", 5), A(1, "B1.3", 1)]
    cell = sums_by_key(answers)[(1, "B1")]
    assert cell.weighted_sum == pytest.approx(8.5)
    assert cell.weight_total == pytest.approx(2.5)
    assert cell.answered == 2 and cell.dont_know == 0
    assert cell.mean_level == pytest.approx(3.4)
    assert scores_of(answers)[1]["B1"] == pytest.approx(60.0)
    # Swap the levels: (1.5*1 + 1.0*5) / 2.5 = 2.6 -> 40.
    assert scores_of([A(1, "B1.1", 1), A(1, "B1.3", 5)])[1]["B1"] == pytest.approx(40.0)


def test_r_score_1_top_and_bottom_are_exactly_100_and_0():
    """R-SCORE-1 regression: B3.1 high + B3.3, B3.4 medium, all at 5 -> exactly 100 (float sums
    alone give 100.00000000000003); all at 1 -> exactly 0, never below."""
    top = [A(1, "B3.1", 5, "high"), A(1, "B3.3", 5, "medium"), A(1, "B3.4", 5, "medium")]
    assert scores_of(top)[1]["B3"] == 100.0
    bottom = [A(1, "B3.1", 1, "high"), A(1, "B3.3", 1, "medium"), A(1, "B3.4", 1, "medium")]
    assert scores_of(bottom)[1]["B3"] == 0.0


def test_r_score_1_answer_order_does_not_change_the_score():
    """R-SCORE-1 regression: B4.1 (1.5 x low 0.5 = 0.75) at 3, B4.2 (1.5 x medium = 1.2) at 5,
    B4.3 (1.0 x medium = 0.8) at 3: (2.25 + 6 + 2.4) / 2.75 = 3.8727 -> 71.818; the same float
    in all six orders (raw float sums differ in the last digit)."""
    answers = [A(1, "B4.1", 3, "low"), A(1, "B4.2", 5, "medium"), A(1, "B4.3", 3, "medium")]
    results = {scores_of(list(order))[1]["B4"] for order in itertools.permutations(answers)}
    assert len(results) == 1
    assert results.pop() == pytest.approx((10.65 / 2.75 - 1) / 4 * 100)


def test_r_score_1_blocks_and_respondents_are_kept_apart():
    """R-SCORE-1: one BlockSums per (respondent, block); answers do not leak across blocks."""
    answers = [A(1, "B1.3", 5), A(1, "B2.2", 1), A(2, "B1.3", 3), A(2, "B1.4", 4)]
    cells = sums_by_key(answers)
    assert set(cells) == {(1, "B1"), (1, "B2"), (2, "B1")}
    scores = scores_of(answers)
    assert scores[1] == pytest.approx({"B1": 100.0, "B2": 0.0})
    # Respondent 2: (3 + 4) / 2 = 3.5 -> 62.5.
    assert scores[2] == pytest.approx({"B1": 62.5})


# R-SCORE-4: confidence weights --------------------------------------------------------------

def test_r_score_4_default_confidence_weights():
    """R-SCORE-4: defaults low 0.5, medium 0.8, high 1.0 (the file and the model agree)."""
    expected = {"low": 0.5, "medium": 0.8, "high": 1.0}
    assert dict(Q.settings.confidence_weights) == expected
    assert dict(Settings().confidence_weights) == expected


@pytest.mark.parametrize("confidence, weighted_sum, total, percent", [
    # B1.3 at 5 with the confidence, B1.4 at 1 with high confidence (weight 1.0 each):
    ("low", 0.5 * 5 + 1, 1.5, (3.5 / 1.5 - 1) / 4 * 100),        # 33.33
    ("medium", 0.8 * 5 + 1, 1.8, (5.0 / 1.8 - 1) / 4 * 100),     # 44.44
    ("high", 1.0 * 5 + 1, 2.0, 50.0),
])
def test_r_score_4_confidence_weights_answers(confidence, weighted_sum, total, percent):
    """R-SCORE-4: a low-confidence answer counts half, medium 0.8, high fully."""
    answers = [A(1, "B1.3", 5, confidence), A(1, "B1.4", 1, "high")]
    cell = sums_by_key(answers)[(1, "B1")]
    assert cell.weighted_sum == pytest.approx(weighted_sum)
    assert cell.weight_total == pytest.approx(total)
    assert scores_of(answers)[1]["B1"] == pytest.approx(percent)


def test_r_score_4_item_weight_times_confidence_weight():
    """R-SCORE-1 + R-SCORE-4: B1.1 (1.5) at 5 medium -> weight 1.2; B1.3 (1.0) at 2 low -> 0.5.
    mean = (1.2*5 + 0.5*2) / 1.7 = 7/1.7 = 4.1176 -> 77.94."""
    answers = [A(1, "B1.1", 5, "medium"), A(1, "B1.3", 2, "low")]
    cell = sums_by_key(answers)[(1, "B1")]
    assert cell.weighted_sum == pytest.approx(7.0)
    assert cell.weight_total == pytest.approx(1.7)
    assert scores_of(answers)[1]["B1"] == pytest.approx((7.0 / 1.7 - 1) / 4 * 100)
    assert scores_of(answers)[1]["B1"] == pytest.approx(77.941176, abs=1e-5)


def test_r_score_4_confidence_weights_come_from_the_questionnaire():
    """R-SCORE-4 (*default* configurable): low weight 0.25 -> (0.25*5 + 1) / 1.25 = 1.8 -> 20."""
    q = variant({"confidence_weights": {"low": 0.25, "medium": 0.8, "high": 1.0}})
    answers = [A(1, "B1.3", 5, "low"), A(1, "B1.4", 1, "high")]
    assert scores_of(answers, q)[1]["B1"] == pytest.approx(20.0)


def test_r_score_4_uniform_confidence_does_not_change_the_score():
    """R-SCORE-4: confidence only re-weights answers against each other; all low == all high."""
    low = [A(1, "B1.1", 4, "low"), A(1, "B1.3", 2, "low")]
    high = [A(1, "B1.1", 4, "high"), A(1, "B1.3", 2, "high")]
    # (1.5*4 + 1*2) / 2.5 = 3.2 -> 55.
    assert scores_of(low)[1]["B1"] == pytest.approx(55.0)
    assert scores_of(high)[1]["B1"] == pytest.approx(55.0)


def test_r_score_1_dont_know_is_counted_not_scored():
    """R-SCORE-1/4: "don't know" adds nothing to the mean but is counted."""
    answers = [A(1, "B1.1", 4), A(1, "B1.3", None), A(1, "B1.4", None, "low")]
    cell = sums_by_key(answers)[(1, "B1")]
    assert (cell.answered, cell.dont_know) == (1, 2)
    assert cell.weighted_sum == pytest.approx(6.0) and cell.weight_total == pytest.approx(1.5)
    assert scores_of(answers)[1]["B1"] == pytest.approx(75.0)


# R-SCORE-2: aggregation, n / mean / median / IQR, low sample --------------------------------

def test_r_score_2_describe_four_values():
    """R-SCORE-2: [10,20,30,40]: mean 25, median 25, q1 17.5, q3 32.5 (linear), IQR 15."""
    stat = scoring.describe([40.0, 10.0, 30.0, 20.0], 3)
    assert stat.n == 4
    assert stat.mean == pytest.approx(25.0)
    assert stat.median == pytest.approx(25.0)
    assert stat.q1 == pytest.approx(17.5)
    assert stat.q3 == pytest.approx(32.5)
    assert stat.iqr == pytest.approx(15.0)
    assert stat.low_sample is False


def test_r_score_2_describe_odd_count():
    """R-SCORE-2: [0, 25, 100]: mean 41.67, median 25, q1 12.5, q3 62.5."""
    stat = scoring.describe([100.0, 0.0, 25.0], 3)
    assert (stat.n, stat.low_sample) == (3, False)
    assert stat.mean == pytest.approx(125 / 3)
    assert stat.median == pytest.approx(25.0)
    assert stat.q1 == pytest.approx(12.5)
    assert stat.q3 == pytest.approx(62.5)
    assert stat.iqr == pytest.approx(50.0)


def test_r_score_2_describe_ties():
    """R-SCORE-2 ties: [25,25,75,75]: median 50, q1 25, q3 75; [50]*4: IQR 0."""
    stat = scoring.describe([75.0, 25.0, 75.0, 25.0], 3)
    assert (stat.mean, stat.median, stat.q1, stat.q3) == pytest.approx((50, 50, 25, 75))
    flat = scoring.describe([50.0] * 4, 3)
    assert (flat.mean, flat.median, flat.iqr) == pytest.approx((50, 50, 0))


def test_r_score_2_describe_empty_and_single():
    """R-SCORE-2: no scores -> n 0, nothing computed, low sample; one score -> IQR 0, low sample."""
    empty = scoring.describe([], 3)
    assert empty == Stat(0, None, None, None, None, True)
    assert empty.iqr is None
    one = scoring.describe([62.5], 3)
    assert (one.n, one.mean, one.median, one.q1, one.q3, one.iqr) == (1, 62.5, 62.5, 62.5, 62.5, 0)
    assert one.low_sample is True


@pytest.mark.parametrize("n, low", [(1, True), (2, True), (3, False), (4, False)])
def test_r_score_2_low_sample_below_three(n, low):
    """R-SCORE-2: fewer than *default* 3 respondents is shown but marked low-sample."""
    answers = [A(r, "B1.3", 3) for r in range(1, n + 1)]
    block = results_of(answers)["B1"]
    assert block.stat.n == n
    assert block.stat.low_sample is low
    assert block.score == pytest.approx(50.0)


def test_r_score_2_low_sample_threshold_is_configurable():
    """R-SCORE-2 (*default* 3): with low_sample 5, three respondents are still low-sample."""
    q = variant({"low_sample": 5})
    answers = [A(r, "B1.3", 3) for r in (1, 2, 3)]
    assert results_of(answers, q)["B1"].stat.low_sample is True


def test_r_score_2_block_results_across_respondents():
    """R-SCORE-2: respondents at 0, 50, 100 on B1 -> mean 50, median 50, q1 25, q3 75, IQR 50."""
    answers = [A(1, "B1.3", 1), A(2, "B1.3", 3), A(3, "B1.3", 5)]
    block = results_of(answers)["B1"]
    assert block.stat.n == 3
    assert (block.stat.mean, block.stat.median, block.stat.q1, block.stat.q3) == pytest.approx(
        (50, 50, 25, 75))
    assert block.stat.iqr == pytest.approx(50)
    assert block.stat.low_sample is False


def test_r_score_2_block_results_cover_all_eight_blocks():
    """R-SCORE-2: every block B1-B8 has a result; unanswered ones have n 0 and no score."""
    results = results_of([A(1, "B1.3", 3)])
    assert list(results) == list(BLOCK_IDS)
    for block_id in BLOCK_IDS[1:]:
        assert results[block_id].stat.n == 0
        assert results[block_id].score is None
        assert results[block_id].dont_know_rate is None
        assert results[block_id].dont_know_flag is False


def test_r_score_2_grouped_by_department_and_role():
    """R-SCORE-2 per department: respondents without a group are left out; empty cells n 0."""
    scores = {1: {"B1": 0.0}, 2: {"B1": 100.0}, 3: {"B1": 50.0, "B2": 25.0}, 4: {"B1": 25.0}}
    grouped = scoring.grouped_stats(scores, {1: 10, 2: 10, 3: 20, 4: None}, Q.settings)
    assert set(grouped) == {10, 20}
    assert grouped[10]["B1"].n == 2
    assert grouped[10]["B1"].mean == pytest.approx(50.0)
    assert grouped[10]["B1"].q1 == pytest.approx(25.0)
    assert grouped[10]["B1"].q3 == pytest.approx(75.0)
    assert grouped[10]["B1"].low_sample is True
    assert grouped[10]["B2"] == Stat(0, None, None, None, None, True)
    assert grouped[20]["B2"].mean == pytest.approx(25.0)
    assert list(grouped[20]) == list(BLOCK_IDS)


def test_r_score_2_by_department_and_by_role_in_assess():
    """R-SCORE-2 via assess: three sales respondents (not low sample), one IT respondent."""
    respondents = [RespondentInput(1, "front_line", 7), RespondentInput(2, "front_line", 7),
                   RespondentInput(3, "manager", 7), RespondentInput(4, "it", 8),
                   RespondentInput(5, "executive", None)]
    answers = [A(1, "B5.2", 2), A(2, "B5.2", 3), A(3, "B5.2", 5), A(4, "B5.2", 4),
               A(5, "B5.2", 1)]
    result = assess(Q, respondents, scoring.block_sums_from_answers(answers, Q))
    sales = result.by_department[7]["B5"]
    # 25, 50, 100 -> mean 58.33, median 50, n 3.
    assert (sales.n, sales.low_sample) == (3, False)
    assert sales.mean == pytest.approx(175 / 3)
    assert sales.median == pytest.approx(50.0)
    assert result.by_department[8]["B5"].mean == pytest.approx(75.0)
    assert result.by_department[8]["B5"].low_sample is True
    assert set(result.by_department) == {7, 8}  # respondent 5 has no department
    assert set(result.by_role) == {"front_line", "manager", "it", "executive"}
    assert result.by_role["front_line"]["B5"].mean == pytest.approx(37.5)
    assert result.by_role["front_line"]["B5"].n == 2
    assert result.by_role["executive"]["B5"].mean == pytest.approx(0.0)
    # All five respondents: 25, 50, 100, 75, 0 -> mean 50, median 50, q1 25, q3 75.
    block = result.blocks["B5"].stat
    assert (block.n, block.mean, block.median, block.q1, block.q3) == pytest.approx(
        (5, 50, 50, 25, 75))


# R-SCORE-3: overall ------------------------------------------------------------------------

def test_r_score_3_overall_is_equal_weight_mean_of_answered_blocks():
    """R-SCORE-3: B1 100 and B2 0 answered, the rest not -> overall 50 (unanswered blocks skipped)."""
    results = results_of([A(1, "B1.3", 5), A(1, "B2.2", 1)])
    assert scoring.overall_readiness(results, Q) == pytest.approx(50.0)


def test_r_score_3_overall_over_all_blocks():
    """R-SCORE-3: blocks at 0, 25, 50, 75, 100, 100, 50, 0 -> 400/8 = 50."""
    levels = dict(zip(BLOCK_IDS, (1, 2, 3, 4, 5, 5, 3, 1)))
    results = results_of([A(1, f"{b}.3", lv) for b, lv in levels.items()])
    assert scoring.overall_readiness(results, Q) == pytest.approx(50.0)


def test_r_score_3_block_weights():
    """R-SCORE-3 (*default* equal weights): B1 weight 3 -> (3*100 + 1*0) / 4 = 75."""
    q = variant(block_weights={"B1": 3})
    answers = [A(1, "B1.3", 5), A(1, "B2.2", 1)]
    sums = scoring.block_sums_from_answers(answers, q)
    results = scoring.block_results(sums, scoring.respondent_scores(sums), q.settings)
    assert scoring.overall_readiness(results, q) == pytest.approx(75.0)


def test_r_score_3_no_scores_no_overall():
    """R-SCORE-3: with no scored block there is no overall (None, not 0)."""
    assert scoring.overall_readiness(results_of([]), Q) is None
    assert scoring.overall_readiness(results_of([A(1, "B1.3", None)]), Q) is None


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
    assert flag.message("en") == ('B1: 40% of answers are "don\'t know" (above 30%): the '
                                  'organisation does not know itself here.')
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
    assert [f.code for f in result.flags] == ["dont-know"]
    assert result.flags[0].params["rate"] == 100


# Edge cases -------------------------------------------------------------------------------

def test_no_answers_at_all():
    """R-SCORE-1..4 edge: no respondents, no answers -> nothing scored, nothing flagged."""
    result = assess(Q, [], [])
    assert result.respondents == 0
    assert result.overall is None
    for block_id in BLOCK_IDS:
        block = result.blocks[block_id]
        assert block.score is None
        assert block.stat == Stat(0, None, None, None, None, True)
        assert block.dont_know_rate is None and block.dont_know_flag is False
    assert result.by_department == {} and result.by_role == {}
    assert result.gaps == () and result.flags == ()
    # Red lights needing scores stay silent; those on missing engagement facts still speak.
    rules = {f.rule for f in result.red_lights}
    assert {"R-RED-1", "R-RED-2", "R-CWR-4"}.isdisjoint(rules)
    assert rules == {"R-RED-3", "R-RED-4", "R-RED-5", "R-PAIN-3"}


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
    assert finding.message("en") == ("B1: executives see it at 4.0, front line at 3.0 on the 1-5 "
                                     "scale (gap 1.0).")
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
