"""The dashboard's data: the engine's assessment of an engagement, optionally for a filtered set of
respondents (one department, one role), plus response counts.

The filter is applied to the engine's inputs (respondents, their block sums, the customer-input
mean behind R-RED-5) and the pure engine recomputes everything from them. Speed (a 10,000-
respondent engagement is 80,000 respondent_block rows per request, see bench/dashboard.py): the
large reads (engagements.scores) go from the DBAPI cursor straight into named tuples with the
collector paused, and the one answer-table query runs in a worker thread meanwhile.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..engagements.assessment import department_inputs, engagement_facts, pain_inputs
from ..engagements.models import Engagement
from ..engagements.scores import (
    block_sums,
    customer_input_query,
    gc_paused,
    respondent_inputs,
    respondent_scope,
)
from ..extensions import db
from ..method.assess import assess
from ..method.definition import Questionnaire
from ..method.types import Assessment
from ..respondents.models import Respondent

_worker = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dashboard")


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


@dataclass(frozen=True)
class ResponseCounts:
    """Response rate: completed out of the invited (non-revoked) respondents; started apart."""

    invited: int = 0
    started: int = 0
    completed: int = 0

    @property
    def not_started(self) -> int:
        return self.invited - self.started - self.completed

    @property
    def rate(self) -> float | None:
        return self.completed / self.invited if self.invited else None


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


def _in_worker(statement: sa.Select) -> Future[Any]:
    """The statement's rows, queried on a connection of its own in a worker thread. The database
    does this work without holding the GIL while the request's thread reads and scores the block
    sums (the customer-input mean is ~30 ms of index lookups in the answer table for 10,000
    respondents). It sees committed data, as a read-only request does anyway."""
    engine = db.engine

    def run() -> Any:  # the rows, as the statement's columns
        with engine.connect() as connection:
            return connection.execute(statement).all()

    return _worker.submit(run)


def _response_query(engagement: Engagement, filters: Filters) -> sa.Select:
    # The response rate is about invitations: workshop participants were never invited by link.
    return (sa.select(Respondent.department_id, Respondent.status, sa.func.count())
            .where(*respondent_scope(engagement, _conditions(filters)), Respondent.source == "survey")
            .group_by(Respondent.department_id, Respondent.status))


def count_responses(
    rows: list[tuple[int | None, str, int]]
) -> tuple[ResponseCounts, dict[int | None, ResponseCounts]]:
    """(department, status, count) rows -> invited (every non-revoked respondent), started and
    completed, overall and per department."""
    counts: dict[int | None, dict[str, int]] = {}
    for department_id, status, count in rows:
        cell = counts.setdefault(department_id, {"invited": 0, "started": 0, "completed": 0})
        cell["invited"] += count
        if status in ("started", "completed"):
            cell[status] += count
    per_department = {d: ResponseCounts(**c) for d, c in counts.items()}
    total = ResponseCounts(*(sum(getattr(r, f) for r in per_department.values())
                             for f in ("invited", "started", "completed")))
    return total, per_department


def dashboard_data(engagement: Engagement, filters: Filters = Filters()) -> DashboardData:
    """The assessment of the filtered respondents. Department filter: only that department's
    crawl/walk/run level is recommended. Pain points, sponsor and team are engagement facts."""
    questionnaire = engagement.questionnaire_version.parsed()
    conditions = _conditions(filters)
    customer_input = _in_worker(customer_input_query(engagement, questionnaire, conditions))
    responses = _in_worker(_response_query(engagement, filters))
    departments = department_inputs(engagement)
    if filters.department_id is not None:
        departments = [d for d in departments if d.id == filters.department_id]
    pains = pain_inputs(engagement)
    with gc_paused():
        respondents = respondent_inputs(engagement, conditions)
        sums = block_sums(engagement, questionnaire, conditions)
        mean = customer_input.result()[0][0]
        facts = engagement_facts(engagement, questionnaire, None if mean is None else float(mean))
        assessment = assess(questionnaire, respondents, sums, departments, pains, facts)
        del sums  # 80,000 tuples freed while the collector is still paused
    response, by_department = count_responses(responses.result())
    return DashboardData(questionnaire, assessment, filters, response, by_department)
