"""The dashboard's data: the engine's assessment of an engagement, optionally for a filtered set of
respondents (one department, one role), plus response counts.

The filter is applied to the engine's inputs (respondents, their block sums, the customer-input
mean behind R-RED-5) and the pure engine recomputes everything from them. Speed (a 10,000-
respondent engagement is 80,000 respondent_block rows per request, see bench/dashboard.py): the
large reads go through the DBAPI cursor straight into named tuples with the garbage collector
paused, and the one answer-table query runs in a worker thread meanwhile.
"""
from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat

import sqlalchemy as sa

from ..engagements.models import Engagement
from ..engagements.services import department_inputs, pain_inputs
from ..extensions import db
from ..method.assess import assess
from ..method.definition import Questionnaire
from ..method.types import Assessment, BlockSums, EngagementFacts, RespondentInput
from ..respondents.models import Answer, Respondent, RespondentBlock

_new_tuple = tuple.__new__
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


@contextmanager
def _gc_paused():
    """Building ~100,000 small tuples triggers many full collections that find no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows(statement: sa.Select, row_type: type[tuple]) -> list:
    """The rows as `row_type` named tuples, made straight from the DBAPI cursor's tuples (no Row
    objects, no Python call per row: tuple.__new__ mapped over the cursor), inside the session's
    transaction. The statement is compiled for the connection's dialect (SQLite, PostgreSQL)."""
    connection = db.session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    if compiled.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(map(_new_tuple, repeat(row_type), cursor))
    finally:
        cursor.close()


def _respondent_scope(engagement: Engagement, filters: Filters) -> list:
    conditions = [Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False)]
    if filters.department_id is not None:
        conditions.append(Respondent.department_id == filters.department_id)
    if filters.role is not None:
        conditions.append(Respondent.role == filters.role)
    if filters.source is not None:
        conditions.append(Respondent.source == filters.source)
    return conditions


def filtered_respondents(engagement: Engagement, filters: Filters) -> list[RespondentInput]:
    return _rows(sa.select(Respondent.id, Respondent.role, Respondent.department_id)
                 .where(*_respondent_scope(engagement, filters)), RespondentInput)


def filtered_block_sums(engagement: Engagement, filters: Filters) -> list[BlockSums]:
    """Same rows as engagements.services.block_sums, restricted to the filtered respondents."""
    return _rows(
        sa.select(RespondentBlock.respondent_id, RespondentBlock.block_id,
                  RespondentBlock.weighted_sum, RespondentBlock.weight_total,
                  RespondentBlock.answered, RespondentBlock.dont_know)
        .join(Respondent, Respondent.id == RespondentBlock.respondent_id)
        .where(*_respondent_scope(engagement, filters)), BlockSums)


def _in_worker(statement: sa.Select) -> Future:
    """The statement's rows, queried on a connection of its own in a worker thread. The database
    does this work without holding the GIL while the request's thread reads and scores the block
    sums (the customer-input mean is ~30 ms of index lookups in the answer table for 10,000
    respondents). It sees committed data, as a read-only request does anyway."""
    engine = db.engine

    def run() -> list:
        with engine.connect() as connection:
            return connection.execute(statement).all()

    return _worker.submit(run)


def _customer_input_query(engagement: Engagement, questionnaire: Questionnaire,
                          filters: Filters) -> sa.Select:
    """Mean level of the customer-input items (R-RED-5) over the filtered respondents."""
    ids = [i.id for i in questionnaire.items() if i.customer_input]
    return (sa.select(sa.func.avg(Answer.level))
            .join(Respondent, Respondent.id == Answer.respondent_id)
            .where(*_respondent_scope(engagement, filters), Answer.item_id.in_(ids),
                   Answer.level.isnot(None)))


def _response_query(engagement: Engagement, filters: Filters) -> sa.Select:
    # The response rate is about invitations: workshop participants were never invited by link.
    return (sa.select(Respondent.department_id, Respondent.status, sa.func.count())
            .where(*_respondent_scope(engagement, filters), Respondent.source == "survey")
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
    customer_input = _in_worker(_customer_input_query(engagement, questionnaire, filters))
    responses = _in_worker(_response_query(engagement, filters))
    departments = department_inputs(engagement)
    if filters.department_id is not None:
        departments = [d for d in departments if d.id == filters.department_id]
    pains = pain_inputs(engagement)
    with _gc_paused():
        respondents = filtered_respondents(engagement, filters)
        sums = filtered_block_sums(engagement, filters)
        mean = customer_input.result()[0][0]
        facts = EngagementFacts(
            sponsor_name=engagement.sponsor_name or "",
            sponsor_hours_per_month=engagement.sponsor_hours_per_month,
            team_sides=tuple(m.side for m in engagement.team),
            customer_input_mean=None if mean is None else float(mean),
        )
        assessment = assess(questionnaire, respondents, sums, departments, pains, facts)
        del sums  # 80,000 tuples freed while the collector is still paused
    response, by_department = count_responses(responses.result())
    return DashboardData(questionnaire, assessment, filters, response, by_department)
