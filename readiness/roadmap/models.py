"""A generated roadmap kept as a snapshot, and the consultant's edits on top of it."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model


class RoadmapPlan(Model):
    """The generator's output frozen at `generated_at`: later answers do not move a roadmap the
    client has seen; the consultant regenerates on purpose (and is asked before edits are lost)."""

    __tablename__ = "roadmap_plan"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), unique=True)
    #: readiness.method.roadmap_io.roadmap_to_dict(...) of the generated roadmap.
    snapshot: so.Mapped[dict] = so.mapped_column(sa.JSON)
    #: The consultant's choices the generator follows (R-MAP-6): {"pilot": department id,
    #: "starts": {department id: "YYYY-MM-DD"}}.
    options: so.Mapped[dict | None] = so.mapped_column(sa.JSON)
    generated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    edits: so.Mapped[list[RoadmapEdit]] = so.relationship(
        cascade="all, delete-orphan", order_by="RoadmapEdit.id", passive_deletes=True)


class RoadmapEdit(Model):
    """One edited field: `target` names a phase or checkpoint key, `field` what changed."""

    __tablename__ = "roadmap_edit"
    __table_args__ = (sa.UniqueConstraint("plan_id", "target", "field"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    plan_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("roadmap_plan.id", ondelete="CASCADE"))
    #: "phase:walk" or "checkpoint:L2-req-1"
    target: so.Mapped[str] = so.mapped_column(sa.String(80))
    #: title / objectives / quick_wins / start / end / owner
    field: so.Mapped[str] = so.mapped_column(sa.String(40))
    value: so.Mapped[str] = so.mapped_column(sa.Text)
    edited_by: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    edited_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                      onupdate=utcnow)
