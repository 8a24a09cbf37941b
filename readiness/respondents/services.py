"""Saving answers (idempotent) and keeping each respondent's block sums current."""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from ..auth.models import utcnow
from ..errors import DomainError
from ..extensions import db
from ..method.definition import Questionnaire
from .models import CONFIDENCES, Answer, Respondent, RespondentBlock


class AnswerError(DomainError):
    """An answer the method cannot score; its words are in messages.py."""


def _confidence_weight(questionnaire: Questionnaire):
    weights = questionnaire.settings.confidence_weights
    return sa.case(*((Answer.confidence == name, weight) for name, weight in weights.items()),
                   else_=weights["high"])


def refresh_block_sums(respondent_ids: Iterable[int], questionnaire: Questionnaire,
                       block_ids: Iterable[str] | None = None) -> None:
    """Recompute the respondent_block rows of these respondents (optionally only some blocks)
    with one INSERT ... SELECT ... GROUP BY over their answers."""
    ids = list(respondent_ids)
    if not ids:
        return
    blocks = list(block_ids) if block_ids is not None else None
    delete = sa.delete(RespondentBlock).where(RespondentBlock.respondent_id.in_(ids))
    if blocks is not None:
        delete = delete.where(RespondentBlock.block_id.in_(blocks))
    db.session.execute(delete)
    w = Answer.weight * _confidence_weight(questionnaire)
    scored = Answer.level.isnot(None)
    select = (
        sa.select(
            Answer.respondent_id, Answer.block_id,
            sa.func.coalesce(sa.func.sum(sa.case((scored, w * Answer.level), else_=0.0)), 0.0),
            sa.func.coalesce(sa.func.sum(sa.case((scored, w), else_=0.0)), 0.0),
            sa.func.count(Answer.level),
            sa.func.sum(sa.case((scored, 0), else_=1)),
        )
        .where(Answer.respondent_id.in_(ids))
        .group_by(Answer.respondent_id, Answer.block_id)
    )
    if blocks is not None:
        select = select.where(Answer.block_id.in_(blocks))
    db.session.execute(sa.insert(RespondentBlock).from_select(
        ["respondent_id", "block_id", "weighted_sum", "weight_total", "answered", "dont_know"],
        select))


def save_answer(respondent: Respondent, questionnaire: Questionnaire, version_id: int,
                item_id: str, level: int | None, confidence: str = "high",
                evidence: str = "") -> Answer:
    """Create or replace the respondent's answer to one item; repeating the call changes nothing.

    level None means "don't know" (R-SCORE-4: counted, not scored).
    """
    index = questionnaire.item_index()
    if item_id not in index:
        raise AnswerError("unknown-item", item=item_id)
    if level is not None and level not in (1, 2, 3, 4, 5):
        raise AnswerError("bad-level")
    if confidence not in CONFIDENCES:
        raise AnswerError("bad-confidence")
    block_id, weight, _ = index[item_id]
    answer = db.session.scalar(sa.select(Answer).where(
        Answer.respondent_id == respondent.id, Answer.item_id == item_id))
    if answer is None:
        answer = Answer(respondent_id=respondent.id, item_id=item_id, block_id=block_id,
                        weight=weight, questionnaire_version_id=version_id)
        db.session.add(answer)
    answer.level, answer.confidence, answer.evidence = level, confidence, (evidence or "")[:4000]
    if respondent.status == "invited":
        respondent.status = "started"
        respondent.started_at = utcnow()
    db.session.flush()
    refresh_block_sums([respondent.id], questionnaire, [block_id])
    return answer
