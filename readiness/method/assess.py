"""Assemble a whole engagement's assessment from pre-aggregated rows (pure, one pass each)."""
from __future__ import annotations

from typing import Iterable

from . import levels, pains, redlights, scoring
from .aggregate import aggregate
from .definition import Questionnaire
from .types import (Assessment, Finding, BlockSums, DepartmentInput, EngagementFacts, PainInput,
                    RespondentInput)


#: Red lights that read answers: R-DATA-2 puts the low-sample caveat on them.
READS_ANSWERS = {"R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4"}


def _with_sample_caveat(findings: list[Finding], respondents: int, low_sample: int) -> list[Finding]:
    """R-DATA-2: a red light drawn from fewer than `low_sample` respondents says so itself."""
    if not 0 < respondents < low_sample:
        return findings
    return [Finding(f.rule, f.code, {**f.params, "low_n": respondents}, f.red)
            if f.rule in READS_ANSWERS else f for f in findings]


def assess(
    questionnaire: Questionnaire,
    respondents: Iterable[RespondentInput],
    sums: Iterable[BlockSums],
    departments: Iterable[DepartmentInput] = (),
    pain_points: Iterable[PainInput] = (),
    facts: EngagementFacts = EngagementFacts(),
) -> Assessment:
    settings = questionnaire.settings
    respondents = {r.id: r for r in respondents}
    pain_points = list(pain_points)

    # One pass for scoring.respondent_scores + block_results + grouped_stats + perception_gaps.
    scored = aggregate(sums if isinstance(sums, (list, tuple)) else list(sums), respondents,
                       settings)
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
        + (redlights.guessing_not_asking(facts) if scored.respondents else [])  # R-DATA-1
        + levels.technology_ahead(block_scores, settings)
        + pains.no_pain(pain_points)
    )
    red_lights = _with_sample_caveat(red_lights, scored.respondents, settings.low_sample)
    flags = ([Finding("R-DATA-1", "no-answers", {})] if not scored.respondents else [])
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
