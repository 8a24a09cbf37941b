"""Dot-voting (R-PAIN-1): N votes per participant, at most one per pain point, counts hidden until
the facilitator reveals them; revealed counts are added to PainPoint.votes once.

Limits hold under concurrency: services.gate locks the session first (an UPDATE: SQLite takes its
write lock, PostgreSQL the row lock), then the count is checked and the vote inserted in the same
transaction; the unique (participant, pain point) constraint makes a double submission one row.
A vote's read and writes are vote_path.py's (the phone's request takes them without the ORM).
"""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..extensions import db
from ..pains.models import PainPoint
from . import vote_path
from .models import WorkshopParticipant, WorkshopSession, WorkshopVote
from .services import WorkshopError, changed_rows, gate, require_open, touch

logger = logging.getLogger(__name__)


def ballot(session: WorkshopSession) -> list[PainPoint]:
    """The engagement's pain points, in the order they were recorded (not by priority: the ballot
    must not lead the room)."""
    return list(db.session.scalars(sa.select(PainPoint).where(
        PainPoint.engagement_id == session.engagement_id).order_by(PainPoint.id)))


def _votable(session: WorkshopSession, pain_id: int) -> None:
    require_open(session)
    if session.activity != "voting":
        raise WorkshopError("not-voting")
    if session.votes_revealed:
        raise WorkshopError("votes-revealed")
    if not isinstance(pain_id, int) or db.session.scalar(sa.select(PainPoint.id).where(
            PainPoint.id == pain_id,
            PainPoint.engagement_id == session.engagement_id)) is None:
        raise WorkshopError("unknown-pain", 404, "pain_id")


def cast(session: WorkshopSession, participant: WorkshopParticipant, pain_id: int) -> int:
    """Put one dot on a pain point; returns the vote's id. Voting twice for the same pain returns
    the first vote's id. The phone's request and this share vote_path.cast: one read, then under
    the gate's lock one INSERT ... SELECT checks the limit and the duplicate and inserts."""
    context = vote_path.context_of(participant.id, pain_id if isinstance(pain_id, int) else None)
    vote_id, _left = vote_path.cast(context, pain_id)
    db.session.expire(session, ["version"])  # the gate moved it
    return vote_id


def withdraw(session: WorkshopSession, participant: WorkshopParticipant, pain_id: int) -> bool:
    """Take a dot back (before the reveal). Withdrawing twice is harmless."""
    _votable(session, pain_id)
    gate(session, "voting")
    return bool(changed_rows(sa.delete(WorkshopVote).where(
        WorkshopVote.participant_id == participant.id, WorkshopVote.pain_point_id == pain_id)))


def votes_left(session: WorkshopSession, participant: WorkshopParticipant) -> int:
    used = db.session.execute(sa.select(sa.func.count()).select_from(WorkshopVote).where(
        WorkshopVote.participant_id == participant.id)).scalar_one()
    return max(0, session.votes_per_participant - used)


def own_votes(participant: WorkshopParticipant) -> set[int]:
    return set(db.session.scalars(sa.select(WorkshopVote.pain_point_id).where(
        WorkshopVote.participant_id == participant.id)))


def tally(session: WorkshopSession) -> dict[int, int]:
    """pain point id -> votes in this session (callers show it only once revealed)."""
    rows = db.session.execute(
        sa.select(WorkshopVote.pain_point_id, sa.func.count()).where(
            WorkshopVote.session_id == session.id).group_by(WorkshopVote.pain_point_id))
    return {pain_id: n for pain_id, n in rows}


def totals(session: WorkshopSession) -> tuple[int, int]:
    """(votes cast, participants who voted): what the room may see before the reveal."""
    row = db.session.execute(sa.select(
        sa.func.count(), sa.func.count(sa.distinct(WorkshopVote.participant_id))).where(
        WorkshopVote.session_id == session.id)).one()
    return row[0], row[1]


def reveal(session: WorkshopSession) -> dict[int, int]:
    """Show the counts and add them to the pain points' votes (R-PAIN-1), exactly once."""
    if session.status == "closed":
        raise WorkshopError("closed")
    if session.votes_revealed:
        return tally(session)
    # The flag flips by a conditional UPDATE, so two reveals at once add the votes once.
    flipped = changed_rows(
        sa.update(WorkshopSession).where(WorkshopSession.id == session.id,
                                         WorkshopSession.votes_revealed.is_(False))
        .values(votes_revealed=True).execution_options(synchronize_session=False))
    db.session.expire(session, ["votes_revealed"])
    counts = tally(session)
    if flipped:
        for pain_id, n in counts.items():
            db.session.execute(sa.update(PainPoint).where(PainPoint.id == pain_id)
                               .values(votes=PainPoint.votes + n)
                               .execution_options(synchronize_session=False))
        touch(session, stage=True)
        logger.info("workshop session %s: votes revealed, %d dots on %d pain points added to the "
                    "register", session.id, sum(counts.values()), len(counts))
    return counts
