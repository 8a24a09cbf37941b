"""Reading an engagement's scoring inputs: one set of queries for every page that assesses.

The overview, the dashboard (with its filters), the roadmap and the report all read respondents,
their block sums and the customer-input mean here. Speed (a 10,000-respondent engagement is
80,000 respondent_block rows, see bench/dashboard.py): the large reads go from the DBAPI cursor
straight into named tuples, with the garbage collector paused by the caller while they live.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import repeat
from typing import Any, TypeVar, cast

import sqlalchemy as sa

from ..extensions import db
from ..method.definition import Questionnaire
from ..method.types import BlockSums, RespondentInput
from ..respondents.models import Answer, Respondent, RespondentBlock
from ..waves.models import wave_filter
from .models import Engagement

_new_tuple: Callable[..., Any] = tuple.__new__
_Row = TypeVar("_Row", bound=tuple[Any, ...])


@contextmanager
def gc_paused():
    """Building ~100,000 small tuples triggers many full collections that find no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fetch_tuples(statement: sa.Select, row_type: type[_Row]) -> list[_Row]:
    """The rows as `row_type` named tuples, made straight from the DBAPI cursor's tuples (no Row
    objects, no Python call per row: tuple.__new__ mapped over the cursor), inside the session's
    transaction. The statement is compiled for the connection's dialect (SQLite, PostgreSQL)."""
    connection = db.session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    named = compiled.construct_params()
    params = (tuple(named[name] for name in compiled.positiontup or ()) if compiled.positional
              else named)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        # sqlite3 and psycopg cursors iterate (a DB-API extension SQLAlchemy's protocol omits).
        return list(map(_new_tuple, repeat(row_type), cast(Iterable[Any], cursor)))
    finally:
        cursor.close()


_worker = ThreadPoolExecutor(max_workers=4, thread_name_prefix="scores")


def in_worker(statement: sa.Select) -> Future[Any]:
    """The statement's rows, queried on a connection of its own in a worker thread. The database
    does this work without holding the GIL while the request's thread reads and scores the block
    sums (the customer-input mean is ~30 ms of index lookups in the answer table for 10,000
    respondents). It sees committed data, as a read-only request does anyway."""
    engine = db.engine

    def run() -> Any:  # the rows, as the statement's columns
        with engine.connect() as connection:
            return connection.execute(statement).all()

    return _worker.submit(run)


def respondent_scope(engagement: Engagement, conditions: Sequence = (),
                     wave: int | None = None) -> list:
    """The engagement's counted respondents (revoked links do not count) of the current wave
    (R-WAVE-1; `wave` names an earlier one), narrowed by `conditions` (the dashboard's filters)."""
    return [Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False),
            wave_filter(engagement.id, wave), *conditions]


def respondent_inputs(engagement: Engagement, conditions: Sequence = (),
                      wave: int | None = None) -> list[RespondentInput]:
    return fetch_tuples(sa.select(Respondent.id, Respondent.role, Respondent.department_id)
                        .where(*respondent_scope(engagement, conditions, wave)), RespondentInput)


def block_sums(engagement: Engagement, questionnaire: Questionnaire | None = None,
               conditions: Sequence = ()) -> list[BlockSums]:
    """R-SCORE-1/R-SCORE-4 sums per respondent and block, read from the respondent_block rows that
    every answer save keeps current (never one query per answer)."""
    return fetch_tuples(
        sa.select(RespondentBlock.respondent_id, RespondentBlock.block_id,
                  RespondentBlock.weighted_sum, RespondentBlock.weight_total,
                  RespondentBlock.answered, RespondentBlock.dont_know)
        .join(Respondent, Respondent.id == RespondentBlock.respondent_id)
        .where(*respondent_scope(engagement, conditions)), BlockSums)


def customer_input_query(engagement: Engagement, questionnaire: Questionnaire,
                         conditions: Sequence = (), wave: int | None = None) -> sa.Select:
    """Mean level of the items that ask whether customers' voice is heard (R-RED-5)."""
    ids = [i.id for i in questionnaire.items() if i.customer_input]
    return (sa.select(sa.func.avg(Answer.level))
            .join(Respondent, Respondent.id == Answer.respondent_id)
            .where(*respondent_scope(engagement, conditions, wave), Answer.item_id.in_(ids),
                   Answer.level.isnot(None)))


def customer_input_mean(engagement: Engagement, questionnaire: Questionnaire,
                        conditions: Sequence = (), wave: int | None = None) -> float | None:
    if not any(i.customer_input for i in questionnaire.items()):
        return None
    value = db.session.scalar(customer_input_query(engagement, questionnaire, conditions, wave))
    return None if value is None else float(value)


def item_means(engagement: Engagement) -> dict[int | None, dict[str, float]]:
    """R-MAP-8: mean level of each item's scored answers, per department and (key None) for the
    whole engagement: two GROUP BY queries. "Don't know" is not a level and is left out."""
    scope = [*respondent_scope(engagement), Answer.level.isnot(None)]
    out: dict[int | None, dict[str, float]] = {None: {}}
    per_department = (sa.select(Respondent.department_id, Answer.item_id, sa.func.avg(Answer.level))
                      .join(Respondent, Respondent.id == Answer.respondent_id).where(*scope)
                      .where(Respondent.department_id.isnot(None))
                      .group_by(Respondent.department_id, Answer.item_id))
    for department_id, item_id, mean in db.session.execute(per_department):
        out.setdefault(department_id, {})[item_id] = float(mean)
    overall = (sa.select(Answer.item_id, sa.func.avg(Answer.level))
               .join(Respondent, Respondent.id == Answer.respondent_id).where(*scope)
               .group_by(Answer.item_id))
    out[None] = {item_id: float(mean) for item_id, mean in db.session.execute(overall)}
    return out
