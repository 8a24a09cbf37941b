"""Workshop sessions: open one, join it, and the facilitator's controls. Plain functions on models;
routes commit. Answers, pain capture and dot-voting live in answers.py, capture.py, voting.py.

Concurrency: the version counters only ever move by SQL (`version = version + 1`), never from a
value read earlier, so a facilitator's change and a participant's vote cannot undo each other.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..auth.models import User
from ..engagements.models import Department, Engagement
from ..errors import DomainError
from ..extensions import db
from ..method.definition import Questionnaire
from ..respondents.models import RESPONDENT_ROLES, Respondent
from .live import changed
from .models import WorkshopItem, WorkshopParticipant, WorkshopSession

logger = logging.getLogger(__name__)

#: No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read off a projector is typed right the first time.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_VOTES = 20
T = TypeVar("T")


class WorkshopError(DomainError):
    """Refused: `code` is a stable reason for JSON and pages (words in messages.py), `status` the
    HTTP status (409 unless given), `field` the form field it belongs to."""

    def __init__(self, code: str, status: int = 409, field: str | None = None):
        super().__init__(code, field=field, status=status)


def retry_on_conflict(operation: Callable[[], T]) -> T:
    """Run `operation`; if a concurrent request inserted the same unique row first, roll back and
    run it once more (it then finds that row: a double submission stores one row)."""
    try:
        return operation()
    except IntegrityError:
        db.session.rollback()
        return operation()


# Codes and tokens --------------------------------------------------------------------------

def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces, dashes are all fine."""
    return "".join(ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_participant_token() -> str:
    """192 random bits: the participant's only key."""
    return secrets.token_urlsafe(24)


# Sessions -----------------------------------------------------------------------------------

def open_session(engagement: Engagement, facilitator: User, questionnaire: Questionnaire,
                 votes: int | None = None) -> WorkshopSession:
    """A new open session with a join code no other open session uses."""
    votes = votes or questionnaire.settings.votes_per_participant
    for _attempt in range(20):
        code = new_code()
        taken = db.session.scalar(sa.select(sa.exists().where(
            WorkshopSession.code == code, WorkshopSession.status != "closed")))
        if taken:
            continue
        session = WorkshopSession(engagement_id=engagement.id, facilitator_id=facilitator.id,
                                  code=code, votes_per_participant=votes)
        db.session.add(session)
        try:
            db.session.flush()
        except IntegrityError:  # the same code opened concurrently: draw another
            db.session.rollback()
            continue
        logger.info("workshop session %s opened for engagement %s by account %s (%d votes each)",
                    session.id, engagement.id, facilitator.id, votes)
        return session
    raise WorkshopError("no-code", 503)


def get_session(engagement: Engagement, session_id: int) -> WorkshopSession | None:
    """A session of this engagement, or None (never another engagement's)."""
    return db.session.scalar(sa.select(WorkshopSession).where(
        WorkshopSession.id == session_id, WorkshopSession.engagement_id == engagement.id))


def sessions_of(engagement: Engagement) -> list[WorkshopSession]:
    return list(db.session.scalars(sa.select(WorkshopSession).where(
        WorkshopSession.engagement_id == engagement.id).order_by(WorkshopSession.id.desc())))


def session_rows(engagement: Engagement) -> list[dict]:
    """The engagement's sessions, newest first, with how many people joined each."""
    counts = dict(db.session.execute(
        sa.select(WorkshopParticipant.session_id, sa.func.count())
        .join(WorkshopSession, WorkshopSession.id == WorkshopParticipant.session_id)
        .where(WorkshopSession.engagement_id == engagement.id)
        .group_by(WorkshopParticipant.session_id)).all())
    return [{"session": s, "participants": counts.get(s.id, 0)} for s in sessions_of(engagement)]


def find_by_code(code: str) -> WorkshopSession | None:
    """The open (or paused) session with this code; else the latest closed one, so a participant
    who comes back later is told it is closed."""
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return db.session.scalar(sa.select(WorkshopSession).where(WorkshopSession.code == code)
                             .order_by((WorkshopSession.status == "closed").asc(),
                                       WorkshopSession.id.desc()).limit(1))


def touch(session: WorkshopSession, stage: bool = False) -> None:
    """Move the version (projector refreshes) and, for what phones show, the stage version."""
    values = {"version": WorkshopSession.version + 1}
    if stage:
        values["stage_version"] = WorkshopSession.stage_version + 1
    db.session.execute(sa.update(WorkshopSession).where(WorkshopSession.id == session.id)
                       .values(**values).execution_options(synchronize_session=False))
    db.session.expire(session, ["version", "stage_version"])
    changed(session.id, stage)  # the streams wake after the commit (phones' only for the stage)


def require_open(session: WorkshopSession) -> None:
    if session.status == "closed":
        raise WorkshopError("closed")
    if session.status == "paused":
        raise WorkshopError("paused")


NOT_NOW = {"question": "not-current", "capture": "not-capturing", "voting": "not-voting"}


def changed_rows(statement: sa.Executable) -> int:
    """Run an UPDATE or DELETE in the session: the number of rows it matched. (SQLAlchemy types
    Session.execute as a Result; for these statements it is a CursorResult, which counts.)"""
    return cast("sa.CursorResult[Any]", db.session.execute(statement)).rowcount


def gate(session: WorkshopSession, activity: str, item_id: str | None = None) -> None:
    """The first write of a participant's transaction: move the version only if the session is
    still open on this activity (and item). The row stays locked until commit (SQLite: the write
    lock; PostgreSQL: the row lock), so a close, reveal or switch by the facilitator lands either
    before this input (which is then refused) or after it, never in between."""
    conditions = [WorkshopSession.id == session.id, WorkshopSession.status == "open",
                  WorkshopSession.activity == activity]
    if item_id is not None:
        conditions.append(WorkshopSession.item_id == item_id)
    if activity == "voting":
        conditions.append(WorkshopSession.votes_revealed.is_(False))
    moved = changed_rows(
        sa.update(WorkshopSession).where(*conditions)
        .values(version=WorkshopSession.version + 1)
        .execution_options(synchronize_session=False))
    db.session.expire(session, ["version"])
    if moved:
        changed(session.id)
    if not moved:
        db.session.refresh(session)
        require_open(session)
        if activity == "voting" and session.votes_revealed:
            raise WorkshopError("votes-revealed")
        raise WorkshopError(NOT_NOW[activity])


# Participants -------------------------------------------------------------------------------

def join(session: WorkshopSession, display_name: str, role: str, department_id: int | None,
         locale: str = "en") -> tuple[WorkshopParticipant, str]:
    """A participant and their Respondent (source "workshop": their answers count in the
    engagement's scores). Returns the token for the phone's cookie; only its hash is stored."""
    if session.status == "closed":
        raise WorkshopError("closed")
    if role not in RESPONDENT_ROLES:
        raise WorkshopError("bad-role", 400, "role")
    if department_id is not None and db.session.scalar(sa.select(Department.id).where(
            Department.id == department_id,
            Department.engagement_id == session.engagement_id)) is None:
        raise WorkshopError("bad-department", 400, "department_id")
    name = (display_name or "").strip()[:60]
    respondent = Respondent(engagement_id=session.engagement_id, department_id=department_id,
                            name=name, role=role, source="workshop", locale=locale)
    db.session.add(respondent)
    db.session.flush()
    token = new_participant_token()
    participant = WorkshopParticipant(session_id=session.id, respondent_id=respondent.id,
                                      token_hash=token_hash(token), display_name=name, role=role,
                                      department_id=department_id)
    db.session.add(participant)
    db.session.flush()
    touch(session)
    logger.debug("workshop session %s: participant %s joined (%s)", session.id, participant.id,
                 role)
    return participant, token


def participant_for(session: WorkshopSession, token: str | None) -> WorkshopParticipant | None:
    """The participant this token belongs to, in this session only."""
    if not token or not isinstance(token, str) or len(token) > 100:
        return None
    return db.session.scalar(sa.select(WorkshopParticipant).where(
        WorkshopParticipant.token_hash == token_hash(token),
        WorkshopParticipant.session_id == session.id))


def participant_by_code(code: str, tokens) -> tuple[WorkshopSession | None,
                                                    WorkshopParticipant | None]:
    """(session, participant) in one query from the code and the tokens in the phone's cookie;
    (session or None, None) when none of the tokens belongs to a session with this code."""
    hashes = [token_hash(t) for t in tokens if isinstance(t, str) and 0 < len(t) <= 100]
    if hashes:
        row = db.session.execute(
            sa.select(WorkshopSession, WorkshopParticipant)
            .join(WorkshopParticipant, WorkshopParticipant.session_id == WorkshopSession.id)
            .where(WorkshopParticipant.token_hash.in_(hashes),
                   WorkshopSession.code == normalise_code(code))
            .order_by(WorkshopSession.id.desc()).limit(1)).first()
        if row is not None:
            return row[0], row[1]
    return find_by_code(code), None


def participants(session: WorkshopSession) -> list[WorkshopParticipant]:
    return list(db.session.scalars(sa.select(WorkshopParticipant).where(
        WorkshopParticipant.session_id == session.id).order_by(WorkshopParticipant.id)))


def item_state(session: WorkshopSession, item_id: str | None) -> WorkshopItem | None:
    if item_id is None:
        return None
    return db.session.scalar(sa.select(WorkshopItem).where(
        WorkshopItem.session_id == session.id, WorkshopItem.item_id == item_id))
