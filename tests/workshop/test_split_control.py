"""The split by role is the session's: the console (JSON with the CSRF header, or a plain form
that posts and redirects) and the presenter keys switch it, every projector and the console show
it, and only the engagement's editors may switch it."""
from __future__ import annotations

import pytest

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from readiness.workshop.models import WorkshopSession
from tests.helpers import csrf_token, make_user
from tests.pains.test_pains import empty_engagement
from tests.workshop.helpers import SHARED, STRANGER, VIEWER, Phone, control
from tests.workshop.test_presenter import act

ADMIN = "admin2@example.com"


def _split(app, s) -> bool:
    with app.app_context():
        return db.session.get(WorkshopSession, s).split_by_role


def _revealed_room(app, client, e, s, code, roles, levels):
    for n, (role, level) in enumerate(zip(roles, levels, strict=True)):
        phone = Phone(app, code)
        phone.join(f"P{n}", role=role)
        if n == 0:
            control(client, e, s, "next")
        phone.post("answer", {"item_id": "B1.1", "level": level})
    control(client, e, s, "reveal")


def test_the_console_form_switches_the_split_and_redirects(app, client, running):
    e, s, code = running
    _revealed_room(app, client, e, s, code, ["executive"] * 3 + ["front_line"] * 3 + ["it"],
                   [5, 4, 5, 2, 1, 2, 3])
    console = client.get(f"/engagements/{e}/workshops/{s}").text
    assert 'data-testid="split-toggle" aria-pressed="false"' in console
    assert 'data-testid="console-split" data-split="0"' in console
    response = control(client, e, s, "split")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/engagements/{e}/workshops/{s}")
    assert _split(app, s)
    console = client.get(f"/engagements/{e}/workshops/{s}").text
    assert 'data-testid="split-toggle" aria-pressed="true"' in console
    assert 'data-testid="console-split" data-split="1"' in console
    assert 'data-testid="role-split" data-groups="2"' in console  # the facilitator sees it too
    state = client.get(f"/engagements/{e}/workshops/{s}/state").json
    assert state["split_by_role"] is True
    for page in (client.get(f"/engagements/{e}/workshops/{s}/projector").text,
                 state["html"]["stage"]):
        assert 'data-testid="role-split"' in page and 'data-roles="it"' not in page
    control(client, e, s, "unsplit")
    assert not _split(app, s)
    assert "role-split" not in client.get(f"/engagements/{e}/workshops/{s}/projector").text


def test_json_split_answers_with_the_new_stage_and_moves_the_version(app, client, running):
    e, s, code = running
    _revealed_room(app, client, e, s, code, ["executive"] * 3 + ["front_line"] * 3,
                   [5, 5, 4, 1, 2, 1])
    before = client.get(f"/engagements/{e}/workshops/{s}/state").json
    response = act(client, e, s, {"action": "split"})
    assert response.status_code == 200 and response.json["split_by_role"] is True
    assert 'data-testid="role-split"' in response.json["html"]["stage"]
    assert response.json["version"] > before["version"]
    assert response.json["stage_version"] == before["stage_version"]  # the phones stay put
    console = act(client, e, s, {"action": "unsplit"}, view="console")
    assert console.status_code == 200 and console.json["split_by_role"] is False
    assert 'data-split="0"' in console.json["html"]["live"]


def test_split_below_the_threshold_shows_no_group(app, client, running):
    e, s, code = running
    _revealed_room(app, client, e, s, code, ["executive"] * 3 + ["front_line"] * 2,
                   [3, 3, 3, 3, 3])
    response = act(client, e, s, {"action": "split"})
    stage = response.json["html"]["stage"]
    assert "role-split" not in stage and 'data-testid="no-split"' in stage
    assert 'data-testid="distribution"' in stage


def test_split_needs_csrf(app, client, running):
    e, s, _code = running
    refused = act(client, e, s, {"action": "split"}, csrf=False)
    assert refused.status_code == 400 and refused.json["error"] == "csrf"
    form = client.post(f"/engagements/{e}/workshops/{s}/control", data={"action": "split"})
    assert form.status_code == 400
    assert not _split(app, s)


def test_split_of_a_closed_session_is_refused(app, client, running):
    e, s, _code = running
    act(client, e, s, {"action": "close", "confirm": True})
    refused = act(client, e, s, {"action": "split"})
    assert refused.status_code == 409 and refused.json["error"] == "closed"
    assert not _split(app, s)


@pytest.mark.parametrize("who, status", [(SHARED, 302), (ADMIN, 302), (VIEWER, 403),
                                         (STRANGER, 404)])
def test_only_the_engagements_editors_switch_the_split(app, client, auth, demo, running, who,
                                                       status):
    e, s, _code = running
    ids = {email: make_user(app, email, role=role) for email, role in (
        (SHARED, "consultant"), (VIEWER, "viewer"), (STRANGER, "consultant"), (ADMIN, "admin"))}
    with app.app_context():
        for email in (SHARED, VIEWER):
            db.session.add(EngagementAccess(engagement_id=e, user_id=ids[email]))
        db.session.commit()
    auth.logout()
    auth.login(who)
    token = csrf_token(client.get("/engagements").text)
    response = client.post(f"/engagements/{e}/workshops/{s}/control",
                           data={"csrf_token": token, "action": "split"})
    assert response.status_code == status
    assert _split(app, s) is (status == 302)
    json = client.post(f"/engagements/{e}/workshops/{s}/control?view=console",
                       json={"action": "unsplit"},
                       headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert json.status_code == (200 if status == 302 else status)
    assert not _split(app, s)


def test_bad_ids_are_404(app, client, running, demo):
    e, s, _code = running
    other = empty_engagement(app, demo.email)
    token = csrf_token(client.get("/engagements").text)
    for url in (f"/engagements/{e}/workshops/{s + 999}/control",
                f"/engagements/{other}/workshops/{s}/control",
                f"/engagements/{e + 999}/workshops/{s}/control"):
        response = client.post(url, data={"csrf_token": token, "action": "split"})
        assert response.status_code == 404, url
        response = client.post(url, json={"action": "split"},
                               headers={"X-CSRFToken": token, "Accept": "application/json"})
        assert response.status_code == 404, url
    assert not _split(app, s)
