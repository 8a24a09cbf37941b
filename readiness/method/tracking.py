"""R-TRACK-1/2: the roadmap's checkpoints as tracked work, pure (no Flask, no database).

The tracking feature (readiness/tracking/) stores the state; these functions decide what it means:
which changes are allowed, what is overdue, what lights amber, when a phase is complete and when
its adoption cycle (R-MAP-4) really starts.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .roadmap_types import AdoptionStep
from .tracks import _adoption

PLANNED, IN_PROGRESS, DONE, SLIPPED, DROPPED = "planned", "in_progress", "done", "slipped", "dropped"
#: R-TRACK-1, in the order a board shows them.
STATUSES: tuple[str, ...] = (PLANNED, IN_PROGRESS, SLIPPED, DONE, DROPPED)
#: Statuses that close a checkpoint: it can no longer be overdue.
CLOSED = frozenset({DONE, DROPPED})
#: Kinds whose lateness lights amber on the engagement (R-TRACK-1).
AMBER_KINDS = frozenset({"gate", "review"})
#: R-TRACK-1 *default*: a gate or review this many days overdue is an amber light.
AMBER_DAYS = 30
#: The reason a checkpoint carries when a regenerated roadmap no longer makes it.
REGENERATION = "regeneration"


class TrackingRuleError(ValueError):
    """A change R-TRACK-1 refuses; `code` is the message key the feature shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class TrackedPoint:
    """What the rules read of one tracked checkpoint."""

    key: str
    kind: str
    status: str
    due: date | None
    actual: date | None = None
    evidence: bool = False  # evidence text or at least one file
    drop_reason: str = ""


def check_change(status: str, evidence_text: str, files: int, drop_reason: str,
                 actual: date | None = None, today: date | None = None) -> None:
    """R-TRACK-1: a new status is known; done needs evidence (text or a file); dropped needs a
    reason; a real date is not in the future (it records what happened)."""
    if status not in STATUSES:
        raise TrackingRuleError("unknown-status")
    if status == DONE and not evidence_text.strip() and files == 0:
        raise TrackingRuleError("done-needs-evidence")
    if status == DROPPED and not drop_reason.strip():
        raise TrackingRuleError("dropped-needs-reason")
    if actual is not None and today is not None and actual > today:
        raise TrackingRuleError("actual-in-future")


def days_overdue(point: TrackedPoint, today: date) -> int:
    """Days past the due date of a checkpoint not done or dropped; 0 when it is not overdue."""
    if point.status in CLOSED or point.due is None or point.due >= today:
        return 0
    return (today - point.due).days


def is_overdue(point: TrackedPoint, today: date) -> bool:
    return days_overdue(point, today) > 0


def is_amber(point: TrackedPoint, today: date, threshold: int = AMBER_DAYS) -> bool:
    """R-TRACK-1: a gate or review overdue by more than `threshold` days."""
    return point.kind in AMBER_KINDS and days_overdue(point, today) > threshold


def amber_lights(points: Iterable[TrackedPoint], today: date,
                 threshold: int = AMBER_DAYS) -> list[TrackedPoint]:
    return [p for p in points if is_amber(p, today, threshold)]


def overdue(points: Iterable[TrackedPoint], today: date) -> list[TrackedPoint]:
    """Overdue checkpoints, the longest overdue first."""
    late = [p for p in points if is_overdue(p, today)]
    return sorted(late, key=lambda p: (-days_overdue(p, today), p.key))


def is_settled(point: TrackedPoint) -> bool:
    """Done, or dropped with a reason (R-TRACK-2)."""
    return point.status == DONE or (point.status == DROPPED and bool(point.drop_reason.strip()))


def phase_complete(points: Sequence[TrackedPoint]) -> bool:
    """R-TRACK-2: every checkpoint of the phase done or dropped with a reason (a phase without
    tracked checkpoints is not complete: nothing shows it happened)."""
    return bool(points) and all(is_settled(p) for p in points)


def go_live(points: Sequence[TrackedPoint]) -> date | None:
    """The real go-live: the day the last build checkpoint (everything before the adoption check)
    was done, once all of them are settled. None while any is open or none has a real date."""
    build = [p for p in points if p.kind != "adoption"]
    if not build or not all(is_settled(p) for p in build):
        return None
    days = [p.actual for p in build if p.status == DONE and p.actual is not None]
    return max(days) if days else None


def adoption_cycle(level: int, points: Sequence[TrackedPoint]) -> tuple[AdoptionStep, ...]:
    """R-TRACK-2 + R-MAP-4: rigid use -> optimise -> solidify -> re-optimise, from the real
    go-live; empty until the phase has gone live (and for phase 0 / stabilise: level 0)."""
    real = go_live(points)
    if real is None or level not in (1, 2, 3):
        return ()
    return _adoption(level, real)


def counts(points: Iterable[TrackedPoint]) -> dict[str, int]:
    """Checkpoints per status, every status present."""
    result = dict.fromkeys(STATUSES, 0)
    for p in points:
        result[p.status] = result.get(p.status, 0) + 1
    return result
