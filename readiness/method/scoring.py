"""Scores: R-SCORE-1..4 and R-GAP-1."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import partial
from operator import is_not, methodcaller
from statistics import mean

from .definition import BLOCK_IDS, Questionnaire, Settings
from .numbers import shown, whole
from .types import (
    GAP_ROLES,
    AnswerInput,
    BlockResult,
    BlockSums,
    Finding,
    Gap,
    RespondentInput,
    Stat,
)


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


_SCALE = 2.0 ** 52
_is_score = partial(is_not, None)


def exact_mean(values: list[float]) -> float:
    """statistics.mean (the correctly rounded mean of the exact sum), without its per-value
    Fraction arithmetic when every value is >= 1, as mean levels on the 1-5 scale are: such a
    float times 2**52 is an exact integer, so the integer sum is exact and int / int rounds once."""
    if values and min(values) >= 1.0:
        try:  # C-level loops; a non-float (NotImplemented from float.__mul__) falls back
            return (sum(map(int, map(_SCALE.__mul__, values)))
                    / (4503599627370496 * len(values)))
        except (OverflowError, ValueError, TypeError):  # inf, nan, not a float
            pass
    return mean(values)


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


def _column(respondents: list[Mapping[str, float]], block_id: str) -> list[float]:
    """The block's scores of these respondents (those without one skipped), in C-level loops:
    the same list as [s[block_id] for s in respondents if block_id in s]."""
    return list(filter(_is_score, map(methodcaller("get", block_id), respondents)))


def respondent_scores(sums: Iterable[BlockSums]) -> dict[int, dict[str, float]]:
    """R-SCORE-1 per respondent and block (0-100); blocks answered only "don't know" are absent.

    Hot loop of a large dashboard (80,000 cells): `to_percent(cell.mean_level)` written out, and its
    rounding memoised on the unrounded value (few distinct means recur across respondents)."""
    out: dict[int, dict[str, float]] = defaultdict(dict)
    memo: dict[float, float] = {}
    for respondent_id, block_id, weighted_sum, weight_total, _, _ in sums:
        if weight_total > 0:
            raw = (weighted_sum / weight_total - 1.0) / 4.0 * 100.0
            value = memo.get(raw)
            if value is None:
                value = memo[raw] = round(raw, 9)
            out[respondent_id][block_id] = value
    return out


def block_results(
    sums: list[BlockSums], scores: Mapping[int, Mapping[str, float]], settings: Settings
) -> dict[str, BlockResult]:
    """R-SCORE-2 across all respondents, with the R-SCORE-4 "don't know" rate per block."""
    answered: dict[str, int] = defaultdict(int)
    unknown: dict[str, int] = defaultdict(int)
    for _, block_id, _, _, count, dont_know in sums:
        answered[block_id] += count
        unknown[block_id] += dont_know
    respondents = list(scores.values())
    return {b: block_result(b, _column(respondents, b), answered[b], unknown[b], settings)
            for b in BLOCK_IDS}


def block_result(block_id: str, values: list[float], answered: int, unknown: int,
                 settings: Settings) -> BlockResult:
    """One block across respondents: its scores' Stat and the "don't know" rate (R-SCORE-4)."""
    total = answered + unknown
    rate = unknown / total if total else None
    return BlockResult(
        block_id=block_id,
        stat=describe(values, settings.low_sample),
        dont_know_rate=rate,
        dont_know_flag=rate is not None and rate > settings.dont_know_flag,
    )


def grouped_stats(
    scores: Mapping[int, Mapping[str, float]], group_of: Mapping[int, object], settings: Settings
) -> dict[object, dict[str, Stat]]:
    """R-SCORE-2 per department or per role: group -> block -> Stat."""
    members: dict[object, list[Mapping[str, float]]] = {}
    for respondent_id, blocks in scores.items():
        group = group_of.get(respondent_id)
        if group is not None and blocks:
            if group in members:
                members[group].append(blocks)
            else:
                members[group] = [blocks]
    return {
        group: {b: describe(_column(respondents, b), settings.low_sample) for b in BLOCK_IDS}
        for group, respondents in members.items()
    }


def overall_readiness(blocks: Mapping[str, BlockResult], questionnaire: Questionnaire) -> float | None:
    """R-SCORE-3: weighted mean of block scores (equal weights by default)."""
    pairs = [(questionnaire.block(b).weight, r.score) for b, r in blocks.items() if r.score is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / total if total else None


def dont_know_flags(blocks: Mapping[str, BlockResult], settings: Settings) -> list[Finding]:
    """R-SCORE-4: "the organisation does not know itself here"."""
    return [
        Finding("R-SCORE-4", "dont-know", {
            "block": b, "rate": shown(r.dont_know_rate * 100, settings.dont_know_flag * 100, below=False),
            "limit": whole(round(settings.dont_know_flag * 100, 6))})
        for b, r in blocks.items()
        if r.dont_know_flag and r.dont_know_rate is not None  # the flag implies a rate
    ]


def perception_gaps(
    sums: list[BlockSums], respondents: Mapping[int, RespondentInput], settings: Settings
) -> list[Gap]:
    """R-GAP-1: per block, the spread between role means (executive, front line, IT) on 1-5."""
    role_of = {i: r.role for i, r in respondents.items() if r.role in GAP_ROLES}
    levels: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    memo: dict[float, float] = {}
    for respondent_id, block_id, weighted_sum, weight_total, _, _ in sums:
        role = role_of.get(respondent_id)
        if role is not None and weight_total > 0:  # i.e. mean_level is not None
            # Rounded like to_percent: the last float digits depend on the order of the rows.
            raw = weighted_sum / weight_total
            level = memo.get(raw)
            if level is None:
                level = memo[raw] = gap_level(raw)
            levels[block_id][role].append(level)
    return gaps_from_levels(levels, settings)


def gap_level(mean_level: float) -> float:
    """A respondent's mean level as R-GAP-1 averages it."""
    return round(mean_level, 9)


def gaps_from_levels(levels: Mapping[str, Mapping[str, list[float]]],
                     settings: Settings) -> list[Gap]:
    """R-GAP-1 from block -> role -> the respondents' mean levels (roles without any left out)."""
    gaps = []
    for block_id in BLOCK_IDS:
        means = {role: round(exact_mean(values), 9)
                 for role, values in levels.get(block_id, {}).items() if values}
        if len(means) < 2:
            continue
        # Sort by (mean, role order) so ties resolve the same way whatever the input order.
        ordered = sorted(means, key=lambda r: (means[r], GAP_ROLES.index(r)))
        gap = round(means[ordered[-1]] - means[ordered[0]], 9)
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
