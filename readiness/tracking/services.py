"""Changing tracked checkpoints (status, owner, real dates, evidence, files, comments), each change
written to the audit log; and the queries the board, "my checkpoints" and the lights read."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from werkzeug.utils import secure_filename

from ..auth.models import User, utcnow
from ..engagements.access import visible_engagements_query
from ..engagements.models import Engagement
from ..errors import DomainError
from ..extensions import db
from ..method import tracking as rules
from .models import CheckpointComment, CheckpointFile, TrackedCheckpoint
from .progress import progress_context as _progress
from .sync import amber_days, log, point_of, tracked

logger = logging.getLogger(__name__)

MAX_TEXT = 4000
MAX_FILE_MB = 4
MAX_FILES = 20
#: Evidence file types by extension, with the first bytes each must start with (None: text).
ALLOWED_TYPES: dict[str, tuple[str, bytes | None]] = {
    "pdf": ("application/pdf", b"%PDF"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK"),
}


class TrackingError(DomainError):
    """A checkpoint change refused; its words are in messages.py."""


@dataclass(frozen=True)
class Change:
    status: str
    owner: str  # "m<team member id>", "u<account id>" or "" (the roadmap's owner)
    started_on: date | None
    done_on: date | None
    evidence: str
    drop_reason: str


def get_checkpoint(engagement: Engagement, checkpoint_id: int) -> TrackedCheckpoint | None:
    return db.session.scalar(sa.select(TrackedCheckpoint).where(
        TrackedCheckpoint.id == checkpoint_id, TrackedCheckpoint.engagement_id == engagement.id))


def owner_choices(engagement: Engagement) -> list[tuple[str, str]]:
    """Who may own a checkpoint: the engagement's team members and its accounts."""
    users = [engagement.owner, *(a.user for a in engagement.access)]
    return ([(f"m{m.id}", m.name) for m in engagement.team]
            + [(f"u{u.id}", u.name) for u in sorted(users, key=lambda u: u.name)])


def _owner(engagement: Engagement, value: str) -> tuple[int | None, int | None]:
    if not value:
        return None, None
    if value not in dict(owner_choices(engagement)):
        raise TrackingError("unknown-owner", field="owner")
    number = int(value[1:])
    return (number, None) if value[0] == "m" else (None, number)


def update(engagement: Engagement, row: TrackedCheckpoint, change: Change, user: User,
           today: date) -> None:
    for text in (change.evidence, change.drop_reason):
        if len(text) > MAX_TEXT:
            raise TrackingError("text-too-long", max=MAX_TEXT)
    done_on = change.done_on or (today if change.status == rules.DONE else None)
    started_on = change.started_on or row.started_on or (
        today if change.status in (rules.IN_PROGRESS, rules.DONE) else None)
    try:
        rules.check_change(change.status, change.evidence, len(row.files), change.drop_reason,
                           done_on, today)
        rules.check_change(change.status, change.evidence, len(row.files), change.drop_reason,
                           started_on, today)
    except rules.TrackingRuleError as exc:
        raise TrackingError(exc.code) from None
    if started_on and done_on and done_on < started_on:
        raise TrackingError("done-before-start")
    member_id, user_id = _owner(engagement, change.owner)
    values = {"status": change.status, "owner_member_id": member_id, "owner_user_id": user_id,
              "started_on": started_on, "done_on": done_on if change.status == rules.DONE else None,
              "evidence": change.evidence.strip(),
              "drop_reason": change.drop_reason.strip() if change.status == rules.DROPPED else ""}
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    owner_before = row.owner_name
    for name in changed:
        if not name.startswith("owner_"):  # the owner is logged once, by name, below
            log(row, name, getattr(row, name), values[name], user.id)
        setattr(row, name, values[name])
    if any(name.startswith("owner_") for name in changed):
        db.session.flush()
        db.session.refresh(row, ["owner_member", "owner_user"])
        if row.owner_name != owner_before:  # the roadmap's "Sarah Chen" assigned as herself
            log(row, "owner", owner_before, row.owner_name, user.id)
    if changed and row.status != rules.DROPPED:
        row.removed_by_regeneration = False
    if changed:
        row.updated_at = utcnow()
    db.session.flush()
    logger.info("checkpoint %s of engagement %s changed by account %s: %s", row.key,
                engagement.id, user.id, ", ".join(changed) or "nothing")


def add_file(row: TrackedCheckpoint, filename: str, data: bytes, user: User) -> CheckpointFile:
    name = secure_filename(filename or "")[:200] or "evidence"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise TrackingError("file-type", field="file")
    if not data:
        raise TrackingError("file-empty", field="file")
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise TrackingError("file-too-large", field="file", mb=MAX_FILE_MB)
    if len(row.files) >= MAX_FILES:
        raise TrackingError("too-many-files", field="file", max=MAX_FILES)
    content_type, magic = ALLOWED_TYPES[extension]
    if magic is not None and not data.startswith(magic):
        raise TrackingError("file-content", field="file")
    if magic is None and b"\x00" in data[:4096]:  # text with NUL bytes is a binary in disguise
        raise TrackingError("file-content", field="file")
    file = CheckpointFile(filename=name, content_type=content_type, size=len(data), data=data,
                          uploaded_by=user.id)
    row.files.append(file)
    log(row, "file", "", name, user.id)
    db.session.flush()
    return file


def add_comment(row: TrackedCheckpoint, body: str, user: User) -> CheckpointComment:
    body = (body or "").strip()
    if not body:
        raise TrackingError("empty-comment", field="body")
    if len(body) > MAX_TEXT:
        raise TrackingError("text-too-long", field="body", max=MAX_TEXT)
    comment = CheckpointComment(author_id=user.id, body=body)
    row.comments.append(comment)
    log(row, "comment", "", body[:200], user.id)
    db.session.flush()
    return comment


def get_file(row: TrackedCheckpoint, file_id: int) -> CheckpointFile | None:
    return next((f for f in row.files if f.id == file_id), None)


@dataclass(frozen=True)
class Lights:
    """What the overview and the engagement list show: overdue and amber checkpoints."""

    tracked: int
    done: int
    overdue: list[TrackedCheckpoint]
    amber: list[TrackedCheckpoint]


def lights(engagement: Engagement, today: date) -> Lights:
    rows = tracked(engagement)
    threshold = amber_days(engagement)
    late = [r for r in rows if rules.is_overdue(point_of(r), today)]
    late.sort(key=lambda r: r.due)
    return Lights(len(rows), sum(r.status == rules.DONE for r in rows), late,
                  [r for r in late if rules.is_amber(point_of(r), today, threshold)])


def my_checkpoints(user: User) -> list[TrackedCheckpoint]:
    """The checkpoints an account owns, across the engagements it sees, open ones first."""
    visible = visible_engagements_query(user).with_only_columns(Engagement.id)
    rows = db.session.scalars(sa.select(TrackedCheckpoint).where(
        TrackedCheckpoint.owner_user_id == user.id,
        TrackedCheckpoint.engagement_id.in_(visible.scalar_subquery())))
    return sorted(rows, key=lambda r: (r.status in rules.CLOSED, r.due, r.key))


def lights_by_engagement(engagements: Sequence[Engagement], today: date) -> dict[int, Lights]:
    """The engagement list's lights: only engagements with tracked checkpoints."""
    result = {}
    for engagement in engagements:
        found = lights(engagement, today)
        if found.tracked:
            result[engagement.id] = found
    return result


def progress_context(engagement: Engagement, lang: str, today: date | None = None) -> dict:
    """The PDF's progress section (reports/_progress.html), in the caller's locale (the report
    renders under force_locale(lang)); see progress.py."""
    return _progress(engagement, lang, today, gettext("Phase 0"))


def reviews_done(engagement: Engagement) -> set[int] | None:
    """R-WAVE-3's input from R-TRACK-2: the departments whose adoption review at the level they
    work at is done (every review checkpoint of that phase done). None while nothing is tracked,
    so the wave comparison falls back to the plan's review dates."""
    rows = [row for row in tracked(engagement) if not row.removed_by_regeneration]
    if not rows:
        return None
    levels = {d.id: d.current_level for d in engagement.departments}
    reviews: dict[int, list[TrackedCheckpoint]] = {}
    for row in rows:
        if (row.kind == "review" and row.department_id is not None
                and row.phase_level == levels.get(row.department_id)):
            reviews.setdefault(row.department_id, []).append(row)
    return {department for department, points in reviews.items()
            if all(point.status == "done" for point in points)}
