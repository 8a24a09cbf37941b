"""The CSRF check with the token's signature remembered (readiness/csrf_check.py) refuses what
Flask-WTF refuses, also for a token it has seen pass before."""
from __future__ import annotations

import time

import pytest
from flask_wtf.csrf import generate_csrf
from wtforms import ValidationError

from readiness.csrf_check import validate_csrf_remembered
from tests.respond.helpers import answers, save, token_of


def _refused(app, data, session_token, message):
    with app.test_request_context("/"):
        from flask import session

        if session_token is not None:
            session["csrf_token"] = session_token
        with pytest.raises(ValidationError, match=message):
            validate_csrf_remembered(data)


def test_good_then_altered_foreign_missing_and_expired_tokens(app, monkeypatch):
    with app.test_request_context("/"):
        from flask import session

        token = generate_csrf()
        raw = session["csrf_token"]
        validate_csrf_remembered(token)  # passes, and is remembered
        validate_csrf_remembered(token)  # passes again
    _refused(app, token, "another session's token", "do not match")  # remembered, still per session
    _refused(app, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), raw, "invalid")
    _refused(app, "", raw, "missing")
    _refused(app, token, None, "session token is missing")
    later = time.time() + app.config["WTF_CSRF_TIME_LIMIT"] + 5
    monkeypatch.setattr("readiness.signed.time.time", lambda: later)
    _refused(app, token, raw, "expired")  # the remembered check still applies the time limit


def test_the_autosave_refuses_a_token_of_another_browser(app, client, person):
    mine = token_of(client, f"/r/{person.token}/block/1")
    assert save(client, person.token, {"item_id": "B1.1", "level": 3}, mine).status_code == 200
    other = app.test_client()
    theirs = token_of(other, f"/r/{person.token}/block/1")
    refused = save(client, person.token, {"item_id": "B1.2", "level": 3}, theirs)
    assert refused.status_code == 400 and refused.get_json()["error"] == "page-expired"
    assert set(answers(app, person.id)) == {"B1.1"}
