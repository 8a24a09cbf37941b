"""An engagement's assessment: the method's inputs gathered from the database, and the run.

Every page that assesses (overview, dashboard, pains, roadmap, report) builds its inputs here: the
respondents and block sums read in .scores, and the engagement's departments, pains, project team
and facts. This module only reads; it imports models (never services or routes), so any feature
may import it.
"""
from __future__ import annotations

from enum import Enum

import sqlalchemy as sa

from ..extensions import db
from ..method.assess import assess
from ..method.definition import Questionnaire
from ..method.owners import TeamInput
from ..method.types import Assessment, DepartmentInput, EngagementFacts, PainInput
from ..pains.models import PainPoint
from .models import Engagement
from .scores import block_sums, customer_input_mean, gc_paused, respondent_inputs


def pain_inputs(engagement: Engagement) -> list[PainInput]:
    pains = db.session.scalars(sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id))
    return [PainInput(p.id, p.title, p.severity, p.frequency, p.votes, p.department_id, p.block_ids)
            for p in pains]


def team_inputs(engagement: Engagement) -> list[TeamInput]:
    """R-MAP-9: who may own checkpoints (business side by default, IT for technology)."""
    return [TeamInput(m.name, m.side, m.role or "") for m in engagement.team]


def department_inputs(engagement: Engagement) -> list[DepartmentInput]:
    return [DepartmentInput(d.id, d.name, d.current_level, dict(d.fit_answers or {}), d.level_cap,
                            d.cap_reason or "") for d in engagement.departments]


class _Measure(Enum):
    """The default of `customer_input`: measure it now (None is a measured "no answers")."""

    NOW = "now"


def engagement_facts(engagement: Engagement, questionnaire: Questionnaire,
                     customer_input: float | _Measure | None = _Measure.NOW) -> EngagementFacts:
    """Sponsor, team and customer input; pass `customer_input` when it was measured already."""
    if isinstance(customer_input, _Measure):
        customer_input = customer_input_mean(engagement, questionnaire)
    return EngagementFacts(
        sponsor_name=engagement.sponsor_name or "",
        sponsor_hours_per_month=engagement.sponsor_hours_per_month,
        team_sides=tuple(m.side for m in engagement.team),
        customer_input_mean=customer_input,
    )


def assess_engagement(engagement: Engagement) -> Assessment:
    questionnaire = engagement.questionnaire_version.parsed()
    with gc_paused():
        return assess(
            questionnaire,
            respondent_inputs(engagement),
            block_sums(engagement, questionnaire),
            department_inputs(engagement),
            pain_inputs(engagement),
            engagement_facts(engagement, questionnaire),
        )
