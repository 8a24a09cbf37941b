"""method.aggregate.aggregate_sorted (the dashboard's aggregation of rows the database sorted)
returns exactly what method.aggregate.aggregate returns: same statistics to the last bit."""
from __future__ import annotations

import random

from hypothesis import given

from readiness.method.aggregate import aggregate, aggregate_sorted
from readiness.method.types import ROLES, BlockSums, RespondentInput
from tests.method.test_aggregate import PROPERTY, Q, engagements


def database_rows(sums, respondents):
    """What engagements.scores.sorted_cells_query returns: the kept respondents' cells with their
    department and role, mean level divided as the database divides, in (department, role,
    block) runs."""
    by_id = {r.id: r for r in respondents}
    rows = [(s.respondent_id, by_id[s.respondent_id].department_id, by_id[s.respondent_id].role,
             s.block_id, s.weighted_sum / s.weight_total if s.weight_total > 0 else None,
             s.answered, s.dont_know)
            for s in sums if s.respondent_id in by_id]
    return sorted(rows, key=lambda r: (r[1] is not None, r[1] or 0, r[2], r[3]))


def same(sums, respondents):
    expected = aggregate(list(sums), {r.id: r for r in respondents}, Q.settings)
    actual = aggregate_sorted(database_rows(sums, respondents), Q.settings)
    assert actual == expected


@PROPERTY
@given(engagements())
def test_sorted_rows_give_the_same_aggregates(engagement):
    same(*engagement)


def test_a_large_random_engagement_gives_the_same_aggregates():
    rng = random.Random(20261130)
    respondents = [RespondentInput(i, rng.choice(ROLES), rng.choice([1, 2, 3, 4, None]))
                   for i in range(3000)]
    sums = []
    for r in respondents:
        for block in ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"):
            answered = rng.randint(0, 6)
            total = sum(rng.choice([0.5, 0.8, 1.0]) * rng.choice([1.0, 1.5])
                        for _ in range(answered))
            level_sum = total * rng.uniform(1, 5)
            sums.append(BlockSums(r.id, block, level_sum, total, answered, 6 - answered))
    same(sums, respondents[::3] + respondents[1::3])
