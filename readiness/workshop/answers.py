"""Live maturity questions: a participant's answer per round, and the distributions revealed on
the projector. Each answer is also the participant's Respondent answer (latest round wins), so a
workshop counts in the engagement's scores like a questionnaire does."""
from __future__ import annotations

import sqlalchemy as sa

from ..extensions import db
from ..method.definition import Questionnaire
from ..respondents.services import AnswerError, store_answer
from .models import WorkshopAnswer, WorkshopParticipant, WorkshopSession
from .services import WorkshopError, gate, item_state, require_open, retry_on_conflict

#: The key of "don't know" in distributions (level NULL).
DONT_KNOW = "dk"
LEVEL_KEYS = (1, 2, 3, 4, 5, DONT_KNOW)


def answer(session: WorkshopSession, participant: WorkshopParticipant, questionnaire: Questionnaire,
           version_id: int, item_id: str, level: int | None) -> WorkshopAnswer:
    """Store (or change) the participant's answer to the item on the projector, in its current
    round. Repeating the request changes nothing; a revealed round takes no more answers."""
    require_open(session)
    if session.activity != "question" or session.item_id != item_id:
        raise WorkshopError("not-current")
    if level is not None and level not in (1, 2, 3, 4, 5):
        raise WorkshopError("bad-level", 400, "level")
    state = item_state(session, item_id)
    if state is None:  # ask() stores the state of the item it puts on the projector
        raise WorkshopError("not-current")
    if state.revealed_round >= state.round:
        raise WorkshopError("round-revealed")
    session_id, participant_id = session.id, participant.id
    respondent_id = participant.respondent_id

    def store() -> WorkshopAnswer:
        gate(session, "question", item_id)  # a reveal or re-vote lands before or after, not during
        state = item_state(session, item_id)
        if state is None:
            raise WorkshopError("not-current")
        db.session.refresh(state)
        if state.revealed_round >= state.round:
            raise WorkshopError("round-revealed")
        current_round = state.round
        row = db.session.scalar(sa.select(WorkshopAnswer).where(
            WorkshopAnswer.participant_id == participant_id, WorkshopAnswer.item_id == item_id,
            WorkshopAnswer.round == current_round))
        if row is None:
            row = WorkshopAnswer(session_id=session_id, participant_id=participant_id,
                                 item_id=item_id, round=current_round)
            db.session.add(row)
        row.level = level
        db.session.flush()
        try:
            store_answer(respondent_id, questionnaire, version_id, item_id, level)
        except AnswerError as exc:  # the item left the questionnaire: refuse, store nothing
            raise WorkshopError("bad-level", 400, "level") from exc
        return row

    return retry_on_conflict(store)


def own_answers(participant: WorkshopParticipant, item_id: str) -> dict[int, int | None]:
    """round -> level this participant gave to the item."""
    rows = db.session.execute(sa.select(WorkshopAnswer.round, WorkshopAnswer.level).where(
        WorkshopAnswer.participant_id == participant.id, WorkshopAnswer.item_id == item_id))
    return {r: level for r, level in rows}


def answered_counts(session: WorkshopSession, item_id: str) -> dict[int, int]:
    """round -> how many participants answered (shown while the distribution is hidden)."""
    rows = db.session.execute(
        sa.select(WorkshopAnswer.round, sa.func.count()).where(
            WorkshopAnswer.session_id == session.id, WorkshopAnswer.item_id == item_id)
        .group_by(WorkshopAnswer.round))
    return {r: n for r, n in rows}


def distributions(session: WorkshopSession, item_id: str) -> dict[int, dict]:
    """round -> {1..5, "dk": count}. Callers decide which rounds may be shown."""
    out: dict[int, dict] = {}
    rows = db.session.execute(
        sa.select(WorkshopAnswer.round, WorkshopAnswer.level, sa.func.count()).where(
            WorkshopAnswer.session_id == session.id, WorkshopAnswer.item_id == item_id)
        .group_by(WorkshopAnswer.round, WorkshopAnswer.level))
    for r, level, n in rows:
        counts = out.setdefault(r, {key: 0 for key in LEVEL_KEYS})
        counts[DONT_KNOW if level is None else level] += n
    return out


def summary(counts: dict) -> dict:
    """n, mean level (don't know not scored) and the most chosen level of one distribution."""
    scored = [(level, counts[level]) for level in (1, 2, 3, 4, 5)]
    answered = sum(n for _, n in scored)
    mean = sum(level * n for level, n in scored) / answered if answered else None
    return {"n": answered + counts[DONT_KNOW], "scored": answered, "mean": mean,
            "dont_know": counts[DONT_KNOW]}


def levels_by_role(session: WorkshopSession, item_id: str, round_: int) -> list[tuple[str, int | None]]:
    """(participant's role, level or None) of every answer to one item in one round: the input
    of split.split_by_role (callers only ask for revealed rounds)."""
    rows = db.session.execute(
        sa.select(WorkshopParticipant.role, WorkshopAnswer.level)
        .join(WorkshopParticipant, WorkshopParticipant.id == WorkshopAnswer.participant_id)
        .where(WorkshopAnswer.session_id == session.id, WorkshopAnswer.item_id == item_id,
               WorkshopAnswer.round == round_))
    return [(role, level) for role, level in rows]
