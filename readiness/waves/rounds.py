"""Rounds of the questionnaire (R-WAVE-1): which wave is current, and starting the next one.
Plain functions on models; the route commits.

A new wave asks the same questionnaire version or a newer one of the same questionnaire; every
survey respondent of the current wave gets a new row (a new personal link) in the new wave, so
the earlier wave's rows, links and answers stay as they were: read-only, closed, comparable.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..auth.models import User
from ..engagements.models import Engagement
from ..errors import DomainError
from ..extensions import db
from ..questionnaires.models import QuestionnaireVersion
from ..respondents.models import Answer, Respondent
from ..workshop.models import WorkshopSession
from .models import Wave

logger = logging.getLogger(__name__)


class WaveError(DomainError):
    """A wave that cannot start; its words are in messages.py."""


@dataclass(frozen=True)
class WaveInfo:
    number: int
    version: QuestionnaireVersion
    started_at: datetime
    invited: int  # survey links and workshop participants of the wave (revoked ones not counted)
    answered: int  # of them, those with at least one answer
    current: bool


def current_number(engagement: Engagement) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
                             .where(Wave.engagement_id == engagement.id)) or 1


def is_closed(respondent: Respondent) -> bool:
    """An earlier wave's respondent: their link is closed and their answers cannot change."""
    return respondent.wave < (db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
        .where(Wave.engagement_id == respondent.engagement_id)) or 1)


def _rows(engagement: Engagement) -> dict[int, Wave]:
    return {w.number: w for w in db.session.scalars(
        sa.select(Wave).where(Wave.engagement_id == engagement.id).order_by(Wave.number))}


def version_of(engagement: Engagement, number: int) -> QuestionnaireVersion:
    """The questionnaire version a wave asked (wave 1 without a row: the engagement's)."""
    row = _rows(engagement).get(number)
    if row is None:
        return engagement.questionnaire_version
    return db.session.get_one(QuestionnaireVersion, row.questionnaire_version_id)


def waves(engagement: Engagement) -> list[WaveInfo]:
    """Every wave, oldest first, with how many were asked and how many answered."""
    rows = _rows(engagement)
    current = max(rows, default=1)
    answered = sa.exists().where(Answer.respondent_id == Respondent.id)
    counts = {number: (invited, given) for number, invited, given in db.session.execute(
        sa.select(Respondent.wave, sa.func.count(),
                  sa.func.count(sa.case((answered, 1))))
        .where(Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False))
        .group_by(Respondent.wave))}
    out = []
    for number in range(1, current + 1):
        row = rows.get(number)
        version = (db.session.get_one(QuestionnaireVersion, row.questionnaire_version_id)
                   if row is not None else engagement.questionnaire_version)
        invited, given = counts.get(number, (0, 0))
        out.append(WaveInfo(number, version, row.started_at if row else engagement.created_at,
                            invited, given, number == current))
    return out


def next_versions(engagement: Engagement) -> list[QuestionnaireVersion]:
    """The versions a new wave may ask: the current one, or a newer one of the same questionnaire
    (newest first)."""
    current = engagement.questionnaire_version
    rows = db.session.scalars(sa.select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == current.key).order_by(
        QuestionnaireVersion.created_at.desc(), QuestionnaireVersion.id.desc()))
    return [v for v in rows if (v.created_at, v.id) >= (current.created_at, current.id)]


def reinvited(engagement: Engagement) -> list[Respondent]:
    """Who a new wave re-invites: the current wave's survey respondents whose link is not revoked.
    Workshop participants answer again by joining a new session."""
    number = current_number(engagement)
    return list(db.session.scalars(sa.select(Respondent).where(
        Respondent.engagement_id == engagement.id, Respondent.wave == number,
        Respondent.revoked.is_(False), Respondent.source == "survey").order_by(Respondent.id)))


def has_answers(engagement: Engagement, number: int) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(
        Answer.respondent_id == Respondent.id, Respondent.engagement_id == engagement.id,
        Respondent.wave == number, Respondent.revoked.is_(False)))))


def start_wave(engagement: Engagement, version_id: int | None, user: User) -> Wave:
    """R-WAVE-1: the next wave, on `version_id` (the same version or a newer one), with every
    survey respondent re-invited under a new link; the earlier wave closes."""
    number = current_number(engagement)
    version = next((v for v in next_versions(engagement) if v.id == version_id), None)
    if version is None:
        raise WaveError("unknown-version", field="questionnaire_version_id")
    if not has_answers(engagement, number):
        raise WaveError("nothing-answered", number=number)
    if db.session.scalar(sa.select(sa.exists().where(
            WorkshopSession.engagement_id == engagement.id, WorkshopSession.status != "closed"))):
        raise WaveError("workshop-open")  # its participants answer the current wave
    people = reinvited(engagement)  # before the new wave exists: it reads the current one
    if number == 1 and not _rows(engagement):  # wave 1 gets its row: the version it asked
        db.session.add(Wave(engagement_id=engagement.id, number=1,
                            questionnaire_version_id=engagement.questionnaire_version_id,
                            started_at=engagement.created_at))
    wave = Wave(engagement_id=engagement.id, number=number + 1,
                questionnaire_version_id=version.id, started_by=user.id)
    db.session.add(wave)
    for earlier in people:
        db.session.add(Respondent(
            engagement_id=engagement.id, wave=number + 1, department_id=earlier.department_id,
            name=earlier.name, email=earlier.email, role=earlier.role, locale=earlier.locale,
            source="survey"))
    # Current data (scores, roster, the respond pages) reads the engagement's version.
    engagement.questionnaire_version = version
    db.session.flush()
    logger.info("engagement %s: wave %s started by account %s on questionnaire version %s",
                engagement.id, wave.number, user.id, version.id)
    return wave
