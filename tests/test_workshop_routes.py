"""Workshop pages and JSON endpoints: access on every facilitator route, the participant's join,
JSON refusals (forged token 403, after close 409, CSRF 400), idempotent posts, hidden counts."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from readiness.pains.models import PainPoint
from readiness.respondents.models import Answer, Respondent
from readiness.workshop.models import WorkshopSession, WorkshopVote
from readiness.workshop.participant import COOKIE_KEY

from tests.helpers import csrf_token, make_user
from tests.test_pains import empty_engagement

VIEWER, SHARED, STRANGER = "viewer@client.example", "shared@example.com", "stranger@example.com"


def open_session(client, engagement_id, votes="3"):
    page = client.get(f"/engagements/{engagement_id}/workshops")
    response = client.post(f"/engagements/{engagement_id}/workshops",
                           data={"csrf_token": csrf_token(page.text), "votes": votes})
    assert response.status_code == 302
    session_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    console = client.get(response.headers["Location"])
    code = re.search(r'data-testid="code">(\w+)<', console.text).group(1)
    return session_id, code


def control(client, engagement_id, session_id, action, **extra):
    page = client.get(f"/engagements/{engagement_id}/workshops/{session_id}")
    return client.post(f"/engagements/{engagement_id}/workshops/{session_id}/control",
                       data={"csrf_token": csrf_token(page.text), "action": action, **extra})


class Phone:
    """A participant's phone: its own cookie jar, the CSRF token of its page, JSON posts."""

    def __init__(self, app, code):
        self.client, self.code = app.test_client(), code
        self.csrf = None

    def join(self, name="", role="manager", department=""):
        page = self.client.get(f"/w/{self.code}")
        response = self.client.post(f"/w/{self.code}/join", data={
            "csrf_token": csrf_token(page.text), "display_name": name, "role": role,
            "department_id": department})
        self.refresh()
        return response

    def refresh(self):
        page = self.client.get(f"/w/{self.code}")
        match = re.search(r'data-csrf="([^"]+)"', page.text)
        self.csrf = match.group(1) if match else self.csrf
        return page

    def post(self, path, body, csrf=True):
        headers = {"X-CSRFToken": self.csrf} if csrf else {}
        return self.client.post(f"/w/{self.code}/{path}", json=body, headers=headers)


@pytest.fixture
def running(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    session_id, code = open_session(client, demo.engagement_id)
    return demo.engagement_id, session_id, code


# The facilitator's routes: access ------------------------------------------------------------

@pytest.fixture
def people(app, demo):
    ids = {email: make_user(app, email, role=role)
           for email, role in ((SHARED, "consultant"), (VIEWER, "viewer"), (STRANGER, "consultant"))}
    with app.app_context():
        for email in (SHARED, VIEWER):
            db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=ids[email]))
        db.session.commit()
    return ids


READ = ["/engagements/{e}/workshops", "/engagements/{e}/workshops/{s}/projector",
        "/engagements/{e}/workshops/{s}/state"]
EDIT = ["/engagements/{e}/workshops/{s}"]
POSTS = ["/engagements/{e}/workshops", "/engagements/{e}/workshops/{s}/control",
         "/engagements/{e}/workshops/{s}/submissions/{sub}/accept",
         "/engagements/{e}/workshops/{s}/submissions/{sub}/merge",
         "/engagements/{e}/workshops/{s}/submissions/{sub}/dismiss"]


@pytest.mark.parametrize("who, read, edit", [
    ("owner", 200, 200), (SHARED, 200, 200), (VIEWER, 200, 403), (STRANGER, 404, 404)])
def test_access_on_every_facilitator_route(app, client, auth, demo, people, running, who, read,
                                           edit):
    e, s, code = running
    control(client, e, s, "capture")
    phone = Phone(app, code)
    phone.join("Ann")
    sub = phone.post("pains", {"title": "Slow quotes"}).json["id"]
    auth.logout()
    auth.login(demo.email, demo.password) if who == "owner" else auth.login(who)
    fmt = {"e": e, "s": s, "sub": sub}
    for url in READ:
        assert client.get(url.format(**fmt)).status_code == read, url
    for url in EDIT:
        assert client.get(url.format(**fmt)).status_code == edit, url
    if edit != 200:
        token = csrf_token(client.get("/engagements").text)
        for url in POSTS:
            response = client.post(url.format(**fmt), data={
                "csrf_token": token, "action": "close", "confirm": "y", "title": "x",
                "severity": "3", "frequency": "3", "target": str(sub), "votes": "3"})
            assert response.status_code == edit, url
        with app.app_context():
            assert db.session.get(WorkshopSession, s).status == "open"
            assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopSession)) == 1
    else:
        response = control(client, e, s, "pause")
        assert response.status_code == 302


def test_session_of_another_engagement_is_404(app, client, running, demo):
    e, s, _ = running
    other = empty_engagement(app, demo.email)
    for url in (f"/engagements/{other}/workshops/{s}", f"/engagements/{other}/workshops/{s}/projector",
                f"/engagements/{other}/workshops/{s}/state"):
        assert client.get(url).status_code == 404
    token = csrf_token(client.get("/engagements").text)
    response = client.post(f"/engagements/{other}/workshops/{s}/control",
                           data={"csrf_token": token, "action": "pause"})
    assert response.status_code == 404


# Console and projector -------------------------------------------------------------------------

def test_projector_shows_code_and_qr_and_state_is_cheap(app, client, running):
    e, s, code = running
    page = client.get(f"/engagements/{e}/workshops/{s}/projector")
    assert page.status_code == 200 and code in page.text and "<svg" in page.text
    assert "localhost/w · <strong class=\"code\">" + code in page.text  # where to type the code
    state = client.get(f"/engagements/{e}/workshops/{s}/state")
    assert state.json["code"] == code and state.json["participants"] == 0
    assert client.get(f"/engagements/{e}/workshops/{s}/state?v={state.json['version']}").status_code == 204
    Phone(app, code).join("Ann")
    moved = client.get(f"/engagements/{e}/workshops/{s}/state?v={state.json['version']}")
    assert moved.status_code == 200 and moved.json["participants"] == 1
    assert "Ann" in moved.json["html"]["stage"]
    console = client.get(f"/engagements/{e}/workshops/{s}/state?view=console")
    assert "Ann" in console.json["html"]["live"] and "submissions" in console.json["html"]


def test_counts_stay_hidden_until_the_reveal(app, client, running):
    e, s, code = running
    phones = [Phone(app, code) for _ in range(3)]
    for n, phone in enumerate(phones):
        phone.join(f"P{n}")
    control(client, e, s, "next")
    for phone, level in zip(phones, (2, 2, 5)):
        assert phone.post("answer", {"item_id": "B1.1", "level": level}).status_code == 200
    state = client.get(f"/engagements/{e}/workshops/{s}/state").json
    assert state["question"]["rounds"] == [
        {"round": 1, "answered": 3, "revealed": False, "counts": None}]
    assert 'data-testid="distribution"' not in state["html"]["stage"]
    control(client, e, s, "reveal")
    state = client.get(f"/engagements/{e}/workshops/{s}/state").json
    assert state["question"]["rounds"][0]["counts"] == {
        "1": 0, "2": 2, "3": 0, "4": 0, "5": 1, "dk": 0}
    assert 'data-level="2" data-count="2"' in state["html"]["stage"]

    control(client, e, s, "voting")
    pain_ids = [p["id"] for p in client.get(f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"]]
    phones[0].post("votes", {"pain_id": pain_ids[0]})
    phones[1].post("votes", {"pain_id": pain_ids[0]})
    state = client.get(f"/engagements/{e}/workshops/{s}/state").json
    assert state["voting"]["votes_cast"] == 2 and state["voting"]["voters"] == 2
    assert {p["votes"] for p in state["voting"]["pains"]} == {None}
    assert 'data-testid="vote-results"' not in state["html"]["stage"]
    control(client, e, s, "reveal_votes")
    state = client.get(f"/engagements/{e}/workshops/{s}/state").json
    assert state["voting"]["pains"][0] == {"id": pain_ids[0], "votes": 2}
    with app.app_context():
        assert db.session.get(PainPoint, pain_ids[0]).votes == 6 + 2  # demo's 6 plus 2 revealed


def test_close_needs_confirmation(app, client, running):
    e, s, code = running
    response = control(client, e, s, "close")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(WorkshopSession, s).status == "open"
    assert "Tick the box" in client.get(f"/engagements/{e}/workshops/{s}").text
    control(client, e, s, "close", confirm="y")
    with app.app_context():
        assert db.session.get(WorkshopSession, s).status == "closed"


def test_open_form_rejects_bad_vote_counts(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/workshops")
    response = client.post(f"/engagements/{demo.engagement_id}/workshops",
                           data={"csrf_token": csrf_token(page.text), "votes": "50"})
    assert response.status_code == 422 and "Between 1 and 20." in response.text
    assert 'value="50"' in response.text


# The participant ---------------------------------------------------------------------------

def test_join_by_typed_code(app, client, running, demo):
    e, s, code = running
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
