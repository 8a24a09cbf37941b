"""Scoring rules R-SCORE-2 (aggregation: n / mean / median / IQR, low sample) and R-SCORE-3
(overall readiness) on the pure engine (METHOD.md section 2).

Expected numbers are worked out by hand in each test from the built-in questionnaire's item
weights (B1.1 and B1.2 weigh 1.5, B1.3-B1.6 weigh 1.0; B4.1/B4.2 and B5.1 weigh 1.5).
"""
from __future__ import annotations

import pytest

from readiness.method import scoring
from readiness.method.assess import assess
from readiness.method.definition import BLOCK_IDS
from readiness.method.types import RespondentInput, Stat
from tests.method.scoring_helpers import A, Q, results_of, variant

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
    levels = dict(zip(BLOCK_IDS, (1, 2, 3, 4, 5, 5, 3, 1), strict=True))
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
