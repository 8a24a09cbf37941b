"""Presenter mode and push: JSON controls (no page reload), the event stream, the re-vote that
hides round 1, and the split by role on the projector."""
from __future__ import annotations

import pytest

from readiness.workshop import live
from tests.helpers import csrf_token
from tests.workshop.helpers import Phone, control


def act(client, e, s, body, view="projector", csrf=True, **params):
    token = csrf_token(client.get(f"/engagements/{e}/workshops/{s}").text) if csrf else ""
    query = "&".join([f"view={view}"] + [f"{k}={v}" for k, v in params.items()])
    return client.post(f"/engagements/{e}/workshops/{s}/control?{query}", json=body,
                       headers={"X-CSRFToken": token, "Accept": "application/json"})


def test_json_controls_answer_with_the_new_stage(app, client, running):
    e, s, _code = running
    response = act(client, e, s, {"action": "next"})
    assert response.status_code == 200 and response.json["ok"]
    assert response.json["question"]["item_id"] == "B1.1"
    assert 'data-item="B1.1"' in response.json["html"]["stage"]
    assert act(client, e, s, {"action": "next"}).json["question"]["item_id"] == "B1.2"
    assert act(client, e, s, {"action": "prev"}).json["question"]["item_id"] == "B1.1"
    refused = act(client, e, s, {"action": "prev"})  # nothing before the first item
    assert refused.status_code == 400 and refused.json["error"] == "unknown-item"
    refused = act(client, e, s, {"action": "revote"})
    assert refused.status_code == 409 and refused.json["error"] == "reveal-first"
    assert refused.json["message"]
    console = act(client, e, s, {"action": "pause"}, view="console")
    assert console.json["status"] == "paused" and "live" in console.json["html"]
    closed = act(client, e, s, {"action": "close", "confirm": True})
    assert closed.status_code == 200 and closed.json["status"] == "closed"


@pytest.mark.parametrize("body", [[1, 2], "next", {"action": ["next"]}, {"action": {"a": 1}},
                                  {"action": "explode"}, {}])
def test_json_controls_refuse_bad_bodies_with_json(app, client, running, body):
    e, s, _code = running
    response = act(client, e, s, body)
    assert response.status_code == 400 and response.json["error"] in ("bad-input", "bad-action")


def test_json_controls_need_the_csrf_header(app, client, running):
    e, s, _code = running
    response = act(client, e, s, {"action": "next"}, csrf=False)
    assert response.status_code == 400 and response.json["error"] == "csrf"


def test_the_event_stream_pushes_state_and_ends(app, client, running, monkeypatch):
    e, s, _code = running
    monkeypatch.setattr(live, "STREAM_SECONDS", 0.3)
    url = f"/engagements/{e}/workshops/{s}/events"
    assert client.get(url).status_code == 406  # not an EventSource: no thread held
    response = client.get(url, headers={"Accept": "text/event-stream"})
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    text = response.get_data(as_text=True)
    assert text.startswith("retry:") and "event: state" in text and text.rstrip().endswith("}")
    assert "event: bye" in text and '"html"' in text
    version = client.get(f"/engagements/{e}/workshops/{s}/state").json["version"]
    quiet = client.get(url, headers={"Accept": "text/event-stream", "Last-Event-ID": str(version)})
    assert "event: state" not in quiet.get_data(as_text=True)  # nothing moved: nothing sent
    console = client.get(url + "?view=console", headers={"Accept": "text/event-stream"})
    assert '"live"' in console.get_data(as_text=True)


def test_a_closed_session_ends_the_stream_at_once(app, client, running, monkeypatch):
    e, s, _code = running
    monkeypatch.setattr(live, "STREAM_SECONDS", 30)
    act(client, e, s, {"action": "close", "confirm": True})
    text = client.get(f"/engagements/{e}/workshops/{s}/events",
                      headers={"Accept": "text/event-stream"}).get_data(as_text=True)
    assert '"closed":true' in text


def test_presenter_controls_only_for_editors(app, client, auth, running):
    e, s, _code = running
    page = client.get(f"/engagements/{e}/workshops/{s}/projector").text
    assert 'id="presenter"' in page and 'data-testid="corner-qr"' in page
    assert 'aria-keyshortcuts="ArrowRight"' in page


def _room(app, client, e, s, code, roles):
    phones = []
    for n, role in enumerate(roles):
        phone = Phone(app, code)
        phone.join(f"P{n}", role=role)
        phones.append(phone)
    control(client, e, s, "next")
    return phones


def test_a_revote_hides_round_one_until_it_is_revealed(app, client, running):
    e, s, code = running
    phones = _room(app, client, e, s, code, ["manager"] * 3)
    for phone in phones:
        phone.post("answer", {"item_id": "B1.1", "level": 2})
    control(client, e, s, "reveal")
    control(client, e, s, "revote")
    stage = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert 'data-testid="distribution"' not in stage
    assert 'data-testid="answered" data-answered="0"' in stage and "big-count" in stage
    phones[0].post("answer", {"item_id": "B1.1", "level": 4})
    stage = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert 'data-answered="1"' in stage
    control(client, e, s, "reveal")
    stage = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert 'data-rounds="2"' in stage  # before and after, side by side


def test_split_by_role_only_above_the_threshold(app, client, running):
    e, s, code = running
    roles = ["executive"] * 3 + ["front_line"] * 3 + ["it"]
    phones = _room(app, client, e, s, code, roles)
    for phone, level in zip(phones, [5, 4, 5, 2, 1, 2, 3], strict=True):
        phone.post("answer", {"item_id": "B1.1", "level": level})
    control(client, e, s, "split")
    before = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert "role-split" not in before  # not before the reveal
    control(client, e, s, "reveal")
    stage = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert 'data-testid="role-split" data-groups="2"' in stage
    assert 'data-roles="it"' not in stage  # one IT person is never a group
    assert 'data-testid="split-gap"' in stage and "Perception gap" in stage
    assert 'data-testid="role-split"' in client.get(
        f"/engagements/{e}/workshops/{s}/projector").text
    control(client, e, s, "unsplit")
    plain = client.get(f"/engagements/{e}/workshops/{s}/projector").text
    assert "role-split" not in plain


def test_no_split_below_the_threshold(app, client, running):
    e, s, code = running
    phones = _room(app, client, e, s, code, ["executive"] * 3 + ["front_line"] * 2)
    for phone in phones:
        phone.post("answer", {"item_id": "B1.1", "level": 3})
    control(client, e, s, "reveal")
    control(client, e, s, "split")
    stage = client.get(f"/engagements/{e}/workshops/{s}/state").json["html"]["stage"]
    assert "role-split" not in stage and 'data-testid="no-split"' in stage
    assert 'data-testid="distribution"' in stage  # the whole room's result stays
