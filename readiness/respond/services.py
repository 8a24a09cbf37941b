"""The respondent's questionnaire: the token is the key. Progress, resume, saving, submitting."""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from ..auth.models import utcnow
from ..engagements.models import Engagement
from ..errors import DomainError
from ..extensions import db
from ..method.definition import Block, Questionnaire
from ..questionnaires.models import QuestionnaireVersion, parsed_version
from ..respondents.models import Answer, Respondent
from ..respondents.services import (
    OldAnswer,
    Saved,
    old_answer_columns,
    old_answer_join,
    save_answer,
    store_answer,
)
from ..waves.models import Wave
from ..waves.rounds import is_closed

logger = logging.getLogger(__name__)

LANGS = ("en", "zh")
#: Reading five anchored levels and choosing takes about 25 seconds an item.
SECONDS_PER_ITEM = 25
TOKEN_MAX = 64


class SubmitError(DomainError):
    """Submitting refused; its words are in messages.py."""


@dataclass(frozen=True)
class PageAnswer:
    item_id: str
    level: int | None  # None: don't know
    confidence: str
    evidence: str


def find_respondent(token: str) -> Respondent | None:
    """The respondent whose link this is (revoked ones too: the caller says 410 to them)."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return db.session.scalar(sa.select(Respondent).where(Respondent.token == token))


@dataclass(frozen=True)
class AnswerContext:
    """What the autosave needs, read in one statement before any write (plain values, no ORM
    object: loading one cost more than the query)."""

    respondent_id: int
    locale: str
    revoked: bool
    status: str
    closed: bool  # an earlier wave's link (R-WAVE-1)
    version_id: int
    questionnaire: Questionnaire
    old: OldAnswer  # the answer to `item_id` before this save (None fields when none)
    item_id: str


@lru_cache(maxsize=1)
def _answer_context_query() -> sa.Select:
    current_wave = (sa.select(sa.func.coalesce(sa.func.max(Wave.number), 1))
                    .where(Wave.engagement_id == Respondent.engagement_id).scalar_subquery())
    return (sa.select(Respondent.id, Respondent.locale, Respondent.revoked,
                      Respondent.wave < current_wave, Engagement.questionnaire_version_id,
                      QuestionnaireVersion.content_hash, *old_answer_columns())
            .join(Engagement, Engagement.id == Respondent.engagement_id)
            .join(QuestionnaireVersion,
                  QuestionnaireVersion.id == Engagement.questionnaire_version_id)
            .outerjoin(Answer, old_answer_join())
            .where(Respondent.token == sa.bindparam("token")))


def answer_context(token: str, item_id: object = None) -> AnswerContext | None:
    """The respondent, their engagement's questionnaire version, whether their wave is closed,
    and their answer to `item_id` before this save (the item the request names): one query for
    all (the parsed definition comes from the per-version cache, not the 100 KB row)."""
    if not token or len(token) > TOKEN_MAX:
        return None
    item = item_id if isinstance(item_id, str) and len(item_id) <= 40 else ""
    row = db.session.connection().execute(_answer_context_query(),
                                          {"token": token, "item_id": item}).first()
    if row is None:
        return None
    respondent_id, locale, revoked, closed, version_id, digest, *old = row
    old_answer = OldAnswer(*old)
    return AnswerContext(respondent_id, locale, bool(revoked), old_answer.status, bool(closed),
                         version_id, parsed_version(version_id, digest), old_answer, item)


def wave_closed(respondent: Respondent) -> bool:
    """A link of an earlier wave (R-WAVE-1): closed, its answers read-only."""
    return is_closed(respondent)


def engagement_of(respondent: Respondent) -> tuple[Engagement, Questionnaire]:
    engagement = db.session.get_one(Engagement, respondent.engagement_id)
    return engagement, engagement.questionnaire_version.parsed()


def set_locale(respondent: Respondent, lang: str) -> None:
    if lang in LANGS:
        respondent.locale = lang


def saved_answers(respondent: Respondent) -> dict[str, Answer]:
    rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent.id))
    return {a.item_id: a for a in rows}


def answered_count(respondent: Respondent) -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(Answer)
                              .where(Answer.respondent_id == respondent.id)).scalar_one()


def unanswered(questionnaire: Questionnaire, answered_ids) -> dict[str, list]:
    """Block id -> the items without an answer ("don't know" counts as an answer)."""
    return {b.id: [i for i in b.items if i.id not in answered_ids] for b in questionnaire.blocks}


def resume_block(questionnaire: Questionnaire, answered_ids) -> int | None:
    """1-based number of the first block with an unanswered item; None when all are answered."""
    for number, block in enumerate(questionnaire.blocks, start=1):
        if any(item.id not in answered_ids for item in block.items):
            return number
    return None


def block_by_number(questionnaire: Questionnaire, number: int) -> Block | None:
    return questionnaire.blocks[number - 1] if 1 <= number <= len(questionnaire.blocks) else None


def estimated_minutes(item_count: int) -> int:
    """Rounded up to five minutes, at least five."""
    return max(5, math.ceil(item_count * SECONDS_PER_ITEM / 60 / 5) * 5)


def save(respondent: Respondent, questionnaire: Questionnaire, version_id: int,
         answers: list[PageAnswer]) -> Saved | None:
    """Save answers through the idempotent service (the caller commits); the last save's
    outcome (the respondent's answer count after it)."""
    saved = None
    for a in answers:
        saved = save_answer(respondent, questionnaire, version_id, a.item_id, a.level,
                            a.confidence, a.evidence)
    return saved


def save_one(context: AnswerContext, given: PageAnswer, first_try: bool = True) -> Saved:
    """The autosave's one answer (the caller commits). The answer read with the context is used
    on the first try only: a retry after a collision reads again."""
    known = context.old if first_try and given.item_id == context.item_id else None
    return store_answer(context.respondent_id, context.questionnaire, context.version_id,
                        given.item_id, given.level, given.confidence, given.evidence, known)


def submit(respondent: Respondent) -> None:
    if answered_count(respondent) == 0:
        raise SubmitError("no-answers", status=409)
    respondent.status = "completed"
    respondent.completed_at = utcnow()
    logger.info("respondent %s of engagement %s submitted the questionnaire", respondent.id,
                respondent.engagement_id)
