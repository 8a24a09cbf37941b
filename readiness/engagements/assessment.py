"""An engagement's assessment: the method's inputs gathered from the database, and the run.

Every page that assesses (overview, dashboard, pains, roadmap, report) builds its inputs here: the
respondents and block sums read in .scores, and the engagement's departments, pains, project team
and facts. This module only reads; it imports models (never services or routes), so any feature
may import it.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from enum import Enum
from typing import NamedTuple

import sqlalchemy as sa

from ..extensions import db
from ..method.aggregate import Aggregates, aggregate
from ..method.assess import assess_scored
from ..method.definition import Questionnaire
from ..method.owners import TeamInput
from ..method.types import Assessment, DepartmentInput, EngagementFacts, PainInput
from ..pains.models import PainPoint
from .models import Engagement
from .scores import (
    block_sums,
    customer_input_mean,
    customer_input_query,
    gc_paused,
    in_worker,
    respondent_inputs,
)
from .stamp import cached


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


class Scores(NamedTuple):
    """What the answers say, as assess_scored and engagement_facts take it."""

    aggregates: Aggregates
    customer_input: float | None  # R-RED-5's mean level (None: no such answers)


def current_scores(engagement: Engagement, questionnaire: Questionnaire,
                   conditions: Sequence = (), key: Hashable = None,
                   parallel: bool = False) -> Scores:
    """R-SCORE-1/2/4 and R-GAP-1 aggregates and the customer-input mean of the current wave's
    counted respondents, narrowed by `conditions` (which `key` names, e.g. the dashboard's
    Filters): computed, or taken from the process's cache while the engagement's change stamp is
    the same (.stamp). `parallel`: the answer-table query runs in a worker thread meanwhile, on a
    connection of its own (committed data only: for read-only requests)."""
    version = engagement.questionnaire_version

    def compute() -> Scores:
        asked = any(i.customer_input for i in questionnaire.items())
        future = (in_worker(customer_input_query(engagement, questionnaire, conditions))
                  if parallel and asked else None)
        with gc_paused():
            respondents = {r.id: r for r in respondent_inputs(engagement, conditions)}
            aggregates = aggregate(block_sums(engagement, questionnaire, conditions), respondents,
                                   questionnaire.settings)
        if future is None:
            return Scores(aggregates, customer_input_mean(engagement, questionnaire, conditions))
        mean = future.result()[0][0]
        return Scores(aggregates, None if mean is None else float(mean))

    return cached(engagement, ("current", version.id, version.content_hash, key), compute)


def assess_engagement(engagement: Engagement) -> Assessment:
    questionnaire = engagement.questionnaire_version.parsed()
    scores = current_scores(engagement, questionnaire)
    return assess_scored(
        questionnaire,
        scores.aggregates,
        department_inputs(engagement),
        pain_inputs(engagement),
        engagement_facts(engagement, questionnaire, scores.customer_input),
    )
