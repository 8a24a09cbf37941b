"""Saving answers (idempotent) and keeping each respondent's block sums current."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value

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
    # The rows come back new (generation 0): the respondents' own change counters say that they
    # changed (readiness.engagements.stamp: a row count alone would not see a block replaced).
    db.session.execute(sa.update(Respondent).where(Respondent.id.in_(ids))
                       .values(generation=Respondent.generation + 1))
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


@dataclass(frozen=True)
class Saved:
    """What one save did: the respondent's number of answers after it, and whether it was new."""

    answered: int
    created: bool


def _contribution(level: int | None, confidence: str, weight: float,
                  questionnaire: Questionnaire) -> tuple[float, float, int, int]:
    """One answer's share of its block's sums (weighted_sum, weight_total, answered, dont_know),
    as refresh_block_sums counts it (R-SCORE-1, R-SCORE-4)."""
    if level is None:
        return 0.0, 0.0, 0, 1
    weights = questionnaire.settings.confidence_weights
    w = weight * weights.get(confidence, weights["high"])  # type: ignore[call-overload]
    return w * level, w, 1, 0


@lru_cache(maxsize=4)
def _block_upsert(dialect: str) -> sa.Insert:
    """Add one answer's change to a respondent's block row in one upsert (SQLite and PostgreSQL
    both spell it INSERT ... ON CONFLICT DO UPDATE). A block left without scored answers gets
    exact zeros, so float rounding of the running sums never leaves a weight of 1e-16 to divide
    by. Built once per dialect: building it costs more than running it."""
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(RespondentBlock)
    table = RespondentBlock.__table__.c
    statement = insert.values(**{name: sa.bindparam(name) for name in _BLOCK_COLUMNS})
    answered = table.answered + statement.excluded.answered
    return statement.on_conflict_do_update(
        index_elements=[table.respondent_id, table.block_id],
        # ON CONFLICT DO UPDATE applies no column onupdate: the change counter is set here.
        set_={"generation": table.generation + 1,
              "answered": answered,
              "dont_know": table.dont_know + statement.excluded.dont_know,
              "weighted_sum": sa.case((answered == 0, 0.0),
                                      else_=table.weighted_sum + statement.excluded.weighted_sum),
              "weight_total": sa.case((answered == 0, 0.0),
                                      else_=table.weight_total + statement.excluded.weight_total)})


_BLOCK_COLUMNS = ("respondent_id", "block_id", "weighted_sum", "weight_total", "answered",
                  "dont_know")


def _add_to_block(respondent_id: int, block_id: str, delta: tuple[float, float, int, int]) -> None:
    connection = db.session.connection()
    values = dict(zip(_BLOCK_COLUMNS, (respondent_id, block_id, *delta), strict=True))
    connection.execute(_block_upsert(connection.dialect.name), values)


@dataclass(frozen=True)
class OldAnswer:
    """What a save reads before writing: the respondent's status, their old answer to the item
    (None fields when there is none) and their number of answers."""

    status: str
    id: int | None
    block_id: str | None
    weight: float | None
    level: int | None
    confidence: str | None
    evidence: str | None
    answered: int


def old_answer_columns() -> tuple:
    """OldAnswer's columns, to select with an outer join of Answer on the respondent and the
    `item_id` bound parameter (also used by the autosave's one read, respond/services.py)."""
    answered = (sa.select(sa.func.coalesce(sa.func.sum(RespondentBlock.answered
                                                       + RespondentBlock.dont_know), 0))
                .where(RespondentBlock.respondent_id == Respondent.id).scalar_subquery())
    return (Respondent.status, Answer.id, Answer.block_id, Answer.weight, Answer.level,
            Answer.confidence, Answer.evidence, answered)


def old_answer_join() -> sa.ColumnElement[bool]:
    return sa.and_(Answer.respondent_id == Respondent.id,
                   Answer.item_id == sa.bindparam("item_id"))


@lru_cache(maxsize=1)
def _old_answer() -> sa.Select:
    return (sa.select(*old_answer_columns()).select_from(Respondent)
            .outerjoin(Answer, old_answer_join())
            .where(Respondent.id == sa.bindparam("respondent_id")))


@lru_cache(maxsize=1)
def _new_answer() -> sa.Insert:
    """A new answer, its values bound at execution (bench/save.py: building the statement with
    its values on every save cost more than running it)."""
    return sa.insert(Answer).values(**{name: sa.bindparam(name) for name in (
        "respondent_id", "item_id", "block_id", "weight", "questionnaire_version_id", "level",
        "confidence", "evidence", "updated_at")})


@lru_cache(maxsize=1)
def _mark_started() -> sa.Update:
    return (sa.update(Respondent).where(Respondent.id == sa.bindparam("respondent_id"))
            .values(status="started", started_at=sa.bindparam("now")))


@lru_cache(maxsize=1)
def _change_answer() -> sa.Update:
    """Replace an answer only if it still holds the values read before (optimistic: nothing is
    locked while Python works; a concurrent change makes it match no row, and the save reads
    again)."""
    return (sa.update(Answer)
            .where(Answer.id == sa.bindparam("answer_id"),
                   Answer.level.is_not_distinct_from(sa.bindparam("old_level")),
                   Answer.confidence == sa.bindparam("old_confidence"))
            .values(level=sa.bindparam("level"), confidence=sa.bindparam("confidence"),
                    evidence=sa.bindparam("evidence"), updated_at=sa.bindparam("now")))


def store_answer(respondent_id: int, questionnaire: Questionnaire, version_id: int,
                 item_id: str, level: int | None, confidence: str = "high",
                 evidence: str = "", known: OldAnswer | None = None) -> Saved:
    """Create or replace the respondent's answer to one item; repeating the call changes nothing.

    level None means "don't know" (R-SCORE-4: counted, not scored). Speed (bench/save.py): one
    read before any write, then two statements in the write transaction: the answer, and the
    difference it makes to its block's sums. SQLite's one write lock is held from the first write
    to the caller's commit, so nothing but those two statements runs under it. A concurrent save
    of the same new item fails on the unique key (IntegrityError: the caller retries); of the same
    old answer, makes the conditional UPDATE match nothing (read again, here). The caller commits.
    `known`: the read already done by the caller for this item (the autosave reads it together
    with the respondent's link), used instead of the first read.
    """
    index = questionnaire.item_index()
    if item_id not in index:
        raise AnswerError("unknown-item", item=item_id)
    if level is not None and level not in (1, 2, 3, 4, 5):
        raise AnswerError("bad-level")
    if confidence not in CONFIDENCES:
        raise AnswerError("bad-confidence")
    evidence = (evidence or "")[:4000]
    # Core statements on the session's connection: the ORM's bookkeeping cost more than the SQL.
    connection = db.session.connection()
    now = utcnow()
    while True:
        old, known = known or OldAnswer(*connection.execute(_old_answer(), {
            "item_id": item_id, "respondent_id": respondent_id}).one()), None
        if old.id is None:
            block_id, weight, _ = index[item_id]
            connection.execute(_new_answer(), {
                "respondent_id": respondent_id, "item_id": item_id, "block_id": block_id,
                "weight": weight, "questionnaire_version_id": version_id, "level": level,
                "confidence": confidence, "evidence": evidence, "updated_at": now})
            _add_to_block(respondent_id, block_id,
                          _contribution(level, confidence, weight, questionnaire))
            saved = Saved(old.answered + 1, True)
            break
        if (old.level, old.confidence, old.evidence) == (level, confidence, evidence):
            return Saved(old.answered, False)  # nothing changed: no write at all
        changed = connection.execute(_change_answer(), {
            "answer_id": old.id, "old_level": old.level, "old_confidence": old.confidence,
            "level": level, "confidence": confidence, "evidence": evidence, "now": now})
        if changed.rowcount != 1:
            continue  # changed meanwhile (another tab): read it again, now under the write lock
        if (old.level, old.confidence) != (level, confidence):
            # An existing answer's block, weight and confidence are never NULL (NOT NULL columns).
            old_weight, old_confidence = cast(float, old.weight), cast(str, old.confidence)
            before = _contribution(old.level, old_confidence, old_weight, questionnaire)
            after = _contribution(level, confidence, old_weight, questionnaire)
            _add_to_block(respondent_id, cast(str, old.block_id),
                          (after[0] - before[0], after[1] - before[1], after[2] - before[2],
                           after[3] - before[3]))
        saved = Saved(old.answered, False)
        break
    if old.status == "invited":  # the first answer: one more statement, once per respondent
        connection.execute(_mark_started(), {"respondent_id": respondent_id, "now": now})
    return saved


def save_answer(respondent: Respondent, questionnaire: Questionnaire, version_id: int,
                item_id: str, level: int | None, confidence: str = "high",
                evidence: str = "") -> Saved:
    """store_answer for a loaded respondent, whose status the save may move to "started"."""
    saved = store_answer(respondent.id, questionnaire, version_id, item_id, level, confidence,
                         evidence)
    if respondent.status == "invited":  # written by store_answer; the loaded row says so too
        set_committed_value(respondent, "status", "started")
        set_committed_value(respondent, "started_at", utcnow())
    return saved
