"""Assemble a whole engagement's assessment from pre-aggregated rows (pure, one pass each)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import levels, pains, redlights, scoring
from .aggregate import Aggregates, aggregate
from .definition import Questionnaire
from .types import (
    Assessment,
    BlockResult,
    BlockSums,
    DepartmentInput,
    EngagementFacts,
    Finding,
    PainInput,
    RespondentInput,
)

#: Red lights that read answers, and the blocks whose respondents they rest on (R-DATA-2).
READS_ANSWERS = {"R-RED-1": ("B1", "B2"), "R-RED-2": ("B4",), "R-RED-5": ("B1", "B3"),
                 "R-CWR-4": ("B5", "B7")}


def _with_sample_caveat(findings: list[Finding], blocks: Mapping[str, BlockResult],
                        low_sample: int) -> list[Finding]:
    """R-DATA-2: a red light drawn from a low-sample cell says so itself: the fewest respondents
    behind the blocks it reads."""
    out = []
    for f in findings:
        counts = [blocks[b].stat.n for b in READS_ANSWERS.get(f.rule, ()) if b in blocks
                  and blocks[b].stat.n]
        n = min(counts) if counts else 0
        out.append(Finding(f.rule, f.code, {**f.params, "low_n": n}, f.red)
                   if 0 < n < low_sample else f)
    return out


def assess(
    questionnaire: Questionnaire,
    respondents: Iterable[RespondentInput],
    sums: Iterable[BlockSums],
    departments: Iterable[DepartmentInput] = (),
    pain_points: Iterable[PainInput] = (),
    facts: EngagementFacts = EngagementFacts(),
) -> Assessment:
    # One pass for scoring.respondent_scores + block_results + grouped_stats + perception_gaps.
    scored = aggregate(sums if isinstance(sums, (list, tuple)) else list(sums),
                       {r.id: r for r in respondents}, questionnaire.settings)
    return assess_scored(questionnaire, scored, departments, pain_points, facts)


def assess_scored(
    questionnaire: Questionnaire,
    scored: Aggregates,
    departments: Iterable[DepartmentInput] = (),
    pain_points: Iterable[PainInput] = (),
    facts: EngagementFacts = EngagementFacts(),
) -> Assessment:
    """assess() from the answers' aggregates already computed (they may be cached: the
    engagement's facts, departments and pains are always today's)."""
    settings = questionnaire.settings
    pain_points = list(pain_points)
    blocks, by_department, by_role, gaps = (scored.blocks, scored.by_department, scored.by_role,
                                            scored.gaps)
    block_scores = {b: r.score for b, r in blocks.items()}

    department_levels = tuple(
        levels.recommend(d, by_department.get(d.id, {}), questionnaire) for d in departments)
    ranked = pains.rank_pains(pain_points, settings.top_pains)

    red_lights = (
        redlights.crm_before_strategy(block_scores, settings)
        + redlights.change_not_led(block_scores, settings)
        + redlights.no_sponsor(facts)
        + redlights.it_only_team(facts)
        + (redlights.guessing_not_asking(facts)  # R-DATA-1: no answers is no evidence
           if any(b.stat.n for b in blocks.values()) else [])
        + levels.technology_ahead(block_scores, settings)
        + pains.no_pain(pain_points)
    )
    red_lights = _with_sample_caveat(red_lights, blocks, settings.low_sample)
    answered = any(b.stat.n for b in blocks.values())  # R-DATA-1: scored answers, not "don't know"
    flags = ([Finding("R-DATA-1", "no-answers", {})] if not answered else [])
    flags = flags + (scoring.dont_know_flags(blocks, settings) + scoring.gap_findings(gaps)
             + pains.priority_flags(ranked, settings.top_pains))
    return Assessment(
        respondents=scored.respondents,
        overall=scoring.overall_readiness(blocks, questionnaire),
        blocks=blocks,
        by_department=by_department,
        by_role=by_role,
        gaps=tuple(gaps),
        levels=department_levels,
        pains=tuple(ranked),
        red_lights=tuple(red_lights),
        flags=tuple(flags),
    )
