"""Live workshop sessions (METHOD.md section 4, R-PAIN-1): participants join on their phones, answer
maturity items in rounds, capture pain points and dot-vote on them."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model

STATUSES = ("open", "paused", "closed")
ACTIVITIES = ("lobby", "question", "capture", "voting")
SUBMISSION_STATUSES = ("new", "merged", "accepted", "dismissed")
#: Rounds of one live question: the first answer, and the re-vote after discussion.
MAX_ROUNDS = 2


class WorkshopSession(Model):
    __tablename__ = "workshop_session"
    __table_args__ = (
        # A join code is unique among the sessions that still accept people.
        sa.Index("uq_workshop_session_open_code", "code", unique=True,
                 sqlite_where=sa.text("status != 'closed'"),
                 postgresql_where=sa.text("status != 'closed'")),
    )
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    facilitator_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    #: Six characters from an alphabet without look-alikes (see services.CODE_ALPHABET).
    code: so.Mapped[str] = so.mapped_column(sa.String(8), index=True)
    #: open / paused / closed
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default="open")
    #: lobby / question / capture / voting
    activity: so.Mapped[str] = so.mapped_column(sa.String(10), default="lobby")
    #: The questionnaire item on the projector (activity "question").
    item_id: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    #: Dot votes per participant (R-PAIN-1, default from the questionnaire's settings).
    votes_per_participant: so.Mapped[int] = so.mapped_column(default=3)
    #: Dot-vote counts shown (and added to PainPoint.votes, once).
    votes_revealed: so.Mapped[bool] = so.mapped_column(default=False)
    #: The projector shows a revealed result split by role (split.py); the console switches it.
    split_by_role: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    #: Moves on every change (projector polls it).
    version: so.Mapped[int] = so.mapped_column(default=1)
    #: Moves only when the facilitator changes what phones show (their streams follow it).
    stage_version: so.Mapped[int] = so.mapped_column(default=1)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    closed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))


class WorkshopParticipant(Model):
    """Someone in the room: no account, a token in their signed cookie, and a Respondent
    (source "workshop") whose answers count in the engagement's scores."""

    __tablename__ = "workshop_participant"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_session.id", ondelete="CASCADE"), index=True)
    respondent_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("respondent.id", ondelete="CASCADE"), index=True)
    #: sha256 of the participant token; the token itself lives only in the phone's cookie.
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    #: Empty for anonymous participants.
    display_name: so.Mapped[str] = so.mapped_column(sa.String(60), default="")
    role: so.Mapped[str] = so.mapped_column(sa.String(20))
    department_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("department.id", ondelete="SET NULL"))
    joined_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)


class WorkshopItem(Model):
    """State of one questionnaire item asked in a session, kept when the facilitator moves on, so
    going back to it shows its rounds again."""

    __tablename__ = "workshop_item"
    __table_args__ = (sa.UniqueConstraint("session_id", "item_id"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_session.id", ondelete="CASCADE"))
    item_id: so.Mapped[str] = so.mapped_column(sa.String(20))
    #: The round answers go to now (1, or 2 after a re-vote).
    round: so.Mapped[int] = so.mapped_column(default=1)
    #: Rounds up to this one have their distribution revealed (0: none yet).
    revealed_round: so.Mapped[int] = so.mapped_column(default=0)
    asked_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)


class WorkshopAnswer(Model):
    """One participant's answer to one item in one round; both rounds are kept (before/after)."""

    __tablename__ = "workshop_answer"
    __table_args__ = (
        sa.UniqueConstraint("participant_id", "item_id", "round"),
        sa.CheckConstraint("level IS NULL OR (level BETWEEN 1 AND 5)", name="level_range"),
    )
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_session.id", ondelete="CASCADE"), index=True)
    participant_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_participant.id", ondelete="CASCADE"))
    item_id: so.Mapped[str] = so.mapped_column(sa.String(20))
    round: so.Mapped[int] = so.mapped_column()
    #: 1-5, or NULL for "don't know".
    level: so.Mapped[int | None] = so.mapped_column()
    answered_at: so.Mapped[datetime] = so.mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class WorkshopSubmission(Model):
    """A pain point a participant typed in; the facilitator merges duplicates and accepts it into
    the register (a PainPoint)."""

    __tablename__ = "workshop_submission"
    __table_args__ = (sa.UniqueConstraint("participant_id", "title"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_session.id", ondelete="CASCADE"), index=True)
    participant_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("workshop_participant.id", ondelete="SET NULL"))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    scenario: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    affected_party: so.Mapped[str] = so.mapped_column(sa.String(20), default="customer")
    #: new / merged / accepted / dismissed
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default="new")
    merged_into_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("workshop_submission.id", ondelete="SET NULL"))
    pain_point_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("pain_point.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)


class WorkshopVote(Model):
    """One dot: at most one per participant and pain point (the unique constraint), at most
    votes_per_participant per participant (counted after services.gate locked the session)."""

    __tablename__ = "workshop_vote"
    __table_args__ = (sa.UniqueConstraint("participant_id", "pain_point_id"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_session.id", ondelete="CASCADE"), index=True)
    participant_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workshop_participant.id", ondelete="CASCADE"))
    pain_point_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("pain_point.id", ondelete="CASCADE"), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
