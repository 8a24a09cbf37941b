"""The dashboard's data: the engine's assessment of an engagement, optionally for a filtered set of
respondents (one department, one role), plus response counts.

The filter is applied to the engine's inputs (respondents, their block sums, the customer-input
mean behind R-RED-5) and the pure engine recomputes everything from them. Speed (a 10,000-
respondent engagement is 80,000 respondent_block rows, see bench/dashboard.py): their aggregates
are cached per filter while the engagement's change stamp holds (engagements.stamp), and when
they are not, the large reads (engagements.scores) go from the DBAPI cursor straight into named
tuples with the collector paused; the answer-table queries run in worker threads meanwhile.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..engagements.assessment import (
    current_scores,
    department_inputs,
    engagement_facts,
    pain_inputs,
)
from ..engagements.models import Engagement
from ..engagements.response import figures_by_department, response_query
from ..engagements.scores import in_worker
from ..method.assess import assess_scored
from ..method.definition import Questionnaire
from ..method.response import ResponseFigures
from ..method.types import Assessment
from ..respondents.models import Respondent


@dataclass(frozen=True)
class Filters:
    """Which respondents the dashboard shows; None means all."""

    department_id: int | None = None
    role: str | None = None
    #: "survey" (personal links) or "workshop" (live sessions): the two sources shown apart.
    source: str | None = None

    @property
    def active(self) -> bool:
        return self.department_id is not None or self.role is not None or self.source is not None


#: The one response definition (readiness.method.response): completed / invited personal links.
ResponseCounts = ResponseFigures


@dataclass(frozen=True)
class DashboardData:
    questionnaire: Questionnaire
    assessment: Assessment
    filters: Filters
    response: ResponseCounts
    #: department id (None: respondents without a department) -> counts
    response_by_department: dict[int | None, ResponseCounts] = field(default_factory=dict)


def _conditions(filters: Filters) -> list:
    """The filter as conditions on Respondent, for the shared readers in engagements.scores."""
    conditions = []
    if filters.department_id is not None:
        conditions.append(Respondent.department_id == filters.department_id)
    if filters.role is not None:
        conditions.append(Respondent.role == filters.role)
    if filters.source is not None:
        conditions.append(Respondent.source == filters.source)
    return conditions


def dashboard_data(engagement: Engagement, filters: Filters = Filters()) -> DashboardData:
    """The assessment of the filtered respondents. Department filter: only that department's
    crawl/walk/run level is recommended. Pain points, sponsor and team are engagement facts."""
    questionnaire = engagement.questionnaire_version.parsed()
    conditions = _conditions(filters)
    # Workshop participants are counted apart from the invited (readiness.method.response).
    responses = in_worker(response_query(engagement, conditions))
    departments = department_inputs(engagement)
    if filters.department_id is not None:
        departments = [d for d in departments if d.id == filters.department_id]
    pains = pain_inputs(engagement)
    # Unfiltered, the overview's own scores: one cache entry serves both pages.
    scores = current_scores(engagement, questionnaire, conditions,
                            filters if filters.active else None, parallel=True)
    facts = engagement_facts(engagement, questionnaire, scores.customer_input)
    assessment = assess_scored(questionnaire, scores.aggregates, departments, pains, facts)
    response, by_department = figures_by_department(responses.result())
    return DashboardData(questionnaire, assessment, filters, response, by_department)
