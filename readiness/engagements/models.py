"""An engagement: one client's CRM readiness assessment, its departments, team and assets."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import User, utcnow
from ..extensions import Model
from ..questionnaires.models import QuestionnaireVersion


class Engagement(Model):
    __tablename__ = "engagement"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    #: The consultant who owns it; sharing goes through EngagementAccess.
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"))
    client: so.Mapped[str] = so.mapped_column(sa.String(200))
    sector: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    #: Executive sponsor (R-RED-3) and the hours per month they commit.
    sponsor_name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    sponsor_hours_per_month: so.Mapped[float | None] = so.mapped_column(sa.Float)
    start_date: so.Mapped[date] = so.mapped_column(sa.Date)
    #: The questionnaire version every answer of this engagement is given on.
    questionnaire_version_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("questionnaire_version.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    owner: so.Mapped[User] = so.relationship()
    questionnaire_version: so.Mapped[QuestionnaireVersion] = so.relationship()
    departments: so.Mapped[list[Department]] = so.relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="Department.id")
    team: so.Mapped[list[TeamMember]] = so.relationship(
        cascade="all, delete-orphan", order_by="TeamMember.id")
    assets: so.Mapped[list[Asset]] = so.relationship(
        cascade="all, delete-orphan", order_by="Asset.id")
    access: so.Mapped[list[EngagementAccess]] = so.relationship(cascade="all, delete-orphan")


class EngagementAccess(Model):
    """Who besides the owner may see an engagement: a consultant (edits) or a client viewer."""

    __tablename__ = "engagement_access"
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user.id"), primary_key=True)
    user: so.Mapped[User] = so.relationship()


class Department(Model):
    __tablename__ = "department"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    #: Level it works at today: 0 none, 1 crawl, 2 walk, 3 run (R-CWR-0).
    current_level: so.Mapped[int] = so.mapped_column(default=0)
    #: Use-case fit answers: fit question id -> option id (R-CWR-0).
    fit_answers: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    #: Consultant's cap (1-3) and why (R-CWR-3).
    level_cap: so.Mapped[int | None] = so.mapped_column()
    cap_reason: so.Mapped[str] = so.mapped_column(sa.String(500), default="")

    engagement: so.Mapped[Engagement] = so.relationship(back_populates="departments")


class TeamMember(Model):
    """Project team member; the side feeds R-RED-4 (IT-only team)."""

    __tablename__ = "team_member"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    #: business / it
    side: so.Mapped[str] = so.mapped_column(sa.String(20))
    role: so.Mapped[str] = so.mapped_column(sa.String(120), default="")


class Asset(Model):
    """An existing good project worth reusing (R-MAP-5): data warehouse, call centre, ..."""

    __tablename__ = "asset"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    kind: so.Mapped[str] = so.mapped_column(sa.String(60), default="")
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
