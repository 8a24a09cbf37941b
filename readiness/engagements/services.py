"""Engagement services: build the method's inputs from aggregated queries and assess."""
from __future__ import annotations

import sqlalchemy as sa

from ..extensions import db
from ..method.assess import assess
from ..method.definition import Questionnaire
from ..method.types import (Assessment, BlockSums, DepartmentInput, EngagementFacts, PainInput,
                            RespondentInput)
from ..pains.models import PainPoint
from ..respondents.models import Answer, Respondent, RespondentBlock
from .models import Engagement


def block_sums(engagement: Engagement, questionnaire: Questionnaire) -> list[BlockSums]:
    """R-SCORE-1/R-SCORE-4 sums per respondent and block, read from the respondent_block rows that
    every answer save keeps current (never one query per answer)."""
    query = (
        sa.select(RespondentBlock.respondent_id, RespondentBlock.block_id,
                  RespondentBlock.weighted_sum, RespondentBlock.weight_total,
                  RespondentBlock.answered, RespondentBlock.dont_know)
        .join(Respondent, Respondent.id == RespondentBlock.respondent_id)
        .where(Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False))
    )
    return [BlockSums(*row) for row in db.session.execute(query)]


def respondent_inputs(engagement: Engagement) -> list[RespondentInput]:
    rows = db.session.execute(
        sa.select(Respondent.id, Respondent.role, Respondent.department_id)
        .where(Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False)))
    return [RespondentInput(i, role, dept) for i, role, dept in rows]


def customer_input_mean(engagement: Engagement, questionnaire: Questionnaire) -> float | None:
    """Mean level of the items that ask whether customers' voice is heard (R-RED-5)."""
    ids = [i.id for i in questionnaire.items() if i.customer_input]
    if not ids:
        return None
    value = db.session.scalar(
        sa.select(sa.func.avg(Answer.level))
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False),
               Answer.item_id.in_(ids), Answer.level.isnot(None)))
    return None if value is None else float(value)


def pain_inputs(engagement: Engagement) -> list[PainInput]:
    pains = db.session.scalars(sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id))
    return [PainInput(p.id, p.title, p.severity, p.frequency, p.votes, p.department_id, p.block_ids)
            for p in pains]


def department_inputs(engagement: Engagement) -> list[DepartmentInput]:
    return [DepartmentInput(d.id, d.name, d.current_level, dict(d.fit_answers or {}), d.level_cap,
                            d.cap_reason or "") for d in engagement.departments]


def engagement_facts(engagement: Engagement, questionnaire: Questionnaire) -> EngagementFacts:
    return EngagementFacts(
        sponsor_name=engagement.sponsor_name or "",
        sponsor_hours_per_month=engagement.sponsor_hours_per_month,
        team_sides=tuple(m.side for m in engagement.team),
        customer_input_mean=customer_input_mean(engagement, questionnaire),
    )


def assess_engagement(engagement: Engagement) -> Assessment:
    questionnaire = engagement.questionnaire_version.parsed()
    return assess(
        questionnaire,
        respondent_inputs(engagement),
        block_sums(engagement, questionnaire),
        department_inputs(engagement),
        pain_inputs(engagement),
        engagement_facts(engagement, questionnaire),
    )
