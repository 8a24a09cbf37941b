"""A reassessment wave (R-WAVE-1): one round of the questionnaire on an engagement.

Wave 1 is implicit: an engagement without Wave rows is in wave 1 (every respondent row before
this feature is wave 1). Starting wave 2 records wave 1 and wave 2 together, so from then on every
wave has its row, with the questionnaire version it was asked on.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model
from ..respondents.models import Respondent


class Wave(Model):
    __tablename__ = "wave"
    __table_args__ = (sa.UniqueConstraint("engagement_id", "number"),
                      sa.CheckConstraint("number >= 1", name="wave_number_positive"))
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3 ... in order; the highest is the current wave, the others are read-only.
    number: so.Mapped[int] = so.mapped_column()
    #: The questionnaire version this wave asks (the same one or a newer one than before).
    questionnaire_version_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("questionnaire_version.id"))
    #: When the wave started (wave 1: when the engagement was created).
    started_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    #: The consultant who started it (None for wave 1 and for deleted accounts).
    started_by: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))


def current_number_query(engagement_id: int) -> sa.ScalarSelect:
    """The engagement's current wave number as a scalar subquery (1 while no wave was started)."""
    return (sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
            .where(Wave.engagement_id == engagement_id).scalar_subquery())


def wave_filter(engagement_id: int, number: int | None = None) -> sa.ColumnElement[bool]:
    """The respondents of one wave: the current one unless `number` says which. Every query of
    current data (scores, dashboard, exports, roster, report, roadmap inputs) goes through this."""
    if number is not None:
        return Respondent.wave == number
    return Respondent.wave == current_number_query(engagement_id)


@sa.event.listens_for(Respondent, "before_insert")
def _join_current_wave(mapper, connection, target: Respondent) -> None:
    """A respondent added without a wave (an invitation, a CSV row, a workshop participant)
    belongs to the engagement's current wave. Here rather than at each place that adds people,
    so that no way of adding one can file answers under a closed wave."""
    if target.wave is None:
        target.wave = connection.scalar(
            sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
            .where(Wave.engagement_id == target.engagement_id))
