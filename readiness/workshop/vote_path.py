"""The short path of a dot vote (R-PAIN-1), what 200 phones send in the same second: one read,
then the write transaction's two statements, on prebuilt Core statements (bench/workshop.py and
bench/workshop_profile.py: building the statements and loading ORM objects cost the server more
than the SQL itself, and the room's burst queues behind every millisecond of it).

- The read: the participant (from the cookie's tokens and the code), their session's state, the
  votes they used, whether the pain is on the ballot and whether they already voted for it, in
  one statement of plain values. Nothing is found: the route takes the long way (voting.py), which
  refuses in words (no session, not joined).
- The writes, as voting.cast: the gate (an UPDATE that moves the version only while the session is
  open on voting and not revealed; it takes SQLite's write lock or PostgreSQL's row lock), then an
  INSERT ... SELECT that checks the limit and the duplicate under that lock. The version moved,
  so the projector's stream wakes after the commit (live.changed); phones' streams do not.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from ..auth.models import utcnow
from ..extensions import db
from ..pains.models import PainPoint
from .live import changed
from .models import WorkshopParticipant, WorkshopSession, WorkshopVote
from .services import (
    NOT_NOW,
    WorkshopError,
    normalise_code,
    require_open,
    retry_on_conflict,
    token_hash,
)

#: SQLite: this process's votes write one at a time, queued on this lock. Without it, a room's
#: 100 votes in one worker all ask SQLite for its write lock, and the losers sleep in its busy
#: handler (1, 2, 5 ... 100 ms steps) while the lock is long free again: the burst lasted twice
#: its CPU time. A Python lock wakes the next vote as soon as the previous one committed; only
#: one thread per process still waits in SQLite's handler (for the other worker's writes).
_writer = threading.Lock()


@contextmanager
def writing() -> Iterator[None]:
    """Hold around a vote's write transaction, up to its commit (SQLite only: PostgreSQL locks the
    session's row, and its waiters are woken at once)."""
    if db.engine.dialect.name == "sqlite":
        with _writer:
            yield
    else:
        yield


@dataclass(frozen=True)
class VoteContext:
    """What a vote needs, read before any write (plain values, no ORM object)."""

    session_id: int
    code: str  # the session's code as stored (the redirect of a form POST goes there)
    status: str
    activity: str | None
    votes_revealed: bool
    limit: int
    participant_id: int
    used: int  # votes the participant has cast in this session
    pain_ok: bool  # the pain is on this engagement's ballot
    existing: int | None  # the participant's vote for this pain, if any


@lru_cache(maxsize=2)
def _context_query(by_token: bool) -> sa.Select:
    """The read: by the cookie's token hashes and the code (a phone's request), or by the
    participant's id (voting.cast)."""
    pain_id = sa.bindparam("pain_id", type_=sa.Integer)
    used = (sa.select(sa.func.count()).select_from(WorkshopVote)
            .where(WorkshopVote.participant_id == WorkshopParticipant.id).scalar_subquery())
    pain_ok = sa.exists().where(PainPoint.id == pain_id,
                                PainPoint.engagement_id == WorkshopSession.engagement_id)
    existing = (sa.select(WorkshopVote.id)
                .where(WorkshopVote.participant_id == WorkshopParticipant.id,
                       WorkshopVote.pain_point_id == pain_id).scalar_subquery())
    query = (sa.select(WorkshopSession.id, WorkshopSession.code, WorkshopSession.status,
                       WorkshopSession.activity, WorkshopSession.votes_revealed,
                       WorkshopSession.votes_per_participant, WorkshopParticipant.id, used,
                       pain_ok, existing)
             .join(WorkshopParticipant, WorkshopParticipant.session_id == WorkshopSession.id))
    if not by_token:
        return query.where(WorkshopParticipant.id == sa.bindparam("participant_id"))
    return (query.where(WorkshopParticipant.token_hash.in_(sa.bindparam("hashes", expanding=True)),
                        WorkshopSession.code == sa.bindparam("code"))
            .order_by(WorkshopSession.id.desc()).limit(1))


def context(code: str, tokens, pain_id: int) -> VoteContext | None:
    """The vote's context for the participant whose token is in the cookie, in the session with
    this code (as services.participant_by_code finds them); None when there is none."""
    hashes = [token_hash(t) for t in tokens if isinstance(t, str) and 0 < len(t) <= 100]
    if not hashes:
        return None
    row = db.session.connection().execute(_context_query(True), {
        "hashes": hashes, "code": normalise_code(code), "pain_id": pain_id}).first()
    return None if row is None else VoteContext(*row)


def context_of(participant_id: int, pain_id: int | None) -> VoteContext:
    """The vote's context of a participant known by id (pain None: no pain is on the ballot)."""
    db.session.flush()  # a Core read: the ORM's pending changes first
    return VoteContext(*db.session.connection().execute(_context_query(False), {
        "participant_id": participant_id, "pain_id": pain_id}).one())


@lru_cache(maxsize=1)
def _gate() -> sa.Update:
    """services.gate for voting, with its values bound at execution."""
    return (sa.update(WorkshopSession)
            .where(WorkshopSession.id == sa.bindparam("session_id"),
                   WorkshopSession.status == "open", WorkshopSession.activity == "voting",
                   WorkshopSession.votes_revealed.is_(False))
            .values(version=WorkshopSession.version + 1))


@lru_cache(maxsize=1)
def _insert() -> sa.Insert:
    """The vote, only while the participant has votes left and has none on this pain."""
    participant_id = sa.bindparam("participant_id", type_=sa.Integer)
    pain_id = sa.bindparam("pain_id", type_=sa.Integer)
    used = (sa.select(sa.func.count()).select_from(WorkshopVote)
            .where(WorkshopVote.participant_id == participant_id).scalar_subquery())
    limit = (sa.select(WorkshopSession.votes_per_participant)
             .where(WorkshopSession.id == sa.bindparam("session_id")).scalar_subquery())
    duplicate = sa.exists().where(WorkshopVote.participant_id == participant_id,
                                  WorkshopVote.pain_point_id == pain_id)
    source = sa.select(sa.bindparam("session_id"), participant_id, pain_id,
                       sa.bindparam("now", type_=WorkshopVote.created_at.type)
                       ).where(used < limit, ~duplicate)
    return (sa.insert(WorkshopVote)
            .from_select(["session_id", "participant_id", "pain_point_id", "created_at"], source)
            .returning(WorkshopVote.id))


@lru_cache(maxsize=1)
def _find() -> sa.Select:
    return sa.select(WorkshopVote.id).where(
        WorkshopVote.participant_id == sa.bindparam("participant_id"),
        WorkshopVote.pain_point_id == sa.bindparam("pain_id"))


def _refuse_gate(session_id: int) -> None:
    """Why the gate matched no row (the session changed since the read): as services.gate says."""
    session = db.session.get_one(WorkshopSession, session_id)
    db.session.refresh(session)
    require_open(session)
    if session.votes_revealed:
        raise WorkshopError("votes-revealed")
    raise WorkshopError(NOT_NOW["voting"])


def cast(ctx: VoteContext, pain_id: int) -> tuple[int, int]:
    """voting.cast on the short path: (the vote's id, votes left). The same vote twice returns the
    first one's id; the caller commits."""
    # The same refusals, in the same order, as voting.cast.
    if ctx.status == "closed":
        raise WorkshopError("closed")
    if ctx.status == "paused":
        raise WorkshopError("paused")
    if ctx.activity != "voting":
        raise WorkshopError("not-voting")
    if ctx.votes_revealed:
        raise WorkshopError("votes-revealed")
    if not ctx.pain_ok:
        raise WorkshopError("unknown-pain", 404, "pain_id")
    if ctx.existing is not None:
        return ctx.existing, max(0, ctx.limit - ctx.used)
    values = {"session_id": ctx.session_id, "participant_id": ctx.participant_id,
              "pain_id": pain_id}

    def store() -> tuple[int, int]:
        connection = db.session.connection()
        if not connection.execute(_gate(), {"session_id": ctx.session_id}).rowcount:
            _refuse_gate(ctx.session_id)
        changed(ctx.session_id)
        vote_id = connection.execute(_insert(), {**values, "now": utcnow()}).scalar()
        if vote_id is None:  # the same vote sent twice at once, or no votes left
            vote_id = connection.execute(_find(), values).scalar()
            if vote_id is None:
                raise WorkshopError("no-votes-left")
        # Counted from the read: exact unless this participant cast another vote in between.
        return vote_id, max(0, ctx.limit - ctx.used - 1)

    return retry_on_conflict(store)
