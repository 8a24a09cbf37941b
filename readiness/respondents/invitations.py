"""Inviting respondents: add one or many, revoke / re-issue links, reopen, the roster and QR codes."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
import sqlalchemy as sa
from markupsafe import Markup

from ..engagements.models import Engagement
from ..errors import DomainError
from ..extensions import db
from ..method.response import WORKSHOP, PersonRow, person_status
from ..waves.models import wave_filter
from ..workshop.models import WorkshopParticipant, WorkshopSession
from .csvimport import NewRespondent, ParseResult, normalise_name, parse_csv
from .models import RESPONDENT_ROLES, Answer, Respondent, new_token

logger = logging.getLogger(__name__)

STATUSES = ("invited", "started", "completed", "revoked")


class InvitationError(DomainError):
    """A single respondent cannot be added; `field` says which form field is wrong."""

    field: str

    def __init__(self, field: str, code: str):
        super().__init__(code, field=field)


def department_lookup(engagement: Engagement) -> dict[str, int]:
    return {normalise_name(d.name): d.id for d in engagement.departments}


def existing_emails(engagement: Engagement) -> set[str]:
    rows = db.session.scalars(sa.select(Respondent.email).where(
        Respondent.engagement_id == engagement.id, wave_filter(engagement.id),
        Respondent.email != ""))
    return {email.casefold() for email in rows}


def _new(engagement: Engagement, row: NewRespondent) -> Respondent:
    respondent = Respondent(engagement_id=engagement.id, name=row.name, email=row.email,
                            role=row.role, department_id=row.department_id, token=new_token())
    db.session.add(respondent)
    return respondent


def add_respondent(engagement: Engagement, name: str, email: str, role: str,
                   department_id: int | None) -> Respondent:
    """Add one respondent; the department must be one of this engagement's."""
    email = (email or "").strip()
    if role not in RESPONDENT_ROLES:
        raise InvitationError("role", "unknown-role")
    if department_id is not None and department_id not in {d.id for d in engagement.departments}:
        raise InvitationError("department", "unknown-department")
    if email and email.casefold() in existing_emails(engagement):
        raise InvitationError("email", "duplicate-email")
    respondent = _new(engagement, NewRespondent(0, " ".join(name.split()), email, role,
                                                department_id))
    db.session.flush()
    return respondent


def import_csv(engagement: Engagement, text: str) -> ParseResult:
    """Parse and add every good row; raises CsvError when the text as a whole is unusable."""
    result = parse_csv(text, department_lookup(engagement), existing_emails(engagement))
    for row in result.rows:
        _new(engagement, row)
    db.session.flush()
    logger.info("CSV import for engagement %s: %d respondents added, %d rows rejected",
                engagement.id, len(result.rows), result.rejected)
    return result


def get_respondent(engagement: Engagement, respondent_id: int) -> Respondent | None:
    """A respondent of this engagement's current wave only (an id from another engagement gives
    None; so does an earlier wave's, which is read-only: R-WAVE-1)."""
    return db.session.scalar(sa.select(Respondent).where(
        Respondent.id == respondent_id, Respondent.engagement_id == engagement.id,
        wave_filter(engagement.id)))


def revoke(respondent: Respondent) -> None:
    """The link stops working and the answers stop counting (assess ignores revoked)."""
    respondent.revoked = True
    logger.info("respondent %s: link revoked", respondent.id)


def reissue(respondent: Respondent) -> str:
    """A new link; the old one is dead. A revoked respondent becomes active again."""
    respondent.token = new_token()
    respondent.revoked = False
    logger.info("respondent %s: link reissued", respondent.id)
    return respondent.token


def reopen(respondent: Respondent) -> None:
    """A completed questionnaire can be answered again."""
    if respondent.status == "completed":
        respondent.status = "started"
        respondent.completed_at = None
        logger.info("respondent %s: questionnaire reopened", respondent.id)


def display_status(respondent: Respondent) -> str:
    return "revoked" if respondent.revoked else respondent.status


@dataclass(frozen=True)
class ParticipantRow:
    """A workshop participant on the roster, listed apart from the invited respondents."""

    respondent_id: int
    name: str  # "" for an anonymous participant
    role: str
    department_id: int | None
    session_code: str
    session_closed: bool
    answered: int

    @property
    def status(self) -> str:
        """readiness.method.response: completed once the session is closed."""
        return person_status(PersonRow(WORKSHOP, "", False, bool(self.answered),
                                       self.session_closed))


def workshop_participants(engagement: Engagement) -> list[ParticipantRow]:
    """The current wave's workshop participants (not revoked), with their session and answers."""
    answered = (sa.select(sa.func.count()).where(Answer.respondent_id == Respondent.id)
                .correlate(Respondent).scalar_subquery())
    rows = db.session.execute(
        sa.select(Respondent.id, WorkshopParticipant.display_name, Respondent.role,
                  Respondent.department_id, WorkshopSession.code,
                  WorkshopSession.status == "closed", answered)
        .join(WorkshopParticipant, WorkshopParticipant.respondent_id == Respondent.id)
        .join(WorkshopSession, WorkshopSession.id == WorkshopParticipant.session_id)
        .where(Respondent.engagement_id == engagement.id, wave_filter(engagement.id),
               Respondent.source == WORKSHOP, Respondent.revoked.is_(False))
        .order_by(WorkshopSession.id, Respondent.id))
    return [ParticipantRow(*row) for row in rows]


def answered_counts(respondent_ids: list[int]) -> dict[int, int]:
    """Items answered (don't know included) per respondent, in one GROUP BY."""
    if not respondent_ids:
        return {}
    rows = db.session.execute(
        sa.select(Answer.respondent_id, sa.func.count())
        .where(Answer.respondent_id.in_(respondent_ids)).group_by(Answer.respondent_id))
    return dict(rows.all())


@dataclass(frozen=True)
class Page:
    respondents: list[Respondent]
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def roster(engagement: Engagement, *, department_id: int | None = None, status: str | None = None,
           page: int = 1, per_page: int = 100, include_revoked: bool = True) -> Page:
    """One page of the engagement's respondents invited by link (current wave), filtered by
    department and status."""
    # Workshop participants have no personal link and are listed apart (workshop_participants).
    query = sa.select(Respondent).where(Respondent.engagement_id == engagement.id,
                                        wave_filter(engagement.id), Respondent.source != WORKSHOP)
    if department_id is not None:
        query = query.where(Respondent.department_id == department_id)
    if status == "revoked":
        query = query.where(Respondent.revoked.is_(True))
    elif status in STATUSES:
        query = query.where(Respondent.status == status, Respondent.revoked.is_(False))
    if not include_revoked:
        query = query.where(Respondent.revoked.is_(False))
    total = db.session.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = db.session.scalars(query.order_by(Respondent.id)
                              .offset((page - 1) * per_page).limit(per_page)).all()
    return Page(list(rows), total, page, per_page)


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code of our own generated markup (the URL is ours, not user text)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    # qrcode gives every code's path the same id: unique ids keep a page of codes valid HTML.
    return Markup(image.to_string(encoding="unicode").replace(' id="qr-path"', ""))
