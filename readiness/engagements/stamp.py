"""Scores cached per process, keyed by a change stamp read from the database on every request.

Scoring a 10,000-respondent engagement reads 80,000 respondent_block rows and aggregates them
(~0.3 s, bench/dashboard.py); views repeat with nothing changed far more often than answers come
in. The expensive, pure part (method.aggregate's result) is kept in a small LRU cache of this
process; whether it still holds is decided by the database, so several processes or servers
never show each other's stale numbers.

The stamp of an engagement is one statement: the number of its respondent rows and the sum of
their `generation`, the same for their respondent_block rows, and its current wave. Why it
changes on every change that moves a score:
- every UPDATE of either table adds one to the row's generation (column onupdate for ORM, Core
  and bulk updates; the answer save's upsert sets it itself), so a sum only grows;
- an INSERT adds a row, so a count grows;
- respondents are never deleted while their engagement exists (a deleted department's people
  are moved out by an UPDATE first: engagements.services.delete_row), and respondent_block rows
  are deleted only by respondents.services.refresh_block_sums, which bumps the respondents'
  generation in the same transaction. So no change makes a count or sum go down, and any one
  change makes one go up: a stamp never comes back once anything changed.
The stamp is taken over every respondent of the engagement (every wave, revoked or not, any
department and role) rather than the filtered scope: a respondent leaving the scope (revoked,
moved) would take its generation out of the sum and could cancel out a change elsewhere.

Answers are summed into respondent_block by the same save that writes them (one upsert per
changed level or confidence), so the stamp covers the answers too: evidence text, the only other
thing a save may change, is not scored.

A transaction with its own writes not yet committed neither reads nor fills the cache: if it
rolled back, its stamp could later be reached again by different committed changes.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import sqlalchemy as sa

from ..extensions import db
from ..lru import LRUCache
from ..respondents.models import Respondent, RespondentBlock
from ..waves.models import Wave
from .models import Engagement

T = TypeVar("T")

#: Entries kept per process: a few engagements x their filter combinations.
CACHE_SIZE = 32


def stamp_query(engagement_id: int) -> sa.Select:
    """(respondents, sum of their generations, block rows, sum of theirs, current wave)."""
    people = (sa.select(sa.func.count().label("n"),
                        sa.func.coalesce(sa.func.sum(Respondent.generation), 0).label("g"))
              .where(Respondent.engagement_id == engagement_id).subquery())
    blocks = (sa.select(sa.func.count().label("n"),
                        sa.func.coalesce(sa.func.sum(RespondentBlock.generation), 0).label("g"))
              .join(Respondent, Respondent.id == RespondentBlock.respondent_id)
              .where(Respondent.engagement_id == engagement_id).subquery())
    wave = (sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
            .where(Wave.engagement_id == engagement_id).scalar_subquery())
    return (sa.select(people.c.n, people.c.g, blocks.c.n, blocks.c.g, wave)
            .select_from(people.join(blocks, sa.true())))  # one row each: no product


def writes_pending(connection: sa.Connection) -> bool:
    """Whether this transaction wrote anything not committed yet (then the cache is not used).
    SQLite's driver opens a transaction only before a write; PostgreSQL assigns a transaction id
    only at the first write. Any other database: assume so (no caching)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return bool(connection.connection.dbapi_connection.in_transaction)  # type: ignore[union-attr]
    if dialect == "postgresql":
        return bool(connection.scalar(sa.text(
            "SELECT pg_current_xact_id_if_assigned() IS NOT NULL")))
    return True


def stamp(engagement: Engagement) -> tuple[Any, ...] | None:
    """The engagement's change stamp, or None when this transaction has uncommitted writes."""
    connection = db.session.connection()
    if writes_pending(connection):
        return None
    return tuple(connection.execute(stamp_query(engagement.id)).one())


scores_cache = LRUCache(CACHE_SIZE)


_READ_NOW: Any = object()


def cached(engagement: Engagement, key: Hashable, compute: Callable[[], T],
           current: tuple[Any, ...] | None = _READ_NOW) -> T:
    """compute(), or its value from an earlier call with the same key and the same stamp.

    `key` must name everything else the value depends on (the questionnaire version, filters,
    wave); the database (its URL), the engagement (id and creation time: SQLite may reuse the id
    of a deleted row) and the stamp are added here. `current`: the stamp if read already."""
    if current is _READ_NOW:
        current = stamp(engagement)
    if current is None:
        return compute()
    full = (str(db.engine.url), engagement.id, engagement.created_at, current, key)
    return scores_cache.get_or_compute(full, compute)
