"""The roadmap: R-MAP-1..5 on top of the assessment (R-CWR-0..4, R-PAIN-2), pure and dated."""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Iterable, Mapping

from . import roadmap_texts as T
from .definition import Settings
from .foundations import assess_foundations
from .roadmap_types import AdoptionStep, Bi, Checkpoint, Phase, Roadmap
from .texts import LEVELS
from .types import Assessment, DepartmentInput, DepartmentLevel, EngagementFacts, PainInput, Stat

#: R-MAP-2: months a level phase takes (3-5), workgroups (2-3), session lengths in days.
PHASE_MONTHS = {1: 3, 2: 4, 3: 5}
WORKGROUPS = {1: 2, 2: 3, 3: 3}
REQUIREMENT_DAYS = {1: 1.0, 2: 1.5, 3: 1.5}
REVIEW_DAYS = {1: 0.5, 2: 1.0, 3: 1.0}
#: R-MAP-4: months of rigid use after go-live (2-3) before the next level may start.
RIGID_MONTHS = {1: 2, 2: 3, 3: 3}
STRATEGY_RULES = {"R-RED-1", "R-RED-2"}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def department_path(level: DepartmentLevel) -> tuple[int, ...]:
    """R-CWR-2/3: the levels a department climbs, one at a time, to what its business needs
    (or what it is ready for when the fit is unanswered), never above the consultant's cap."""
    target = level.needed if level.needed is not None else level.ready
    if level.cap is not None:
        target = min(target, level.cap)
    return tuple(range(level.today + 1, target + 1))


def _unmet(scores: Mapping[str, Stat], prerequisites: Mapping[str, float]) -> list[str]:
    return [b for b, minimum in prerequisites.items()
            if scores.get(b) is None or scores[b].mean is None or scores[b].mean < minimum]


def _level_checkpoints(level: int, start: date, end: date, owner: str) -> list[Checkpoint]:
    """R-MAP-2: 2-3 workgroups, each opening with a requirement session and closing with a review."""
    n = WORKGROUPS[level]
    points = []
    for i in range(1, n + 1):
        day = start + timedelta(weeks=i - 1)
        points.append(Checkpoint(
            f"L{level}-req-{i}", Bi(T.CHECKPOINTS["requirements"].en.format(n=i),
                                    T.CHECKPOINTS["requirements"].zh.format(n=i)),
            "requirements", day, day + timedelta(days=max(0, round(REQUIREMENT_DAYS[level]) - 1)),
            REQUIREMENT_DAYS[level], owner, T.EXIT_CRITERIA["requirements"]))
    for i in range(1, n + 1):
        day = end - timedelta(weeks=n - i)
        points.append(Checkpoint(
            f"L{level}-review-{i}", Bi(T.CHECKPOINTS["review"].en.format(n=i),
                                       T.CHECKPOINTS["review"].zh.format(n=i)),
            "review", day, day, REVIEW_DAYS[level], owner, T.EXIT_CRITERIA["review"]))
    rigid_end = add_months(end, RIGID_MONTHS[level])
    points.append(Checkpoint(f"L{level}-adoption", T.CHECKPOINTS["adoption"], "adoption",
                             rigid_end, rigid_end, 0.5, owner, T.EXIT_CRITERIA["adoption"],
                             rule="R-MAP-4"))
    return points


def _adoption(level: int, go_live: date) -> tuple[AdoptionStep, ...]:
    """R-MAP-4: rigid use (2-3 months) -> optimise -> solidify -> re-optimise on change."""
    rigid_end = add_months(go_live, RIGID_MONTHS[level])
    optimise_end = add_months(rigid_end, 1)
    solidify_end = add_months(optimise_end, 1)
    return (AdoptionStep("rigid", T.ADOPTION["rigid"], go_live, rigid_end),
            AdoptionStep("optimise", T.ADOPTION["optimise"], rigid_end, optimise_end),
            AdoptionStep("solidify", T.ADOPTION["solidify"], optimise_end, solidify_end),
            AdoptionStep("reoptimise", T.ADOPTION["reoptimise"], solidify_end, None))


def _assign_pains(key: list[PainInput], red_rules: set[str],
                  phase_departments: Mapping[int, set[int]]) -> dict[int, list[int]]:
    """R-PAIN-2: each key pain goes to the phase that solves it: strategy/change pains to phase 0
    while their red light is on, others to the first level phase that includes their department."""
    assigned: dict[int, list[int]] = {level: [] for level in (0, *phase_departments)}
    levels = sorted(phase_departments)
    for pain in key:
        if (set(pain.blocks) & {"B1", "B2", "B4"} and red_rules & STRATEGY_RULES) or not levels:
            assigned[0].append(pain.id)
            continue
        home = next((lv for lv in levels if pain.department_id in phase_departments[lv]), levels[0])
        assigned[home].append(pain.id)
    return assigned


def build_roadmap(
    assessment: Assessment,
    settings: Settings,
    departments: Iterable[DepartmentInput],
    pains: Iterable[PainInput],
    facts: EngagementFacts,
    start: date,
    project_lead: str = "",
    assets: Iterable[str] = (),
) -> Roadmap:
    departments = {d.id: d for d in departments}
    pains = {p.id: p for p in pains}
    sponsor = facts.sponsor_name or "Executive sponsor"
    lead = project_lead or sponsor
    red_rules = {f.rule for f in assessment.red_lights}

    # Which departments climb to which level (R-CWR-2: one level at a time).
    climbs: dict[int, list[DepartmentLevel]] = {}
    for level in assessment.levels:
        for step in department_path(level):
            climbs.setdefault(step, []).append(level)

    key_pains = [pains[p.id] for p in assessment.pains if p.key and p.id in pains]
    assigned = _assign_pains(key_pains, red_rules,
                             {lv: {d.department_id for d in ds} for lv, ds in climbs.items()})

    # Phase 0 (R-MAP-1): clear the red lights, rules before system; longer when lights are on.
    prereq_weeks = 6 if assessment.red_lights else 3
    phase0_end = start + timedelta(weeks=prereq_weeks)
    objectives = [T.RED_LIGHT_OBJECTIVES[r] for r in sorted(red_rules) if r in T.RED_LIGHT_OBJECTIVES]
    objectives.append(Bi(T.RULES_BEFORE_SYSTEM.en.format(days=settings.lead_return_days),
                         T.RULES_BEFORE_SYSTEM.zh.format(days=settings.lead_return_days)))
    phases = [Phase(
        "phase-0", 0, 0, T.PHASE_TITLES[0], tuple(d.name for d in departments.values()),
        tuple(assigned[0]), tuple(objectives), T.QUICK_WINS[0],
        (Checkpoint("kickoff", T.CHECKPOINTS["kickoff"], "kickoff", start, start, 1.0, sponsor,
                    T.EXIT_CRITERIA["kickoff"]),
         Checkpoint("prereq-review", T.CHECKPOINTS["prereq-review"], "review", phase0_end,
                    phase0_end, 0.5, sponsor, T.EXIT_CRITERIA["prereq-review"])),
        (), start, phase0_end, rules=("R-MAP-1", "R-MAP-2", *sorted(red_rules)))]

    phase_start = phase0_end + timedelta(days=1)
    for number, level in enumerate(sorted(climbs), start=1):
        members = climbs[level]
        names = ", ".join(d.name for d in members)
        end = add_months(phase_start, PHASE_MONTHS[level])
        prerequisites = settings.walk_prerequisites if level == 2 else settings.run_prerequisites
        conditions = []
        if level >= 2:
            for d in members:
                unmet = _unmet(assessment.by_department.get(d.department_id, {}), prerequisites)
                if unmet and d.ready < level:
                    conditions.append(Bi(
                        f"{d.name}: " + T.CONDITION.en.format(blocks=", ".join(unmet),
                                                             level=LEVELS["en"][level]),
                        f"{d.name}：" + T.CONDITION.zh.format(blocks="、".join(unmet),
                                                             level=LEVELS["zh"][level])))
        phases.append(Phase(
            LEVELS["en"][level], number, level, T.PHASE_TITLES[level],
            tuple(d.name for d in members), tuple(assigned.get(level, [])),
            tuple(Bi(o.en.format(departments=names), o.zh.format(departments=names))
                  for o in T.LEVEL_OBJECTIVES[level]),
            T.QUICK_WINS[level], tuple(_level_checkpoints(level, phase_start, end, lead)),
            _adoption(level, end), phase_start, end, tuple(conditions),
            rules=("R-MAP-1", "R-MAP-2", "R-MAP-4", "R-CWR-1", "R-CWR-2")))
        # The next level starts only after this one has been used rigidly (R-MAP-4, R-CWR-2).
        phase_start = add_months(end, RIGID_MONTHS[level]) + timedelta(days=1)

    addressed = {pid for phase in phases for pid in phase.pain_ids}
    return Roadmap(
        phases=tuple(phases),
        foundations=assess_foundations(assessment, facts, bool(climbs), settings),
        assets=tuple(assets),
        key_pain_ids=tuple(p.id for p in key_pains),
        unaddressed_pain_ids=tuple(p.id for p in key_pains if p.id not in addressed),
    )
