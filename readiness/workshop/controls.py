"""The facilitator's controls: pause, resume, close; switch activity; put an item on the projector
(or go back to one), reveal, re-vote; votes per participant. Each moves the stage version, so the
phones and the projector follow."""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..auth.models import utcnow
from ..extensions import db
from ..method.definition import Questionnaire
from .models import MAX_ROUNDS, WorkshopItem, WorkshopSession
from .services import MAX_VOTES, WorkshopError, item_state, touch

logger = logging.getLogger(__name__)


def _not_closed(session: WorkshopSession) -> None:
    if session.status == "closed":
        raise WorkshopError("closed")


def set_status(session: WorkshopSession, status: str) -> None:
    """pause / resume (open) / close. A closed session stays closed."""
    _not_closed(session)
    if status not in ("open", "paused", "closed"):
        raise WorkshopError("bad-action", 400)
    if session.status != status:
        logger.info("workshop session %s: %s -> %s", session.id, session.status, status)
    session.status = status
    if status == "closed":
        session.closed_at = utcnow()
    db.session.flush()
    touch(session, stage=True)


def set_activity(session: WorkshopSession, activity: str) -> None:
    _not_closed(session)
    if activity not in ("lobby", "capture", "voting"):
        raise WorkshopError("bad-action", 400)
    if session.activity != activity:
        logger.info("workshop session %s: activity %s -> %s", session.id, session.activity,
                    activity)
    session.activity = activity
    db.session.flush()
    touch(session, stage=True)


def asked_items(session: WorkshopSession) -> list[WorkshopItem]:
    return list(db.session.scalars(sa.select(WorkshopItem).where(
        WorkshopItem.session_id == session.id).order_by(WorkshopItem.asked_at, WorkshopItem.id)))


def ask(session: WorkshopSession, questionnaire: Questionnaire, item_id: str) -> WorkshopItem:
    """Put an item on the projector; an item asked before comes back with its rounds."""
    _not_closed(session)
    if item_id not in questionnaire.item_index():
        raise WorkshopError("unknown-item", 400, "item_id")
    state = item_state(session, item_id)
    if state is None:
        state = WorkshopItem(session_id=session.id, item_id=item_id)
        db.session.add(state)
    session.activity, session.item_id = "question", item_id
    db.session.flush()
    logger.info("workshop session %s: item %s on the projector (round %s)", session.id, item_id,
                state.round)
    touch(session, stage=True)
    return state


def next_item_id(session: WorkshopSession, questionnaire: Questionnaire) -> str | None:
    ids = [item.id for item in questionnaire.items()]
    if session.item_id not in ids:
        return ids[0]
    position = ids.index(session.item_id) + 1
    return ids[position] if position < len(ids) else None


def previous_item_id(session: WorkshopSession, questionnaire: Questionnaire) -> str | None:
    """The item before the one on the screen (None at the first; the first when none is)."""
    ids = [item.id for item in questionnaire.items()]
    if session.item_id not in ids:
        return ids[0] if ids else None
    position = ids.index(session.item_id) - 1
    return ids[position] if position >= 0 else None


def _current_item(session: WorkshopSession) -> WorkshopItem:
    _not_closed(session)
    state = item_state(session, session.item_id) if session.activity == "question" else None
    if state is None:
        raise WorkshopError("no-question")
    return state


def reveal(session: WorkshopSession) -> None:
    """Show the distribution of the current round; its answers are final from now on."""
    state = _current_item(session)
    state.revealed_round = state.round
    logger.info("workshop session %s: item %s round %d revealed", session.id, state.item_id,
                state.round)
    db.session.flush()
    touch(session, stage=True)


def revote(session: WorkshopSession) -> None:
    """After discussion: open the next round; the revealed one is kept (before/after)."""
    state = _current_item(session)
    if state.revealed_round < state.round:
        raise WorkshopError("reveal-first")
    if state.round >= MAX_ROUNDS:
        raise WorkshopError("no-more-rounds")
    state.round += 1
    logger.info("workshop session %s: item %s round %d opened", session.id, state.item_id,
                state.round)
    db.session.flush()
    touch(session, stage=True)


def set_votes(session: WorkshopSession, votes: int) -> None:
    """Dot votes per participant; votes already cast stay even if the number goes down."""
    _not_closed(session)
    if session.votes_revealed:
        raise WorkshopError("votes-revealed")
    if not 1 <= votes <= MAX_VOTES:
        raise WorkshopError("bad-votes", 400, "votes")
    session.votes_per_participant = votes
    logger.info("workshop session %s: %d votes per participant", session.id, votes)
    db.session.flush()
    touch(session, stage=True)


def set_split(session: WorkshopSession, on: bool) -> None:
    """The projector's revealed results split by role, or the whole room. Only the view changes
    (the phones show the same), so the stage version stays; the projector and the console follow
    the version. Groups below the low-sample threshold are merged in split.py, whatever this says."""
    _not_closed(session)
    if session.split_by_role != on:
        logger.info("workshop session %s: split by role %s", session.id, "on" if on else "off")
    session.split_by_role = on
    db.session.flush()
    touch(session)
