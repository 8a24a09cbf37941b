"""Crawl / walk / run: R-CWR-0..4."""
from __future__ import annotations

from collections.abc import Mapping
from statistics import median_low

from .definition import LEVEL_NUMBERS, Questionnaire, Settings
from .numbers import half_up, whole
from .types import DepartmentInput, DepartmentLevel, Finding, Stat

CRAWL, WALK, RUN = 1, 2, 3


def needed_level(fit_answers: Mapping[str, str], questionnaire: Questionnaire) -> int | None:
    """R-CWR-0: the level the business needs, from the use-case fit answers.

    The lower median of the levels the answers imply: one ambitious answer (say, hourly sync)
    does not turn a relationship-led department into a run department; most of its work must.
    """
    implied = []
    for question in questionnaire.fit:
        option_id = fit_answers.get(question.id)
        option = next((o for o in question.options if o.id == option_id), None)
        if option is not None:
            implied.append(LEVEL_NUMBERS[option.level])
    return median_low(implied) if implied else None


def _meets(scores: Mapping[str, Stat], prerequisites: Mapping[str, float]) -> bool:
    return all(
        (stat := scores.get(b)) is not None and stat.mean is not None and stat.mean >= minimum
        for b, minimum in prerequisites.items()
    )


def ready_level(scores: Mapping[str, Stat], settings: Settings) -> int:
    """R-CWR-1: the highest level whose block prerequisites the department meets (crawl has none)."""
    if not _meets(scores, settings.walk_prerequisites):
        return CRAWL
    if not _meets(scores, settings.run_prerequisites):
        return WALK
    return RUN


def recommend(
    department: DepartmentInput, scores: Mapping[str, Stat], questionnaire: Questionnaire
) -> DepartmentLevel:
    """R-CWR-2 (never skip a level) and R-CWR-3 (consultant's cap) on top of R-CWR-0/1."""
    settings = questionnaire.settings
    needed = needed_level(department.fit_answers, questionnaire)
    ready = ready_level(scores, settings)
    n = max((s.n for s in scores.values() if s.mean is not None), default=0)
    scored = n > 0  # R-DATA-1
    low_sample = scored and n < settings.low_sample  # R-DATA-2
    candidates = {"ready": ready, "next step": min(department.current_level + 1, RUN)}
    if needed is not None:
        candidates["needed"] = needed
    if department.cap is not None:
        candidates["cap"] = department.cap
    recommended = min(candidates.values())
    if scored:
        reasons = [Finding("R-CWR-1", "ready", {"level": ready})]
        if low_sample:
            reasons.append(Finding("R-DATA-2", "low-sample-level", {"n": n}))
    else:
        reasons = [Finding("R-DATA-1", "no-data-department", {})]
    if needed is None:
        reasons.append(Finding("R-CWR-0", "fit-unanswered", {}))
    else:
        reasons.append(Finding("R-CWR-0", "needed", {"level": needed}))
    binding = [name for name, value in candidates.items() if value == recommended]
    if "next step" in binding and department.current_level + 1 < min(ready, needed or RUN):
        reasons.append(Finding("R-CWR-2", "no-skipping", {"today": department.current_level}))
    if department.cap is not None and "cap" in binding:
        reasons.append(Finding("R-CWR-3", "capped", {"level": department.cap,
                                                      "reason": department.cap_reason}))
    if scored and department.current_level > ready:
        reasons.append(Finding("R-CWR-2", "above-readiness",
                               {"today": department.current_level, "ready": ready}))
    build_gap = max(0, (needed or 0) - ready)
    if build_gap and scored:
        reasons.append(Finding("R-CWR-2", "build-gap", {"needed": needed, "ready": ready}))
    return DepartmentLevel(department.id, department.name, department.current_level, needed,
                           ready, recommended, department.cap, department.cap_reason,
                           build_gap, tuple(reasons), scored, n, low_sample)


def technology_ahead(block_scores: Mapping[str, float | None], settings: Settings) -> list[Finding]:
    """R-CWR-4: technology ambition above process maturity (B7 - B5 >= margin) is a red light."""
    b5, b7 = block_scores.get("B5"), block_scores.get("B7")
    if b5 is None or b7 is None or b7 - b5 < settings.tech_ahead_margin:
        return []
    return [Finding("R-CWR-4", "technology-ahead", {"b7": half_up(b7), "b5": half_up(b5),
                                                     "margin": whole(settings.tech_ahead_margin)},
                    red=True)]
