"""R-MAP-6: a track per department, each climbing its own path one level at a time.

A pilot department goes first; the others start their first level phase after the pilot's first
review. A department working above what its answers support stabilises first. No department is
left out: one at its target holds (and says why).
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import roadmap_texts as T
from .definition import Questionnaire
from .objectives import ItemMeans, exit_criterion, weakest_items
from .owners import Owners
from .roadmap_types import AdoptionStep, Bi, Checkpoint, Objective, Phase
from .texts import LEVELS, block_name, respondents_text
from .types import DepartmentLevel, Stat

#: R-MAP-2: months a level phase takes (3-5), workgroups (2-3), session lengths in days.
PHASE_MONTHS = {1: 3, 2: 4, 3: 5}
STABILISE_MONTHS = 3
WORKGROUPS = {1: 2, 2: 3, 3: 3}
REQUIREMENT_DAYS = {1: 1.0, 2: 1.5, 3: 1.5}
REVIEW_DAYS = {1: 0.5, 2: 1.0, 3: 1.0}
#: R-MAP-4: months of rigid use after go-live (2-3) before the next level may start.
RIGID_MONTHS = {1: 2, 2: 3, 3: 3}


@dataclass(frozen=True)
class TrackOptions:
    """The consultant's choices: another pilot, a track's own start date."""

    pilot_department_id: int | None = None
    track_starts: Mapping[int, date] = field(default_factory=dict)


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


def prerequisites(questionnaire: Questionnaire, level: int) -> Mapping[str, float]:
    """R-CWR-1's blocks for `level`; crawl has none, so crawl builds what walk will need."""
    s = questionnaire.settings
    return s.run_prerequisites if level >= 3 else s.walk_prerequisites


def unmet(scores: Mapping[str, Stat], required: Mapping[str, float]) -> list[str]:
    return [b for b, minimum in required.items()
            if (stat := scores.get(b)) is None or stat.mean is None or stat.mean < minimum]


def is_above_readiness(level: DepartmentLevel) -> bool:
    return level.scored and level.today > level.ready


def ready_for_next(level: DepartmentLevel) -> bool:
    path = department_path(level)
    return bool(path) and level.scored and not is_above_readiness(level) and path[0] <= level.ready


def choose_pilot(levels: Sequence[DepartmentLevel], key_pain_departments: Sequence[int | None],
                 by_department: Mapping[int, Mapping[str, Stat]], chosen: int | None) -> int | None:
    """R-MAP-6: the department the top key pain belongs to among those ready for their next level;
    else the best-prepared of those; the consultant's choice wins when it has a track to lead."""
    ids = {lv.department_id for lv in levels if department_path(lv) or is_above_readiness(lv)}
    if chosen in ids:
        return chosen
    candidates = [lv for lv in levels if ready_for_next(lv)]
    for department_id in key_pain_departments:
        if any(lv.department_id == department_id for lv in candidates):
            return department_id
    if not candidates:
        return None

    def preparedness(lv: DepartmentLevel) -> float:
        stats = by_department.get(lv.department_id, {})
        values = [s.mean for s in stats.values() if s.mean is not None]
        return sum(values) / len(values) if values else 0.0

    return max(candidates, key=lambda lv: (preparedness(lv), -lv.department_id)).department_id


def _adoption(level: int, go_live: date) -> tuple[AdoptionStep, ...]:
    """R-MAP-4: rigid use (2-3 months) -> optimise -> solidify -> re-optimise on change."""
    rigid_end = add_months(go_live, RIGID_MONTHS[level])
    optimise_end = add_months(rigid_end, 1)
    solidify_end = add_months(optimise_end, 1)
    return (AdoptionStep("rigid", T.ADOPTION["rigid"], go_live, rigid_end),
            AdoptionStep("optimise", T.ADOPTION["optimise"], rigid_end, optimise_end),
            AdoptionStep("solidify", T.ADOPTION["solidify"], optimise_end, solidify_end),
            AdoptionStep("reoptimise", T.ADOPTION["reoptimise"], solidify_end, None))


def _numbered(kind: str, n: int) -> Bi:
    return Bi(T.CHECKPOINTS[kind].en.format(n=n), T.CHECKPOINTS[kind].zh.format(n=n))


def _level_checkpoints(prefix: str, level: int, start: date, end: date, owners: Owners, index: int,
                       objectives: Sequence[Objective], department: str) -> tuple[Checkpoint, ...]:
    """R-MAP-2: 2-3 workgroups, each opening with a requirement session and closing with a review;
    the configuration checkpoint is IT's (R-MAP-9); the last review checks the objectives."""
    n = WORKGROUPS[level]
    owner = owners.business_owner(index)
    points = []
    for i in range(1, n + 1):
        day = start + timedelta(weeks=i - 1)
        points.append(Checkpoint(
            f"{prefix}-L{level}-req-{i}", _numbered("requirements", i), "requirements", day,
            day + timedelta(days=max(0, round(REQUIREMENT_DAYS[level]) - 1)),
            REQUIREMENT_DAYS[level], owner, T.EXIT_CRITERIA["requirements"]))
    middle = start + (end - start) / 2
    points.append(Checkpoint(f"{prefix}-L{level}-config", T.CHECKPOINTS["configuration"],
                             "configuration", middle, middle, 1.0, owners.owner("configuration", index),
                             T.EXIT_CRITERIA["configuration"], rule="R-MAP-9"))
    for i in range(1, n + 1):
        day = end - timedelta(weeks=n - i)
        criteria = T.EXIT_CRITERIA["review"]
        if i == n:
            criteria += tuple(exit_criterion(o) for o in objectives if o.item_id)
        points.append(Checkpoint(f"{prefix}-L{level}-review-{i}", _numbered("review", i), "review",
                                 day, day, REVIEW_DAYS[level], owner, criteria))
    rigid_end = add_months(end, RIGID_MONTHS[level])
    usage = tuple(Bi(o.en.format(departments=department), o.zh.format(departments=department))
                  for o in T.LEVEL_OBJECTIVES[level])
    points.append(Checkpoint(f"{prefix}-L{level}-adoption", T.CHECKPOINTS["adoption"], "adoption",
                             rigid_end, rigid_end, 0.5, owner, T.EXIT_CRITERIA["adoption"] + usage,
                             rule="R-MAP-4"))
    return tuple(sorted(points, key=lambda c: (c.start, c.key)))


def _objectives(questionnaire: Questionnaire, level: DepartmentLevel, means: ItemMeans | None,
                blocks: Sequence[str], base: float, taken: set[str]) -> tuple[Objective, ...]:
    """R-MAP-8; `taken`: items an earlier phase of the track already aims at (crawl and walk
    share the walk prerequisites: walk takes the next weakest, not the same five again)."""
    if not level.scored or means is None:  # R-DATA-1: no objective from answers nobody gave
        return (Objective(T.NO_DATA_OBJECTIVE),)
    left = {k: v for k, v in means.items() if k not in taken}
    return weakest_items(questionnaire, left, blocks, base)


def _conditions(level: DepartmentLevel, step: int, scores: Mapping[str, Stat],
                questionnaire: Questionnaire, gate: Bi | None) -> tuple[Bi, ...]:
    out = [gate] if gate is not None else []
    if step < 2:
        return tuple(out)
    if not level.scored:
        out.append(Bi(T.NO_DATA_CONDITION.en.format(department=level.name, level=LEVELS["en"][step]),
                      T.NO_DATA_CONDITION.zh.format(department=level.name, level=LEVELS["zh"][step])))
    elif step > level.ready:
        blocks = unmet(scores, prerequisites(questionnaire, step))
        en = " and ".join(block_name(b, "en") for b in blocks)
        zh = "、".join(block_name(b, "zh") for b in blocks)
        out.append(Bi(T.CONDITION.en.format(blocks=en, level=LEVELS["en"][step]),
                      T.CONDITION.zh.format(blocks=zh, level=LEVELS["zh"][step])))
    return tuple(out)


def level_phase(questionnaire: Questionnaire, level: DepartmentLevel, step: int, number: int,
                start: date, owners: Owners, index: int, means: ItemMeans | None,
                scores: Mapping[str, Stat], gate: Bi | None, taken: Set[str] = frozenset()) -> Phase:
    prefix = f"d{level.department_id}"
    end = add_months(start, PHASE_MONTHS[step])
    objectives = _objectives(questionnaire, level, means, tuple(prerequisites(questionnaire, step)),
                             4.0 if step >= 3 else 3.0, set(taken))
    return Phase(
        f"{prefix}-{LEVELS['en'][step]}", number, step, T.PHASE_TITLES[step], (level.name,), (),
        objectives, T.QUICK_WINS[step],
        _level_checkpoints(prefix, step, start, end, owners, index, objectives, level.name),
        _adoption(step, end), start, end, _conditions(level, step, scores, questionnaire, gate),
        rules=("R-MAP-6", "R-MAP-2", "R-MAP-4", "R-MAP-8", "R-CWR-1", "R-CWR-2",
               *(("R-MAP-7",) if gate is not None else ())),
        kind="level", department_id=level.department_id, gated=gate is not None)


def stabilise_phase(questionnaire: Questionnaire, level: DepartmentLevel, start: date,
                    owners: Owners, index: int, means: ItemMeans | None,
                    scores: Mapping[str, Stat]) -> Phase:
    """R-MAP-6: raise the missing prerequisite blocks of the level already in use. No system
    work, so no gate: it is what makes the current use safe."""
    prefix = f"d{level.department_id}"
    end = add_months(start, STABILISE_MONTHS)
    blocks = unmet(scores, prerequisites(questionnaire, level.today)) or list(
        prerequisites(questionnaire, level.today))
    objectives = _objectives(questionnaire, level, means, blocks, 4.0 if level.today >= 3 else 3.0,
                             set())
    owner = owners.business_owner(index)
    review_criteria = T.EXIT_CRITERIA["review"] + tuple(exit_criterion(o) for o in objectives if o.item_id)
    points = (
        Checkpoint(f"{prefix}-stabilise", T.CHECKPOINTS["stabilise"], "stabilise", start, start, 1.0,
                   owner, T.EXIT_CRITERIA["stabilise"], rule="R-MAP-6"),
        Checkpoint(f"{prefix}-stabilise-review-1", T.CHECKPOINTS["stabilise-review"], "review", end,
                   end, 0.5, owner, review_criteria),
    )
    title = Bi(T.STABILISE_TITLE.en.format(level=LEVELS["en"][level.today]),
               T.STABILISE_TITLE.zh.format(level=LEVELS["zh"][level.today]))
    return Phase(f"{prefix}-stabilise", 1, level.today, title, (level.name,), (), objectives,
                 T.STABILISE_QUICK_WINS, points, (), start, end, (),
                 rules=("R-MAP-6", "R-CWR-2", "R-MAP-8"), kind="stabilise",
                 department_id=level.department_id)


def track_note(level: DepartmentLevel, kind: str, pilot: bool, target: int) -> Bi:
    def fill(template: Bi, why: Bi | None = None) -> Bi:
        return Bi(*(getattr(template, lang).format(
            today=LEVELS[lang][level.today], target=LEVELS[lang][target],
            ready=LEVELS[lang][level.ready], why=why.get(lang) if why else "") for lang in ("en", "zh")))

    if kind == "stabilise":
        note = fill(T.TRACK_NOTES["stabilise"])
    elif kind == "climb":
        note = fill(T.TRACK_NOTES["climb-pilot" if pilot else "climb"])
    else:
        why = ("cap" if level.cap is not None and level.cap <= level.today
               else "needed" if level.needed is not None and level.needed <= level.today
               else "ready" if level.scored else "no-data")
        note = fill(T.TRACK_NOTES["hold"], T.HOLD_REASONS[why])
    if level.low_sample:  # R-DATA-2: the caveat where the conclusion is stated
        note = Bi(note.en + T.LOW_SAMPLE_NOTE.en.format(respondents=respondents_text(level.n, "en")),
                  note.zh + T.LOW_SAMPLE_NOTE.zh.format(respondents=respondents_text(level.n, "zh")))
    return note
