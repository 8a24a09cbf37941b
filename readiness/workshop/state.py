"""What the projector, the facilitator's console and each phone show, as plain data: the templates
render it, the state endpoints send it as JSON. Hidden numbers (answer distributions before the
reveal, vote counts before the reveal) are never put in here, so no view can leak them."""
from __future__ import annotations

from typing import Any

from ..method.definition import Questionnaire
from ..respondents.models import RESPONDENT_ROLES
from . import answers, capture, voting
from .models import WorkshopParticipant, WorkshopSession
from .services import item_state, participants
from .split import split_by_role


def _question(session: WorkshopSession, questionnaire: Questionnaire,
              split: bool = False) -> dict[str, Any] | None:
    if session.activity != "question" or session.item_id is None:
        return None
    index = questionnaire.item_index()
    if session.item_id not in index:
        return None
    block = questionnaire.block(index[session.item_id][0])
    item = next(i for i in block.items if i.id == session.item_id)
    state = item_state(session, item.id)
    if state is None:  # ask() stores the state of the item it puts on the projector
        return None
    answered = answers.answered_counts(session, item.id)
    shown = answers.distributions(session, item.id)
    rounds: list[dict[str, Any]] = []
    for number in range(1, state.round + 1):
        revealed = number <= state.revealed_round
        counts = shown.get(number, {k: 0 for k in answers.LEVEL_KEYS}) if revealed else None
        rounds.append({"round": number, "answered": answered.get(number, 0), "revealed": revealed,
                       "counts": counts, "summary": answers.summary(counts) if counts else None})
    revealed = state.revealed_round >= state.round
    # During a re-vote the room answers afresh: round 1's bars stay off the screen until the
    # re-vote is revealed too (then both show, before and after).
    shown_rounds = [r for r in rounds if r["revealed"]] if revealed else []
    out = {"item": item, "block": block, "state": state, "rounds": rounds,
           "round": state.round, "revealed": revealed, "shown": shown_rounds,
           "max": max([n for r in shown_rounds for n in r["counts"].values()] or [0]),
           "split": None}
    if split and revealed:
        settings = questionnaire.settings
        out["split"] = split_by_role(
            answers.levels_by_role(session, item.id, state.revealed_round),
            settings.low_sample, settings.gap_threshold, RESPONDENT_ROLES)
    return out


def _voting(session: WorkshopSession) -> dict:
    cast, voters = voting.totals(session)
    pains = voting.ballot(session)
    counts = voting.tally(session) if session.votes_revealed else None
    rows: list[dict[str, Any]] = [
        {"pain": p, "votes": counts.get(p.id, 0) if counts is not None else None} for p in pains]
    if counts is not None:
        rows.sort(key=lambda r: (-r["votes"], r["pain"].id))
    return {"cast": cast, "voters": voters, "revealed": session.votes_revealed, "rows": rows,
            "per_participant": session.votes_per_participant,
            "max": max([r["votes"] for r in rows if r["votes"]] or [0])}


def room(session: WorkshopSession, questionnaire: Questionnaire, split: bool = False) -> dict:
    """The projector's (and console's) view of the session; `split`: the revealed round by role
    (split.py keeps groups below the low-sample threshold out)."""
    people = participants(session)
    data = {"session": session, "participants": people, "question": None, "capture": None,
            "voting": None}
    if session.activity == "question":
        data["question"] = _question(session, questionnaire, split)
    elif session.activity == "capture":
        rows = capture.submissions(session)
        data["capture"] = {"count": len(rows),
                           "shown": [r for r in rows if r.status in ("new", "accepted")]}
    elif session.activity == "voting":
        data["voting"] = _voting(session)
    return data


def room_json(data: dict) -> dict:
    session = data["session"]
    out = {"version": session.version, "stage_version": session.stage_version,
           "status": session.status, "activity": session.activity, "code": session.code,
           "participants": len(data["participants"]), "split_by_role": session.split_by_role}
    if data["question"]:
        q = data["question"]
        out["question"] = {
            "item_id": q["item"].id, "round": q["round"], "revealed": q["revealed"],
            "rounds": [{"round": r["round"], "answered": r["answered"], "revealed": r["revealed"],
                        "counts": {str(k): v for k, v in r["counts"].items()} if r["counts"] else None}
                       for r in q["rounds"]]}
    if data["capture"]:
        out["capture"] = {"submitted": data["capture"]["count"]}
    if data["voting"]:
        v = data["voting"]
        out["voting"] = {"votes_cast": v["cast"], "voters": v["voters"], "revealed": v["revealed"],
                         "per_participant": v["per_participant"],
                         "pains": [{"id": r["pain"].id, "votes": r["votes"]} for r in v["rows"]]}
    return out


def own_part(session: WorkshopSession, participant: WorkshopParticipant) -> dict[str, Any]:
    """What only this participant sees of the current activity (one small query): their answers to
    the item on the screen, their pain points, their votes."""
    if session.activity == "question" and session.item_id is not None:
        return {"answers": answers.own_answers(participant, session.item_id)}
    if session.activity == "capture":
        return {"pains": capture.own_submissions(participant)}
    if session.activity == "voting":
        return {"votes": voting.own_votes(participant)}
    return {}


def own_key(session: WorkshopSession, own: dict[str, Any]) -> tuple:
    """The part of `own` the phone's page shows, as a key: participants with equal keys see the
    same page (phone_live.py renders it once for all of them). After the vote reveal a phone shows
    the result only, so everyone's votes are one key."""
    if "answers" in own:
        return ("answers", tuple(sorted(own["answers"].items())))
    if "pains" in own:
        return ("pains", tuple((p.title, p.affected_party) for p in own["pains"]))
    if "votes" in own and not session.votes_revealed:
        return ("votes", tuple(sorted(own["votes"])))
    return ()


def phone(session: WorkshopSession, participant: WorkshopParticipant,
          questionnaire: Questionnaire, own: dict[str, Any] | None = None) -> dict:
    """One participant's view: the current activity and their own answers, submissions, votes
    (`own`: own_part's, when the caller already read it)."""
    own = own_part(session, participant) if own is None else own
    data: dict[str, Any] = {"session": session, "participant": participant, "question": None,
                            "capture": None, "voting": None}
    if session.activity == "question":
        q = _question(session, questionnaire)
        if q is not None:
            mine = own.get("answers", {})
            q["own"] = mine
            level = mine.get(q["round"], "none")
            q["mine"] = answers.DONT_KNOW if level is None else level  # "none": not answered
            q["can_answer"] = session.status == "open" and not q["revealed"]
            data["question"] = q
    elif session.activity == "capture":
        data["capture"] = {"mine": own.get("pains", [])}
    elif session.activity == "voting":
        v = _voting(session)
        mine = own.get("votes", set())
        v["mine"], v["left"] = mine, max(0, session.votes_per_participant - len(mine))
        data["voting"] = v
    return data
