"""R-SCORE-1/2/4 and R-GAP-1 for a whole engagement in one pass over the block sums.

`aggregate` returns exactly what scoring.respondent_scores + block_results + grouped_stats (per
department and per role) + perception_gaps return, reading each BlockSums once instead of five
times: each cell's score is filed under its respondent's (department, role) group, and the
department, role and all-respondent lists are joined from those groups. A 10,000-respondent
dashboard reads 80,000 cells per request (bench/dashboard.py); this is its hot loop.

Expects one BlockSums per (respondent, block), as the respondent_block primary key and
scoring.block_sums_from_answers guarantee.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from .definition import BLOCK_IDS, Settings
from .scoring import block_result, describe, gap_level, gaps_from_levels, to_percent
from .types import GAP_ROLES, BlockResult, BlockSums, Gap, RespondentInput, Stat


@dataclass(frozen=True)
class Aggregates:
    blocks: dict[str, BlockResult]
    by_department: dict[int, dict[str, Stat]]
    by_role: dict[str, dict[str, Stat]]
    gaps: list[Gap]
    respondents: int  # respondents with at least one block sum


def _stats(lists: Mapping[str, list[float]], low_sample: int) -> dict[str, Stat]:
    return {b: describe(lists.get(b, []), low_sample) for b in BLOCK_IDS}


def aggregate(sums: Sequence[BlockSums], respondents: Mapping[int, RespondentInput],
              settings: Settings) -> Aggregates:
    """Cells of respondents not in `respondents` are ignored."""
    groups: dict[tuple[int | None, str], dict[str, list[float]]] = {}
    gap_levels: dict[str, dict[str, list[float]]] = {role: defaultdict(list) for role in GAP_ROLES}
    #: respondent id -> (their group's lists, their role's R-GAP-1 lists or None)
    targets: dict[int, tuple[dict[str, list[float]], dict[str, list[float]] | None]] = {}
    for respondent in respondents.values():
        key = (respondent.department_id, respondent.role)
        if key not in groups:
            groups[key] = defaultdict(list)
        targets[respondent.id] = (groups[key], gap_levels.get(respondent.role))

    answered: dict[str, int] = defaultdict(int)
    unknown: dict[str, int] = defaultdict(int)
    memo: dict[float, tuple[float, float]] = {}  # mean level -> (R-SCORE-1 score, R-GAP-1 level)
    for respondent_id, block_id, weighted_sum, weight_total, count, dont_know in sums:
        target = targets.get(respondent_id)
        if target is None:
            continue
        answered[block_id] += count
        unknown[block_id] += dont_know
        if weight_total > 0:  # a mean level exists (not only "don't know")
            mean_level = weighted_sum / weight_total
            pair = memo.get(mean_level)
            if pair is None:
                pair = memo[mean_level] = (to_percent(mean_level), gap_level(mean_level))
            lists, gap_lists = target
            lists[block_id].append(pair[0])
            if gap_lists is not None:
                gap_lists[block_id].append(pair[1])

    everyone: dict[str, list[float]] = defaultdict(list)
    departments: dict[int, dict[str, list[float]]] = {}
    roles: dict[str, dict[str, list[float]]] = {}
    for (department, role), lists in groups.items():
        if not any(lists.values()):  # nobody in the group has a score: no group (as grouped_stats)
            continue
        for block_id, values in lists.items():
            values.sort()  # describe() sorts the joined lists: sorted runs merge fast
            everyone[block_id] += values
            if department is not None:
                departments.setdefault(department, defaultdict(list))[block_id] += values
            if role is not None:
                roles.setdefault(role, defaultdict(list))[block_id] += values

    low = settings.low_sample
    levels = {b: {role: gap_levels[role][b] for role in GAP_ROLES if gap_levels[role].get(b)}
              for b in BLOCK_IDS}
    return Aggregates(
        blocks={b: block_result(b, everyone.get(b, []), answered[b], unknown[b], settings)
                for b in BLOCK_IDS},
        by_department={d: _stats(lists, low) for d, lists in departments.items()},
        by_role={r: _stats(lists, low) for r, lists in roles.items()},
        gaps=gaps_from_levels(levels, settings),
        respondents=len(respondents.keys() & set(map(itemgetter(0), sums))),
    )
