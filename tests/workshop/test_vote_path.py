"""The short path of a dot vote (workshop/vote_path.py): one read and two writes, the projector
woken and the phones not, and every refusal as the long path gives it (status, code, words in the
phone's language, a redirect for a form without JavaScript)."""
from __future__ import annotations

import sqlalchemy as sa

from readiness.extensions import db
from readiness.workshop import live, vote_path
from readiness.workshop.models import WorkshopVote
from readiness.workshop.participant import COOKIE_KEY
from readiness.workshop.pubsub import channel_for, stage_channel_for
from readiness.workshop.services import WorkshopError
from tests.helpers import csrf_token
from tests.workshop.helpers import Phone, control


def _pains(client, e, s):
    return [p["id"] for p in client.get(f"/engagements/{e}/workshops/{s}/state")
            .json["voting"]["pains"]]


def _statements(app, send):
    """The SQL statements (first word) `send()` runs, and its response."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        response = send()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return statements, response


def test_a_vote_runs_one_read_and_two_writes(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pains = _pains(client, e, s)
    assert phone.post("votes", {"pain_id": pains[0]}).status_code == 200  # warm
    with app.app_context():
        broker = live.broker()
        seen, stage = broker.counter(channel_for(s)), broker.counter(stage_channel_for(s))
    statements, response = _statements(app, lambda: phone.post("votes", {"pain_id": pains[1]}))
    assert response.status_code == 200
    assert response.json == {"ok": True, "pain_id": pains[1], "voted": True,
                             "vote_id": response.json["vote_id"], "votes_left": 1}
    # one read (participant, session state, votes used, ballot, own vote on this pain); then the
    # write transaction: the gate (moves the version, locks the session) and the INSERT
    assert statements == ["SELECT", "UPDATE", "INSERT"]
    with app.app_context():  # the projector's stream is woken, no phone's
        assert broker.counter(channel_for(s)) == seen + 1
        assert broker.counter(stage_channel_for(s)) == stage
    # the same vote again: the read finds it, nothing is written
    statements, again = _statements(app, lambda: phone.post("votes", {"pain_id": pains[1]}))
    assert statements == ["SELECT"]
    assert again.json["vote_id"] == response.json["vote_id"] and again.json["votes_left"] == 1


def test_refusals_are_those_of_the_long_path(app, client, running):
    e, s, code = running
    phone = Phone(app, code)
    phone.join("Ann")
    control(client, e, s, "voting")
    pains = _pains(client, e, s)
    control(client, e, s, "next")
    refused = phone.post("votes", {"pain_id": pains[0]})
    assert (refused.status_code, refused.json["error"]) == (409, "not-voting")
    control(client, e, s, "voting")
    assert phone.post("votes", {"pain_id": 999999}).json["error"] == "unknown-pain"
    control(client, e, s, "pause")
    refused = phone.post("votes", {"pain_id": pains[0]})
    assert (refused.status_code, refused.json["error"]) == (409, "paused")
    control(client, e, s, "resume")
    assert phone.post("votes", {"pain_id": pains[0]}).status_code == 200
    control(client, e, s, "reveal_votes")
    refused = phone.post("votes", {"pain_id": pains[1]})
    assert (refused.status_code, refused.json["error"]) == (409, "votes-revealed")
    # a form without JavaScript is sent back to its phone page
    form = phone.client.post(f"/w/{code}/votes", data={"csrf_token": phone.csrf,
                                                      "pain_id": str(pains[1])})
    assert form.status_code == 302 and form.headers["Location"].endswith(f"/w/{code}")
    assert phone.post("votes", {"pain_id": pains[1]}, csrf=False).json["error"] == "csrf"


def test_the_refusal_is_in_the_phones_language(app, client, running):
    e, s, code = running
    control(client, e, s, "set_votes", votes="1")
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pains = _pains(client, e, s)
    english = None
    for lang in ("en", "zh"):
        phone.client.get(f"/w/{code}?lang={lang}")
        assert phone.post("votes", {"pain_id": pains[0]}).status_code == 200
        full = phone.post("votes", {"pain_id": pains[1]})
        assert (full.status_code, full.json["error"]) == (409, "no-votes-left")
        if lang == "en":
            english = full.json["message"]
            assert "Take one back" in english
        else:
            assert full.json["message"] != english
            assert any("\u4e00" <= ch <= "\u9fff" for ch in full.json["message"])


def test_a_form_vote_redirects_to_the_phone(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pains = _pains(client, e, s)
    page = phone.client.get(f"/w/{code}")
    response = phone.client.post(f"/w/{code}/votes", data={
        "csrf_token": csrf_token(page.text), "pain_id": str(pains[0])})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/w/{code}")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 1


def test_a_session_paused_between_the_read_and_the_write_refuses_the_vote(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pains = _pains(client, e, s)
    with phone.client.session_transaction() as cookie:
        tokens = list(cookie[COOKIE_KEY].values())
    with app.app_context():
        context = vote_path.context(code, tokens, pains[0])
        assert context is not None and context.status == "open" and context.used == 0
        assert vote_path.context(code, ["another-token"], pains[0]) is None
        db.session.rollback()
    control(client, e, s, "pause")
    with app.app_context():
        try:
            vote_path.cast(context, pains[0])
        except WorkshopError as exc:
            assert exc.code == "paused"
        else:
            raise AssertionError("a vote was taken in a paused session")
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 0
