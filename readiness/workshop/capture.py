"""Pain capture: participants submit pain points from their phones; the facilitator merges
duplicates and accepts them into the register (METHOD.md section 4)."""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..extensions import db
from ..pains.models import AFFECTED_PARTIES, PainPoint
from .models import WorkshopParticipant, WorkshopSession, WorkshopSubmission
from .services import WorkshopError, gate, require_open, retry_on_conflict, touch

logger = logging.getLogger(__name__)

MAX_TITLE, MAX_SCENARIO = 200, 2000


def submit(session: WorkshopSession, participant: WorkshopParticipant, title: str,
           scenario: str = "", affected_party: str = "customer") -> WorkshopSubmission:
    """One submission per participant and title: sending the same one twice stores one row."""
    require_open(session)
    if session.activity != "capture":
        raise WorkshopError("not-capturing")
    title, scenario = (title or "").strip(), (scenario or "").strip()
    if not title:
        raise WorkshopError("title-required", 400, "title")
    if len(title) > MAX_TITLE:
        raise WorkshopError("title-too-long", 400, "title")
    if len(scenario) > MAX_SCENARIO:
        raise WorkshopError("scenario-too-long", 400, "scenario")
    if affected_party not in AFFECTED_PARTIES:
        raise WorkshopError("bad-party", 400, "affected_party")

    def store() -> WorkshopSubmission:
        existing = db.session.scalar(sa.select(WorkshopSubmission).where(
            WorkshopSubmission.participant_id == participant.id,
            WorkshopSubmission.title == title))
        if existing is not None:
            return existing
        gate(session, "capture")
        row = WorkshopSubmission(session_id=session.id, participant_id=participant.id,
                                 title=title, scenario=scenario, affected_party=affected_party)
        db.session.add(row)
        db.session.flush()
        return row

    return retry_on_conflict(store)


def submissions(session: WorkshopSession) -> list[WorkshopSubmission]:
    return list(db.session.scalars(sa.select(WorkshopSubmission).where(
        WorkshopSubmission.session_id == session.id).order_by(WorkshopSubmission.id)))


def own_submissions(participant: WorkshopParticipant) -> list[WorkshopSubmission]:
    return list(db.session.scalars(sa.select(WorkshopSubmission).where(
        WorkshopSubmission.participant_id == participant.id).order_by(WorkshopSubmission.id)))


def get_submission(session: WorkshopSession, submission_id: int) -> WorkshopSubmission | None:
    """A submission of this session, or None."""
    return db.session.scalar(sa.select(WorkshopSubmission).where(
        WorkshopSubmission.id == submission_id, WorkshopSubmission.session_id == session.id))


def merged_into(session: WorkshopSession) -> dict[int, list[WorkshopSubmission]]:
    """target id -> the submissions merged into it."""
    out: dict[int, list[WorkshopSubmission]] = {}
    for row in submissions(session):
        if row.merged_into_id is not None:
            out.setdefault(row.merged_into_id, []).append(row)
    return out


def _pending(submission: WorkshopSubmission) -> None:
    if submission.status != "new":
        raise WorkshopError("already-handled")


def merge(session: WorkshopSession, duplicate: WorkshopSubmission,
          target: WorkshopSubmission) -> None:
    """The duplicate joins the target; its scenario is kept as one more story of the same pain."""
    _pending(duplicate)
    _pending(target)
    if duplicate.id == target.id or target.session_id != session.id:
        raise WorkshopError("bad-merge", 400, "target")
    duplicate.status, duplicate.merged_into_id = "merged", target.id
    if duplicate.scenario and duplicate.scenario not in target.scenario:
        target.scenario = "\n\n".join(s for s in (target.scenario, duplicate.scenario) if s)
    db.session.flush()
    touch(session)


def accept(session: WorkshopSession, submission: WorkshopSubmission, title: str, severity: int,
           frequency: int) -> PainPoint:
    """Into the register: a PainPoint with the room's story; the department of whoever raised it.
    Severity and frequency are the facilitator's first judgement, to refine in the register."""
    _pending(submission)
    title = (title or submission.title).strip()[:MAX_TITLE]
    if severity not in (1, 2, 3, 4, 5) or frequency not in (1, 2, 3, 4, 5):
        raise WorkshopError("out-of-range", 400, "severity")
    raiser = db.session.get(WorkshopParticipant, submission.participant_id) \
        if submission.participant_id else None
    pain = PainPoint(engagement_id=session.engagement_id, title=title,
                     scenario=submission.scenario, affected_party=submission.affected_party,
                     severity=severity, frequency=frequency,
                     department_id=raiser.department_id if raiser else None)
    db.session.add(pain)
    db.session.flush()
    submission.status, submission.pain_point_id = "accepted", pain.id
    for duplicate in merged_into(session).get(submission.id, []):
        duplicate.pain_point_id = pain.id
    db.session.flush()
    touch(session, stage=True)  # the dot-voting ballot grew
    logger.info("workshop session %s: submission %s accepted as pain point %s", session.id,
                submission.id, pain.id)
    return pain


def dismiss(session: WorkshopSession, submission: WorkshopSubmission) -> None:
    _pending(submission)
    submission.status = "dismissed"
    db.session.flush()
    touch(session)
