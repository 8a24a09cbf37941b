"""The session cookie's remembered check (readiness/sessions.py) refuses what Flask refuses."""
from __future__ import annotations

import time

import flask
import pytest

from readiness.sessions import CheckedCookieSessionInterface

from .helpers import make_user


@pytest.fixture
def signed(app):
    """A session cookie as Flask would set it, and a way to read it back as a request would."""
    interface = app.session_interface
    assert isinstance(interface, CheckedCookieSessionInterface)
    serializer = interface.get_signing_serializer(app)
    name = interface.get_cookie_name(app)

    def open_with(cookie: str | None):
        headers = {"Cookie": f"{name}={cookie}"} if cookie is not None else {}
        with app.test_request_context("/", headers=headers):
            return interface.open_session(app, flask.request)

    return serializer, open_with


def test_a_good_cookie_reads_the_same_every_time_and_each_request_gets_its_own_copy(signed):
    serializer, open_with = signed
    cookie = serializer.dumps({"csrf_token": "abc", "nested": {"lang": "zh"}})
    first = open_with(cookie)
    assert dict(first) == {"csrf_token": "abc", "nested": {"lang": "zh"}}
    first["nested"]["lang"] = "en"  # one request changing its session ...
    first["csrf_token"] = "changed"
    second = open_with(cookie)  # ... is not what the next request with that cookie reads
    assert dict(second) == {"csrf_token": "abc", "nested": {"lang": "zh"}}


def test_an_altered_or_foreign_cookie_is_an_empty_session_even_after_the_good_one(signed, app):
    serializer, open_with = signed
    cookie = serializer.dumps({"_user_id": "1"})
    assert open_with(cookie)["_user_id"] == "1"
    payload, rest = cookie.split(".", 1)
    assert dict(open_with(payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + rest)) == {}
    other = CheckedCookieSessionInterface()
    app.secret_key = "another-secret-key"
    try:
        assert dict(other.open_session(app, _request(app, other, cookie))) == {}
    finally:
        app.secret_key = app.config["SECRET_KEY"]
    assert dict(open_with("not-a-cookie")) == {}
    assert dict(open_with(None)) == {}


def _request(app, interface, cookie):
    ctx = app.test_request_context(
        "/", headers={"Cookie": f"{interface.get_cookie_name(app)}={cookie}"})
    ctx.push()
    try:
        return flask.request._get_current_object()
    finally:
        ctx.pop()


def test_an_expired_cookie_is_refused_though_it_was_read_while_fresh(signed, app, monkeypatch):
    serializer, open_with = signed
    cookie = serializer.dumps({"_user_id": "1"})
    assert open_with(cookie)["_user_id"] == "1"  # remembered
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 5
    monkeypatch.setattr("readiness.signed.time.time", lambda: later)
    assert dict(open_with(cookie)) == {}


def test_login_then_logout_end_to_end(app, client, auth):
    make_user(app)
    auth.login()
    assert client.get("/engagements").status_code == 200
    auth.logout()
    assert client.get("/engagements").status_code == 302  # the old cookie no longer logs in
