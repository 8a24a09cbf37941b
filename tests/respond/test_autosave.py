"""The respondent's questionnaire: autosave (JSON)."""
from __future__ import annotations

import pytest

from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.respond.helpers import (
    answers,
    save,
    sums,
    token_of,
)
from tests.respondents.helpers import respondent

# Autosave (JSON) -------------------------------------------------------------------------------

def test_json_save_is_idempotent(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    body = {"item_id": "B1.1", "level": 4, "confidence": "high", "evidence": "Strategy deck 2026"}
    first = save(client, person.token, body, csrf)
    assert first.status_code == 200
    assert first.get_json() == {"saved": True, "item_id": "B1.1", "answered": 1, "total": 48}
    after_first = sums(app, person.id)
    assert after_first == [("B1", 1.5 * 1.0 * 4, 1.5 * 1.0, 1, 0)]
    again = save(client, person.token, body, csrf)
    assert again.get_json() == first.get_json()
    assert answers(app, person.id) == {"B1.1": (4, "high", "Strategy deck 2026")}
    assert sums(app, person.id) == after_first
    row = respondent(app, person.id)
    assert row.status == "started" and row.started_at is not None


def test_json_dont_know_and_changing_an_answer(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    save(client, person.token, {"item_id": "B1.3", "level": 2, "confidence": "low"}, csrf)
    response = save(client, person.token, {"item_id": "B1.3", "level": None}, csrf)
    assert response.status_code == 200 and response.get_json()["answered"] == 1
    assert answers(app, person.id) == {"B1.3": (None, "medium", "")}  # confidence defaults
    assert sums(app, person.id) == [("B1", 0.0, 0.0, 0, 1)]


@pytest.mark.parametrize("body, code, message", [
    ({"item_id": "B1.1", "level": 6}, "bad-level", "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": 0}, "bad-level", "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": "3"}, "bad-level", "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": 2.5}, "bad-level", "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": True}, "bad-level", "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1"}, "level-required", "level is required: 1-5, or null for don't know"),
    ({"item_id": "B9.9", "level": 3}, "unknown-item", "unknown item"),
    ({"item_id": ["B1.1"], "level": 3}, "unknown-item", "unknown item"),
    ({"item_id": "B1.1", "level": 3, "confidence": "very"}, "bad-confidence",
     "confidence must be low, medium or high"),
    ({"item_id": "B1.1", "level": 3, "evidence": 7}, "evidence-not-text", "evidence must be text"),
    ({"item_id": "B1.1", "level": 3, "evidence": "x" * 4001}, "evidence-too-long",
     "evidence is longer than 4000 characters"),
    ([1, 2], "not-an-object", "expected a JSON object"),
])
def test_json_save_refuses_bad_input(app, client, person, body, code, message):
    response = save(client, person.token, body)
    assert response.status_code == 400
    assert response.get_json() == {"error": code, "message": message}
    assert answers(app, person.id) == {} and respondent(app, person.id).status == "invited"


def test_json_save_needs_json_and_csrf(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    not_json = client.post(f"/r/{person.token}/answer", data="level=3",
                           headers={"X-CSRFToken": csrf})
    assert not_json.status_code == 400 and not_json.get_json() == {
        "error": "not-an-object", "message": "expected a JSON object"}
    no_csrf = client.post(f"/r/{person.token}/answer", json={"item_id": "B1.1", "level": 3})
    assert no_csrf.status_code == 400 and no_csrf.get_json()["error"] == "page-expired"
    assert "expired" in no_csrf.get_json()["message"]
    assert answers(app, person.id) == {}


def test_json_save_bad_revoked_and_completed_tokens(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    body = {"item_id": "B1.1", "level": 3}
    bad = client.post("/r/nope/answer", json=body, headers={"X-CSRFToken": csrf})
    assert bad.status_code == 404 and bad.get_json() == {"error": "bad-link",
                                                         "message": "This link is not valid."}
    with app.app_context():
        db.session.get(Respondent, person.id).status = "completed"
        db.session.commit()
    done = save(client, person.token, body, csrf)
    assert done.status_code == 409 and done.get_json()["error"] == "already-submitted"
    with app.app_context():
        row = db.session.get(Respondent, person.id)
        row.status, row.revoked = "started", True
        db.session.commit()
    gone = save(client, person.token, body, csrf)
    assert gone.status_code == 410 and gone.get_json() == {
        "error": "link-withdrawn", "message": "This link has been withdrawn."}
    assert answers(app, person.id) == {}
