"""The PDF's progress section: planned vs actual per department track, overdue checkpoints, the
evidence behind what is done, and the phases complete (R-TRACK-2) with their adoption cycle from
the real go-live. Plain data for reports/_progress.html, in `lang`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..engagements.models import Engagement
from ..method import tracking as rules
from ..method.roadmap_types import AdoptionStep
from .models import TrackedCheckpoint
from .sync import amber_days, point_of, tracked


@dataclass(frozen=True)
class TrackProgress:
    name: str
    total: int
    due_by_now: int  # planned to be done by today
    done: int
    in_progress: int
    overdue: int


@dataclass(frozen=True)
class PhaseDone:
    track: str
    phase_key: str
    go_live: date
    adoption: tuple[AdoptionStep, ...]


def _track_names(engagement: Engagement, phase0: str) -> dict[int | None, str]:
    return {None: phase0, **{d.id: d.name for d in engagement.departments}}


def progress_context(engagement: Engagement, lang: str, today: date | None = None,
                     phase0: str = "Phase 0") -> dict:
    """{"progress": None} when nothing is tracked; else the section's data. `phase0` is the
    caller's word for the shared phase (translated where the locale is known)."""
    today = today or date.today()
    rows = [r for r in tracked(engagement) if not r.removed_by_regeneration]
    if not rows:
        return {"progress": None}
    names = _track_names(engagement, phase0)
    threshold = amber_days(engagement)
    tracks = []
    for department_id, name in names.items():
        mine = [r for r in rows if r.department_id == department_id]
        if mine:
            points = [point_of(r) for r in mine]
            tracks.append(TrackProgress(
                name, len(mine), sum(r.due <= today and r.status != rules.DROPPED for r in mine),
                sum(r.status == rules.DONE for r in mine),
                sum(r.status == rules.IN_PROGRESS for r in mine),
                len(rules.overdue(points, today))))
    late = sorted((r for r in rows if rules.is_overdue(point_of(r), today)), key=lambda r: r.due)
    phases: dict[str, list[TrackedCheckpoint]] = {}
    for row in rows:
        phases.setdefault(row.phase_key, []).append(row)
    complete = []
    for key, members in phases.items():
        points = [point_of(r) for r in members]
        live = rules.go_live(points)
        if rules.phase_complete(points) and live is not None:
            complete.append(PhaseDone(names.get(members[0].department_id, ""), key, live,
                                      rules.adoption_cycle(members[0].phase_level, points)))
    done = [r for r in rows if r.status == rules.DONE]
    return {"progress": {
        "today": today, "tracks": tracks, "lang": lang, "track_names": names,
        "overdue": [(r, rules.days_overdue(point_of(r), today),
                     rules.is_amber(point_of(r), today, threshold)) for r in late],
        "evidence": sorted(done, key=lambda r: (r.done_on or r.due, r.key)),
        "complete_phases": complete,
        "counts": rules.counts(point_of(r) for r in rows),
    }}
