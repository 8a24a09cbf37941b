"""method.aggregate (the one-pass scoring behind assess) returns exactly what the five scoring
functions return one by one, whatever the data and the order of the rows."""
from __future__ import annotations

import random
import statistics
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from readiness.method import scoring
from readiness.method.aggregate import aggregate
from readiness.method.loading import load_questionnaire
from readiness.method.types import CONFIDENCES, ROLES, AnswerInput, BlockSums, RespondentInput

ROOT = Path(__file__).resolve().parents[2]
Q = load_questionnaire(ROOT / "questionnaires" / "crm-readiness.yaml")
ITEMS = [item.id for item in Q.items()]
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "readiness-tests-hypothesis")
PROPERTY = settings(max_examples=80, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def five_functions(sums, respondents):
    """assess before the one-pass aggregation: the reference."""
    by_id = {r.id: r for r in respondents}
    sums = [s for s in sums if s.respondent_id in by_id]
    scores = scoring.respondent_scores(sums)
    settings_ = Q.settings
    return (
        scoring.block_results(sums, scores, settings_),
        scoring.grouped_stats(scores, {r.id: r.department_id for r in respondents}, settings_),
        scoring.grouped_stats(scores, {r.id: r.role for r in respondents}, settings_),
        scoring.perception_gaps(sums, by_id, settings_),
        len({s.respondent_id for s in sums}),
    )


def one_pass(sums, respondents):
    result = aggregate(sums, {r.id: r for r in respondents}, Q.settings)
    return result.blocks, result.by_department, result.by_role, result.gaps, result.respondents


@st.composite
def engagements(draw):
    count = draw(st.integers(0, 12))
    respondents = [RespondentInput(i, draw(st.sampled_from(ROLES)),
                                   draw(st.sampled_from([1, 2, 3, None]))) for i in range(count)]
    answers = draw(st.lists(st.builds(
        AnswerInput, st.integers(0, count + 1), st.sampled_from(ITEMS),
        st.one_of(st.none(), st.integers(1, 5)), st.sampled_from(CONFIDENCES)), max_size=150))
    unique = {(a.respondent_id, a.item_id): a for a in answers}  # one answer per item
    sums = scoring.block_sums_from_answers(unique.values(), Q)
    # Some respondents are filtered out of the assessment (their rows must not count).
    kept = [r for r in respondents if draw(st.booleans()) or r.id % 2]
    return draw(st.permutations(sums)), kept


@PROPERTY
@given(engagements())
def test_aggregate_equals_the_five_scoring_functions(engagement):
    sums, respondents = engagement
    assert one_pass(sums, respondents) == five_functions(sums, respondents)


def test_aggregate_on_a_large_random_engagement():
    """Thousands of respondents with every role, unscored blocks and unknown respondents."""
    rng = random.Random(7)
    respondents = [RespondentInput(i, rng.choice(ROLES), rng.choice([1, 2, 3, 4, None]))
                   for i in range(3000)]
    sums = []
    for respondent_id in range(3010):  # the last ten are not in `respondents`
        for block in Q.blocks:
            if rng.random() < 0.1:
                continue
            answered = rng.randint(0, len(block.items))
            weights = [rng.choice([1.0, 1.5]) * rng.choice([0.5, 0.8, 1.0])
                       for _ in range(answered)]
            levels = [rng.randint(1, 5) for _ in range(answered)]
            sums.append(BlockSums(respondent_id, block.id,
                                  sum(w * v for w, v in zip(weights, levels, strict=True)), sum(weights),
                                  answered, len(block.items) - answered))
    rng.shuffle(sums)
    expected = five_functions(sums, respondents)
    assert one_pass(sums, respondents) == expected
    assert expected[4] == 3000 and len(expected[1]) == 4 and len(expected[2]) == len(ROLES)


@PROPERTY
@given(st.lists(st.floats(1.0, 5.0), min_size=1, max_size=300))
def test_exact_mean_is_statistics_mean(values):
    assert scoring.exact_mean(values) == statistics.mean(values)


@pytest.mark.parametrize("values", [[0.5, 2.0], [1e300, 3e300], [2.0, float("inf")]])
def test_exact_mean_falls_back_outside_its_fast_case(values):
    assert scoring.exact_mean(values) == statistics.mean(values)
