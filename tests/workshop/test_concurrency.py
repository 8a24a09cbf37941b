"""Concurrency against a real threaded server on loopback, on SQLite (one writer) and on PostgreSQL
(row locks): a double submission stores one vote, simultaneous votes cannot exceed the limit, and
votes racing a close are either stored (200) or refused (409), never lost or counted twice."""
from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from readiness.demo import load_demo
from readiness.extensions import db
from readiness.workshop.models import WorkshopVote
from tests.helpers import csrf_token


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, app, demo):
    """(app, demo) on each database: the test's SQLite copy, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return app, demo
    pg_app = request.getfixturevalue("pg_app")
    with pg_app.app_context():
        result = load_demo()
        db.session.commit()
    return pg_app, result


@pytest.fixture
def server(backend):
    httpd = make_server("127.0.0.1", 0, backend[0], threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(5)


class Browser:
    """One cookie jar (one phone or one laptop)."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect())

    def request(self, method, path, data=None, body=None, headers=None):
        headers = dict(headers or {})
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "Accept": "application/json"})
        elif data is not None:
            payload = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(self.base + path, data=payload, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path):
        return self.request("GET", path)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def facilitator(base, demo):
    laptop = Browser(base)
    _, page = laptop.get("/auth/login")
    laptop.request("POST", "/auth/login", data={"email": demo.email, "password": demo.password,
                                               "csrf_token": csrf_token(page)})
    _, page = laptop.get(f"/engagements/{demo.engagement_id}/workshops")
    status, _ = laptop.request("POST", f"/engagements/{demo.engagement_id}/workshops",
                               data={"csrf_token": csrf_token(page), "votes": "3"})
    assert status == 302
    _, page = laptop.get(f"/engagements/{demo.engagement_id}/workshops")
    session_id = int(re.search(r"/workshops/(\d+)\"", page).group(1))
    return laptop, session_id


def act(laptop, demo, session_id, action, **extra):
    url = f"/engagements/{demo.engagement_id}/workshops/{session_id}"
    _, page = laptop.get(url)
    status, _ = laptop.request("POST", url + "/control",
                               data={"csrf_token": csrf_token(page), "action": action, **extra})
    assert status == 302


def join(base, code, name):
    phone = Browser(base)
    _, page = phone.get(f"/w/{code}")
    status, _ = phone.request("POST", f"/w/{code}/join", data={
        "csrf_token": csrf_token(page), "display_name": name, "role": "manager"})
    assert status == 302
    _, page = phone.get(f"/w/{code}")
    phone.csrf = re.search(r'data-csrf="([^"]+)"', page).group(1)
    return phone


def vote(phone, code, pain_id):
    status, text = phone.request("POST", f"/w/{code}/votes", body={"pain_id": pain_id},
                                 headers={"X-CSRFToken": phone.csrf})
    return status, json.loads(text)


def setup_voting(server, demo):
    laptop, session_id = facilitator(server, demo)
    _, state = laptop.get(f"/engagements/{demo.engagement_id}/workshops/{session_id}/state")
    code = json.loads(state)["code"]
    act(laptop, demo, session_id, "voting")
    _, state = laptop.get(f"/engagements/{demo.engagement_id}/workshops/{session_id}/state")
    pains = [p["id"] for p in json.loads(state)["voting"]["pains"]]
    return laptop, session_id, code, pains


def stored_votes(app):
    with app.app_context():
        return db.session.execute(sa.select(WorkshopVote.participant_id,
                                            WorkshopVote.pain_point_id)).all()


def test_simultaneous_double_submission_stores_one_vote(backend, server):
    app, demo = backend
    _, _, code, pains = setup_voting(server, demo)
    phone = join(server, code, "Ann")
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda _: vote(phone, code, pains[0]), range(12)))
    assert {status for status, _ in results} == {200}
    assert len({body["vote_id"] for _, body in results}) == 1
    assert len(stored_votes(app)) == 1


def test_simultaneous_votes_cannot_exceed_the_limit(backend, server):
    app, demo = backend
    _, _, code, pains = setup_voting(server, demo)
    phone = join(server, code, "Ann")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda pain: vote(phone, code, pain), pains[:8]))
    accepted = [body for status, body in results if status == 200]
    refused = [body for status, body in results if status == 409]
    assert len(accepted) == 3 and len(refused) == 5
    assert {body["error"] for body in refused} == {"no-votes-left"}
    assert sorted(p for _, p in stored_votes(app)) == sorted(b["pain_id"] for b in accepted)


def test_votes_racing_a_close_are_stored_or_refused_never_lost(backend, server):
    app, demo = backend
    laptop, session_id, code, pains = setup_voting(server, demo)
    phones = [join(server, code, f"P{n}") for n in range(12)]
    barrier = threading.Barrier(len(phones) + 1)

    def one(index):
        barrier.wait()
        return vote(phones[index], code, pains[index % len(pains)])

    with ThreadPoolExecutor(max_workers=len(phones) + 1) as pool:
        futures = [pool.submit(one, i) for i in range(len(phones))]
        barrier.wait()
        act(laptop, demo, session_id, "close", confirm="y")
        results = [f.result() for f in futures]
    ok = [body for status, body in results if status == 200]
    closed = [body for status, body in results if status == 409]
    assert len(ok) + len(closed) == len(phones)
    assert all(body["error"] == "closed" for body in closed)
    assert len(stored_votes(app)) == len(ok)
    # After the close nothing more gets in.
    status, body = vote(phones[0], code, pains[5])
    assert (status, body["error"]) == (409, "closed")
    assert len(stored_votes(app)) == len(ok)


def test_answers_racing_a_reveal_are_in_the_revealed_round_or_refused(backend, server):
    _, demo = backend
    laptop, session_id = facilitator(server, demo)
    state_url = f"/engagements/{demo.engagement_id}/workshops/{session_id}/state"
    code = json.loads(laptop.get(state_url)[1])["code"]
    phones = [join(server, code, f"P{n}") for n in range(12)]
    act(laptop, demo, session_id, "next")
    barrier = threading.Barrier(len(phones) + 1)

    def one(index):
        barrier.wait()
        status, text = phones[index].request(
            "POST", f"/w/{code}/answer", body={"item_id": "B1.1", "level": 1 + index % 5},
            headers={"X-CSRFToken": phones[index].csrf})
        return status, json.loads(text)

    with ThreadPoolExecutor(max_workers=len(phones) + 1) as pool:
        futures = [pool.submit(one, i) for i in range(len(phones))]
        barrier.wait()
        act(laptop, demo, session_id, "reveal")
        results = [f.result() for f in futures]
    ok = [body for status, body in results if status == 200]
    late = [body for status, body in results if status == 409]
    assert len(ok) + len(late) == len(phones)
    assert {body["error"] for body in late} <= {"round-revealed"}
    counts = json.loads(laptop.get(state_url)[1])["question"]["rounds"][0]["counts"]
    assert sum(counts.values()) == len(ok)  # what was revealed is exactly what was accepted
