"""Workshop participant pages and JSON endpoints: the join, JSON refusals (forged token 403, after
close 409, CSRF 400), idempotent posts, pages without JavaScript, cheap polls."""
from __future__ import annotations

import re

import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent
from readiness.workshop.models import WorkshopVote
from readiness.workshop.participant import COOKIE_KEY
from tests.helpers import csrf_token
from tests.workshop.helpers import (
    Phone,
    control,
    open_session,
)

# The participant ---------------------------------------------------------------------------

def test_join_by_typed_code(app, client, running, demo):
    e, _s, code = running
    phone = app.test_client()
    page = phone.get("/w")
    response = phone.post("/w", data={"csrf_token": csrf_token(page.text),
                                       "code": code.lower()[:3] + " " + code.lower()[3:]})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/w/{code}")
    missing = phone.post("/w", data={"csrf_token": csrf_token(page.text), "code": "QQQQQQ"})
    assert missing.status_code == 422 and "No session has this code" in missing.text
    assert phone.get("/w/QQQQQQ").status_code == 404
    assert phone.get(f"/w/{code.lower()}").status_code == 302
    join = phone.get(f"/w/{code}")
    assert "Your role" in join.text and "Store Operations" in join.text  # departments offered
    bad = phone.post(f"/w/{code}/join", data={"csrf_token": csrf_token(join.text),
                                              "display_name": "Ann", "role": "ceo"})
    assert bad.status_code == 422 and 'value="Ann"' in bad.text
    ok = phone.post(f"/w/{code}/join", data={"csrf_token": csrf_token(join.text),
                                             "display_name": "Ann", "role": "it"})
    assert ok.status_code == 302
    with app.app_context():
        respondent = db.session.scalar(sa.select(Respondent).where(Respondent.source == "workshop"))
        assert (respondent.name, respondent.role, respondent.engagement_id) == ("Ann", "it", e)
    assert 'data-testid="lobby"' in phone.get(f"/w/{code}").text


def test_forged_or_missing_token_gets_403_json(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pain_id = client.get(f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"][0]["id"]
    stranger = Phone(app, code)
    stranger.csrf = csrf_token(stranger.client.get(f"/w/{code}").text)
    response = stranger.post("votes", {"pain_id": pain_id})
    assert response.status_code == 403 and response.json["error"] == "not-joined"
    with stranger.client.session_transaction() as cookie:
        cookie[COOKIE_KEY] = {str(s): "forged-" + "x" * 40}
    for path, body in (("votes", {"pain_id": pain_id}), ("answer", {"item_id": "B1.1", "level": 3}),
                       ("pains", {"title": "x"})):
        response = stranger.post(path, body)
        assert response.status_code == 403 and response.json["error"] == "not-joined", path
    assert stranger.client.get(f"/w/{code}/state").status_code == 403
    # A real token of another session does not open this one.
    other_id, other_code = open_session(client, e)
    other = Phone(app, other_code)
    other.join("Bo")
    with other.client.session_transaction() as cookie:
        cookie[COOKIE_KEY] = {str(s): cookie[COOKIE_KEY][str(other_id)]}
    other.csrf = csrf_token(other.client.get(f"/w/{code}").text)
    other.code = code  # post to this session with the other session's token
    response = other.post("votes", {"pain_id": pain_id})
    assert response.status_code == 403 and response.json["error"] == "not-joined"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 0


def test_json_posts_need_the_csrf_header(app, client, running):
    e, s, code = running
    control(client, e, s, "next")
    phone = Phone(app, code)
    phone.join("Ann")
    response = phone.post("answer", {"item_id": "B1.1", "level": 3}, csrf=False)
    assert response.status_code == 400 and response.json["error"] == "csrf"


def test_double_submission_and_limits_over_http(app, client, running):
    e, s, code = running
    control(client, e, s, "set_votes", votes="2")
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pains = [p["id"] for p in client.get(f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"]]
    first = phone.post("votes", {"pain_id": pains[0]})
    again = phone.post("votes", {"pain_id": pains[0]})
    assert first.status_code == again.status_code == 200
    assert first.json["vote_id"] == again.json["vote_id"] and again.json["votes_left"] == 1
    assert phone.post("votes", {"pain_id": pains[1]}).json["votes_left"] == 0
    full = phone.post("votes", {"pain_id": pains[2]})
    assert full.status_code == 409 and full.json["error"] == "no-votes-left"
    assert "Take one back" in full.json["message"]
    back = phone.post("votes", {"pain_id": pains[1], "vote": False})
    assert back.json == {"ok": True, "pain_id": pains[1], "voted": False, "votes_left": 1}
    assert phone.post("votes", {"pain_id": 999999}).status_code == 404
    assert phone.post("votes", {"pain_id": "abc"}).json["error"] == "unknown-pain"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 1


def test_vote_and_answer_after_close_get_409_json(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Ann")
    pain_id = client.get(f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"][0]["id"]
    control(client, e, s, "close", confirm="y")
    response = phone.post("votes", {"pain_id": pain_id})
    assert response.status_code == 409 and response.json["error"] == "closed"
    assert "closed" in response.json["message"]
    assert phone.post("answer", {"item_id": "B1.1", "level": 2}).status_code == 409
    page = phone.client.get(f"/w/{code}")
    assert page.status_code == 410 and "This session is closed." in page.text
    newcomer = app.test_client()
    assert newcomer.get(f"/w/{code}").status_code == 410
    assert phone.client.get(f"/w/{code}/state").json["status"] == "closed"


def test_pages_work_without_javascript(app, client, running):
    """Plain form posts: the phone page's forms post and redirect back."""
    e, s, code = running
    control(client, e, s, "next")
    phone = Phone(app, code)
    phone.join("Ann", "front_line")
    page = phone.refresh()
    assert 'name="level" value="dk"' in page.text
    response = phone.client.post(f"/w/{code}/answer", data={
        "csrf_token": csrf_token(page.text), "item_id": "B1.1", "level": "dk"})
    assert response.status_code == 302
    page = phone.refresh()
    assert re.search(r'value="dk" data-name="[^"]+" checked', page.text)
    with app.app_context():
        answer = db.session.scalar(sa.select(Answer).join(Respondent).where(
            Respondent.source == "workshop"))
        assert (answer.item_id, answer.level) == ("B1.1", None)
    control(client, e, s, "capture")
    page = phone.refresh()
    response = phone.client.post(f"/w/{code}/pains", data={
        "csrf_token": csrf_token(page.text), "title": "<b>Slow</b> quotes", "scenario": "",
        "affected_party": "customer"})
    assert response.status_code == 302
    page = phone.refresh()
    assert "&lt;b&gt;Slow&lt;/b&gt; quotes" in page.text and "<b>Slow</b>" not in page.text
    response = phone.client.post(f"/w/{code}/pains", data={
        "csrf_token": csrf_token(page.text), "title": "", "affected_party": "customer"})
    assert response.status_code == 302
    assert "Give the pain a short title." in phone.refresh().text


def test_phone_state_polls_cheaply(app, client, running):
    e, s, code = running
    phone = Phone(app, code)
    phone.join("Ann")
    first = phone.client.get(f"/w/{code}/state").json
    v = first["stage_version"]
    assert phone.client.get(f"/w/{code}/state?v={v}").status_code == 204
    Phone(app, code).join("Bo")  # someone joining does not change what this phone shows
    assert phone.client.get(f"/w/{code}/state?v={v}").status_code == 204
    control(client, e, s, "capture")
    moved = phone.client.get(f"/w/{code}/state?v={v}").json
    assert moved["activity"] == "capture" and "Where does it hurt?" in moved["html"]
