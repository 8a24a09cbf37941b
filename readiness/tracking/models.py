"""Tracked checkpoints: state, evidence files, comments, an audit log, calendar feed tokens."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import User, utcnow
from ..engagements.models import TeamMember
from ..extensions import Model
from ..method.tracking import STATUSES

_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"


class TrackedCheckpoint(Model):
    """One roadmap checkpoint being worked on. Matched to the roadmap by `key`: regenerating the
    roadmap refreshes the planned fields and never touches the team's (status, evidence, ...)."""

    __tablename__ = "tracked_checkpoint"
    __table_args__ = (sa.UniqueConstraint("engagement_id", "key"),
                      sa.CheckConstraint(_STATUS_CHECK, name="status_known"))
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    #: The roadmap checkpoint's stable key (d12-L2-review-1, kickoff, gate, ...).
    key: so.Mapped[str] = so.mapped_column(sa.String(80))
    #: From the roadmap, refreshed on every sync: phase key, department track, kind, titles, dates.
    phase_key: so.Mapped[str] = so.mapped_column(sa.String(80), default="")
    phase_level: so.Mapped[int] = so.mapped_column(default=0)
    department_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("department.id", ondelete="SET NULL"))
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    title_en: so.Mapped[str] = so.mapped_column(sa.String(200))
    title_zh: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    planned_start: so.Mapped[date] = so.mapped_column(sa.Date)
    #: The planned end: past it and not done, the checkpoint is overdue (R-TRACK-1).
    due: so.Mapped[date] = so.mapped_column(sa.Date)
    #: The roadmap's owner in words (a role or a name), shown until someone is assigned.
    planned_owner: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    #: R-TRACK-1 state, one of method.tracking.STATUSES.
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="planned")
    drop_reason: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    #: The roadmap no longer makes this checkpoint: kept, dropped, with its history.
    removed_by_regeneration: so.Mapped[bool] = so.mapped_column(default=False)
    #: Owner: a team member of the engagement or an account (at most one of them).
    owner_member_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("team_member.id", ondelete="SET NULL"))
    owner_user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    #: Real dates: when work started, when it was done.
    started_on: so.Mapped[date | None] = so.mapped_column(sa.Date)
    done_on: so.Mapped[date | None] = so.mapped_column(sa.Date)
    evidence: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    owner_member: so.Mapped[TeamMember | None] = so.relationship()
    owner_user: so.Mapped[User | None] = so.relationship()
    files: so.Mapped[list[CheckpointFile]] = so.relationship(
        cascade="all, delete-orphan", order_by="CheckpointFile.id", passive_deletes=True)
    comments: so.Mapped[list[CheckpointComment]] = so.relationship(
        cascade="all, delete-orphan", order_by="CheckpointComment.id", passive_deletes=True)
    audit: so.Mapped[list[CheckpointAudit]] = so.relationship(
        cascade="all, delete-orphan", order_by="CheckpointAudit.id", passive_deletes=True)

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" and self.title_zh else self.title_en

    @property
    def owner_name(self) -> str:
        if self.owner_member is not None:
            return self.owner_member.name
        if self.owner_user is not None:
            return self.owner_user.name
        return self.planned_owner


class CheckpointFile(Model):
    """An evidence file, kept in the database (no path on disk a name could steer); served only
    as an attachment."""

    __tablename__ = "checkpoint_file"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    checkpoint_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("tracked_checkpoint.id", ondelete="CASCADE"), index=True)
    #: The uploaded name, reduced by werkzeug's secure_filename.
    filename: so.Mapped[str] = so.mapped_column(sa.String(200))
    #: Decided from the extension (never the browser's claim): see services.ALLOWED_TYPES.
    content_type: so.Mapped[str] = so.mapped_column(sa.String(100))
    size: so.Mapped[int] = so.mapped_column()
    data: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary, deferred=True)
    uploaded_by: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    uploaded_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    uploader: so.Mapped[User | None] = so.relationship()


class CheckpointComment(Model):
    __tablename__ = "checkpoint_comment"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    checkpoint_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("tracked_checkpoint.id", ondelete="CASCADE"), index=True)
    author_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    author: so.Mapped[User | None] = so.relationship()


class CheckpointAudit(Model):
    """One changed field of a checkpoint: who (None: the roadmap's regeneration), when, before,
    after. Written by services for every change; never edited."""

    __tablename__ = "checkpoint_audit"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    checkpoint_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("tracked_checkpoint.id", ondelete="CASCADE"), index=True)
    user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    #: status / owner / due / started_on / done_on / evidence / drop_reason / file / created ...
    field: so.Mapped[str] = so.mapped_column(sa.String(40))
    before: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    after: so.Mapped[str] = so.mapped_column(sa.Text, default="")

    user: so.Mapped[User | None] = so.relationship()


class CalendarFeed(Model):
    """An .ics URL: its token is the only credential (calendar apps cannot log in), so it is
    long and random, and revoking it (revoked_at) ends it for good."""

    __tablename__ = "calendar_feed"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    #: None: every checkpoint of the engagement; a team member: the checkpoints they own.
    member_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("team_member.id", ondelete="CASCADE"))
    token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_by: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    revoked_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    member: so.Mapped[TeamMember | None] = so.relationship()
