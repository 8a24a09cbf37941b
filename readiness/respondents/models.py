from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model

RESPONDENT_ROLES = ("executive", "manager", "front_line", "it", "other")
CONFIDENCES = ("low", "medium", "high")


def new_token() -> str:
    """192 random bits, URL-safe: the respondent's only key, so it must be unguessable."""
    return secrets.token_urlsafe(24)


class Respondent(Model):
    __tablename__ = "respondent"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    department_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("department.id", ondelete="SET NULL"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    email: so.Mapped[str] = so.mapped_column(sa.String(254), default="")
    #: executive / manager / front_line / it / other
    role: so.Mapped[str] = so.mapped_column(sa.String(20))
    #: The personal link's key.
    token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True, default=new_token)
    #: invited / started / completed
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="invited")
    revoked: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    started_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    completed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    #: How the answers came in: "survey" (personal link) or "workshop" (a live session).
    source: so.Mapped[str] = so.mapped_column(sa.String(12), default="survey", server_default="survey")
    #: Language the respondent chose for the questionnaire (en / zh).
    locale: so.Mapped[str] = so.mapped_column(sa.String(8), default="en", server_default="en")
    #: The reassessment wave (R-WAVE-1) this row answers; set to the current wave when added
    #: (readiness.waves.models). Only the current wave counts and may change.
    wave: so.Mapped[int] = so.mapped_column(server_default="1", index=True)
    #: Change counter: 0 when added, one more on every UPDATE of the row (any path: the ORM, a
    #: Core or bulk UPDATE). With the row count it makes the engagement's change stamp that keys
    #: the cached scores (readiness.engagements.stamp).
    generation: so.Mapped[int] = so.mapped_column(
        default=0, server_default="0", onupdate=sa.text("respondent.generation + 1"))

    answers: so.Mapped[list[Answer]] = so.relationship(cascade="all, delete-orphan",
                                                         passive_deletes=True)


class Answer(Model):
    """One answer per respondent and item. Block and weight are copied from the (immutable)
    questionnaire version so scores aggregate in one GROUP BY without re-reading the YAML."""

    __tablename__ = "answer"
    __table_args__ = (
        sa.UniqueConstraint("respondent_id", "item_id"),
        sa.CheckConstraint("level IS NULL OR (level BETWEEN 1 AND 5)", name="level_range"),
    )
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    respondent_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("respondent.id", ondelete="CASCADE"))
    questionnaire_version_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("questionnaire_version.id"))
    item_id: so.Mapped[str] = so.mapped_column(sa.String(20))
    block_id: so.Mapped[str] = so.mapped_column(sa.String(4))
    weight: so.Mapped[float] = so.mapped_column(sa.Float)
    #: 1-5, or NULL for "don't know" (not scored, counted: R-SCORE-4).
    level: so.Mapped[int | None] = so.mapped_column()
    #: low / medium / high (R-SCORE-4 weights)
    confidence: so.Mapped[str] = so.mapped_column(sa.String(10), default="high")
    evidence: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_at: so.Mapped[datetime] = so.mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class RespondentBlock(Model):
    """R-SCORE-1/R-SCORE-4 sums of one respondent's answers to one block, kept up to date on every
    save. The dashboard of a 10,000-respondent engagement reads 80,000 of these rows instead of
    grouping 480,000 answers per request."""

    __tablename__ = "respondent_block"
    #: The change stamp's sum of generations per engagement reads this index only (no table row
    #: per block: readiness.engagements.stamp).
    __table_args__ = (sa.Index("ix_respondent_block_generation", "respondent_id", "generation"),)
    respondent_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("respondent.id", ondelete="CASCADE"), primary_key=True)
    block_id: so.Mapped[str] = so.mapped_column(sa.String(4), primary_key=True)
    #: Sum of item weight x confidence weight x level over answered items.
    weighted_sum: so.Mapped[float] = so.mapped_column(sa.Float, default=0.0)
    #: Sum of item weight x confidence weight over answered items.
    weight_total: so.Mapped[float] = so.mapped_column(sa.Float, default=0.0)
    answered: so.Mapped[int] = so.mapped_column(default=0)
    dont_know: so.Mapped[int] = so.mapped_column(default=0)
    #: Change counter, as Respondent.generation. The answer save's upsert (ON CONFLICT DO UPDATE)
    #: does not apply column onupdate defaults: it sets this itself.
    generation: so.Mapped[int] = so.mapped_column(
        default=0, server_default="0", onupdate=sa.text("respondent_block.generation + 1"))
