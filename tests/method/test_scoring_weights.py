"""Scoring rules R-SCORE-1 (mapping and item weights) and R-SCORE-4 (confidence weights) on the
pure engine (METHOD.md section 2).

Expected numbers are worked out by hand in each test from the built-in questionnaire's item
weights (B1.1 and B1.2 weigh 1.5, B1.3-B1.6 weigh 1.0; B4.1/B4.2 and B5.1 weigh 1.5).
"""
from __future__ import annotations

import itertools

import pytest

from readiness.method import scoring
from readiness.method.definition import Settings
from tests.method.scoring_helpers import A, Q, scores_of, sums_by_key, variant

# R-SCORE-1: mapping and item weights ----------------------------------------------------------

@pytest.mark.parametrize("mean_level, percent", [
    (1.0, 0.0), (2.0, 25.0), (3.0, 50.0), (4.0, 75.0), (5.0, 100.0), (2.6, 40.0), (3.8, 70.0),
])
def test_r_score_1_maps_1_to_5_onto_0_to_100(mean_level, percent):
    """R-SCORE-1: (mean - 1) / 4 * 100."""
    assert scoring.to_percent(mean_level) == pytest.approx(percent)


def test_r_score_1_single_answer_per_level():
    """R-SCORE-1: one answer at level L scores (L-1)*25."""
    for level, expected in zip(range(1, 6), (0, 25, 50, 75, 100), strict=True):
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
