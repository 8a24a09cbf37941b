"""Scores: R-SCORE-1..4 and R-GAP-1."""
from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import Iterable, Mapping

from .definition import BLOCK_IDS, Questionnaire, Settings
from .types import (GAP_ROLES, AnswerInput, BlockResult, BlockSums, Finding, Gap,
                    RespondentInput, Stat)


def to_percent(mean_level: float) -> float:
    """R-SCORE-1: map a 1-5 mean onto 0-100."""
    # Rounded to 9 places so 49.999999999999986 from float sums counts as the 50 it is (R-CWR-1).
    return round((mean_level - 1.0) / 4.0 * 100.0, 9)


def block_sums_from_answers(
    answers: Iterable[AnswerInput], questionnaire: Questionnaire
) -> list[BlockSums]:
    """R-SCORE-1 + R-SCORE-4 in one pass over answer rows: weighted by item weight x confidence.

    The database service computes the same sums with one GROUP BY query; this is the reference.
    """
    index = questionnaire.item_index()
    weights = questionnaire.settings.confidence_weights
    acc: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for answer in answers:
        block_id, item_weight, _ = index[answer.item_id]
        cell = acc[(answer.respondent_id, block_id)]
        if answer.level is None:
            cell[3] += 1
            continue
        w = item_weight * weights[answer.confidence]
        cell[0] += w * answer.level
        cell[1] += w
        cell[2] += 1
    return [BlockSums(r, b, s, t, int(a), int(d)) for (r, b), (s, t, a, d) in acc.items()]


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (the common 'type 7' definition)."""
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def describe(scores: list[float], low_sample: int) -> Stat:
    """R-SCORE-2: n, mean, median, IQR; fewer than `low_sample` respondents is marked."""
    if not scores:
        return Stat(0, None, None, None, None, True)
    ordered = sorted(scores)
    return Stat(
        n=len(ordered),
        mean=sum(ordered) / len(ordered),
        median=_quantile(ordered, 0.5),
        q1=_quantile(ordered, 0.25),
        q3=_quantile(ordered, 0.75),
        low_sample=len(ordered) < low_sample,
    )


def respondent_scores(sums: Iterable[BlockSums]) -> dict[int, dict[str, float]]:
    """R-SCORE-1 per respondent and block (0-100); blocks answered only "don't know" are absent."""
    out: dict[int, dict[str, float]] = defaultdict(dict)
    for cell in sums:
        if cell.mean_level is not None:
            out[cell.respondent_id][cell.block_id] = to_percent(cell.mean_level)
    return out


def block_results(
    sums: list[BlockSums], scores: Mapping[int, Mapping[str, float]], settings: Settings
) -> dict[str, BlockResult]:
    """R-SCORE-2 across all respondents, with the R-SCORE-4 "don't know" rate per block."""
    answered: dict[str, int] = defaultdict(int)
    unknown: dict[str, int] = defaultdict(int)
    for cell in sums:
        answered[cell.block_id] += cell.answered
        unknown[cell.block_id] += cell.dont_know
    results = {}
    for block_id in BLOCK_IDS:
        values = [s[block_id] for s in scores.values() if block_id in s]
        total = answered[block_id] + unknown[block_id]
        rate = unknown[block_id] / total if total else None
        results[block_id] = BlockResult(
            block_id=block_id,
            stat=describe(values, settings.low_sample),
            dont_know_rate=rate,
            dont_know_flag=rate is not None and rate > settings.dont_know_flag,
        )
    return results


def grouped_stats(
    scores: Mapping[int, Mapping[str, float]], group_of: Mapping[int, object], settings: Settings
) -> dict[object, dict[str, Stat]]:
    """R-SCORE-2 per department or per role: group -> block -> Stat."""
    buckets: dict[object, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for respondent_id, blocks in scores.items():
        group = group_of.get(respondent_id)
        if group is None:
            continue
        for block_id, value in blocks.items():
            buckets[group][block_id].append(value)
    return {
        group: {b: describe(blocks.get(b, []), settings.low_sample) for b in BLOCK_IDS}
        for group, blocks in buckets.items()
    }


def overall_readiness(blocks: Mapping[str, BlockResult], questionnaire: Questionnaire) -> float | None:
    """R-SCORE-3: weighted mean of block scores (equal weights by default)."""
    pairs = [(questionnaire.block(b).weight, r.score) for b, r in blocks.items() if r.score is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / total if total else None


def dont_know_flags(blocks: Mapping[str, BlockResult], settings: Settings) -> list[Finding]:
    """R-SCORE-4: "the organisation does not know itself here"."""
    return [
        Finding("R-SCORE-4", "dont-know", {"block": b, "rate": round(r.dont_know_rate * 100),
                                            "limit": round(settings.dont_know_flag * 100)})
        for b, r in blocks.items()
        if r.dont_know_flag
    ]


def perception_gaps(
    sums: list[BlockSums], respondents: Mapping[int, RespondentInput], settings: Settings
) -> list[Gap]:
    """R-GAP-1: per block, the spread between role means (executive, front line, IT) on 1-5."""
    levels: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for cell in sums:
        respondent = respondents.get(cell.respondent_id)
        if respondent and respondent.role in GAP_ROLES and cell.mean_level is not None:
            levels[cell.block_id][respondent.role].append(cell.mean_level)
    gaps = []
    for block_id in BLOCK_IDS:
        means = {role: mean(values) for role, values in levels[block_id].items()}
        if len(means) < 2:
            continue
        # Sort by (mean, role order) so ties resolve the same way whatever the input order.
        ordered = sorted(means, key=lambda r: (means[r], GAP_ROLES.index(r)))
        gap = means[ordered[-1]] - means[ordered[0]]
        gaps.append(Gap(block_id, means, ordered[-1], ordered[0], gap,
                        gap >= settings.gap_threshold - 1e-9))
    return gaps


def gap_findings(gaps: list[Gap]) -> list[Finding]:
    return [
        Finding("R-GAP-1", "perception-gap", {"block": g.block_id, "high": g.high_role,
                                               "low": g.low_role, "gap": round(g.gap, 1),
                                               "high_mean": round(g.role_means[g.high_role], 1),
                                               "low_mean": round(g.role_means[g.low_role], 1)})
        for g in gaps
        if g.flagged
    ]
