"""Keep the tracked checkpoints in step with the roadmap, matched by the checkpoints' stable keys.

Called by roadmap/services.py each time a plan is stored or edited. Only the planned side (title,
dates, phase, kind) follows the roadmap; what the team recorded stays. A checkpoint the roadmap no
longer makes is kept, dropped "by regeneration", with its history; if it comes back, it gets its
former status back.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..engagements.models import Engagement
from ..extensions import db
from ..method import tracking as rules
from ..method.roadmap_types import Checkpoint, Phase, Roadmap
from ..method.tracking import DROPPED, PLANNED
from .models import CheckpointAudit, TrackedCheckpoint

logger = logging.getLogger(__name__)

#: Planned fields copied from the roadmap; a change of `due` is written to the audit log.
_AUDITED = ("due", "planned_start")


def tracked(engagement: Engagement) -> list[TrackedCheckpoint]:
    return list(db.session.scalars(
        sa.select(TrackedCheckpoint).where(TrackedCheckpoint.engagement_id == engagement.id)
        .order_by(TrackedCheckpoint.due, TrackedCheckpoint.key)))


def point_of(row: TrackedCheckpoint) -> rules.TrackedPoint:
    """What the R-TRACK rules read of a stored checkpoint."""
    return rules.TrackedPoint(row.key, row.kind, row.status, row.due, row.done_on,
                              bool(row.evidence.strip() or row.files), row.drop_reason)


def amber_days(engagement: Engagement) -> int:
    """R-TRACK-1's *default* 30 days, as the engagement's questionnaire sets it."""
    return engagement.questionnaire_version.parsed().settings.amber_days


def _planned(phase: Phase, point: Checkpoint) -> dict:
    return {"phase_key": phase.key, "phase_level": phase.level, "department_id": phase.department_id,
            "kind": point.kind, "title_en": point.title.en[:200], "title_zh": point.title.zh[:200],
            "planned_start": point.start, "due": point.end, "planned_owner": point.owner[:200]}


def log(point: TrackedCheckpoint, field: str, before: object, after: object,
        user_id: int | None) -> None:
    """One audit row; `user_id` None means the roadmap's regeneration did it."""
    text = lambda v: "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v))  # noqa: E731
    point.audit.append(CheckpointAudit(user_id=user_id, field=field, before=text(before),
                                       after=text(after)))


def _former_status(point: TrackedCheckpoint) -> str:
    """The status the regeneration took away (the last drop it logged), else planned."""
    for row in reversed(point.audit):
        if row.field == "status" and row.user_id is None and row.after == DROPPED:
            return row.before or PLANNED
    return PLANNED


def sync_checkpoints(engagement: Engagement, roadmap: Roadmap) -> None:
    existing = {t.key: t for t in tracked(engagement)}
    seen: set[str] = set()
    added = dropped = 0
    for phase in roadmap.phases:
        for point in phase.checkpoints:
            if point.key in seen:  # keys are unique per roadmap; a duplicate is not tracked twice
                continue
            seen.add(point.key)
            values = _planned(phase, point)
            row = existing.get(point.key)
            if row is None:
                row = TrackedCheckpoint(engagement_id=engagement.id, key=point.key, status=PLANNED,
                                        **values)
                db.session.add(row)
                log(row, "created", "", "", None)
                added += 1
                continue
            for name in _AUDITED:
                if getattr(row, name) != values[name]:
                    log(row, name, getattr(row, name), values[name], None)
            for name, value in values.items():
                setattr(row, name, value)
            if row.removed_by_regeneration:
                status = _former_status(row)
                log(row, "status", row.status, status, None)
                row.status, row.removed_by_regeneration = status, False
    for key, row in existing.items():
        if key not in seen and not row.removed_by_regeneration:
            log(row, "status", row.status, DROPPED, None)
            row.status, row.removed_by_regeneration = DROPPED, True
            dropped += 1
    db.session.flush()
    if added or dropped:
        logger.info("tracking of engagement %s: %d checkpoints added, %d dropped by regeneration",
                    engagement.id, added, dropped)
