from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model

AFFECTED_PARTIES = ("customer", "competitor", "supplier", "partner", "employee")


class PainPoint(Model):
    __tablename__ = "pain_point"
    __table_args__ = (
        sa.CheckConstraint("severity BETWEEN 1 AND 5", name="severity_range"),
        sa.CheckConstraint("frequency BETWEEN 1 AND 5", name="frequency_range"),
    )
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    department_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("department.id", ondelete="SET NULL"))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    #: How it shows up: a story, role play or storyboard.
    scenario: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    #: customer / competitor / supplier / partner / employee
    affected_party: so.Mapped[str] = so.mapped_column(sa.String(20), default="customer")
    #: Related building blocks, comma-separated ids ("B5,B6").
    blocks: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    severity: so.Mapped[int] = so.mapped_column()
    frequency: so.Mapped[int] = so.mapped_column()
    business_impact: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    owner: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    #: Workshop dot votes (R-PAIN-1).
    votes: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    @property
    def block_ids(self) -> tuple[str, ...]:
        return tuple(b for b in self.blocks.split(",") if b)
