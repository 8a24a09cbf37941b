"""Workshop pages: access on every facilitator route, the console and the projector."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from readiness.pains.models import PainPoint
from readiness.workshop.models import WorkshopSession
from tests.helpers import csrf_token, make_user
from tests.pains.test_pains import empty_engagement
from tests.workshop.helpers import (
    SHARED,
    STRANGER,
    VIEWER,
    Phone,
    control,
)

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
    _e, s, _ = running
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
    for phone, level in zip(phones, (2, 2, 5), strict=True):
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
    e, s, _code = running
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
