"""Issue 12: /healthz, the access log line (tokens masked), tracebacks from report jobs."""
from __future__ import annotations

import logging

import pytest

from readiness import redis_conn


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "redis": "not configured"}


@pytest.mark.allow_500  # the 503 is the answer under test
def test_healthz_names_the_failing_part_and_no_secret(app, client):
    app.config["REDIS_URL"] = "redis://:s3cret@127.0.0.1:9/0"  # nothing listens on port 9
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "failing", "database": "ok", "redis": "unavailable"}
    assert "s3cret" not in response.text and "127.0.0.1" not in response.text
    redis_conn._clients.clear()


@pytest.mark.allow_500  # the 503 is the answer under test
def test_healthz_503_when_the_database_does_not_answer(app, client, monkeypatch):
    import sqlalchemy as sa

    from readiness.extensions import db

    def refuse(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("password=hunter2"))

    with app.app_context():
        monkeypatch.setattr(type(db.session()), "execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable" and response.json["status"] == "failing"
    assert "hunter2" not in response.text


def test_access_log_masks_tokens_and_drops_query_strings(app, client, person, caplog):
    caplog.set_level(logging.INFO, logger="readiness.access")
    token = person.token
    client.get(f"/r/{token}?secret=1")
    client.get("/w/ABCDEF")
    client.get(f"/r/{token}/nowhere/else")
    client.get(f"/calendar/{'x' * 30}.ics")
    lines = [r.getMessage() for r in caplog.records if r.name == "readiness.access"]
    assert lines[0].startswith("GET /r/… 200 ") and lines[0].endswith(" ms")
    assert lines[1].startswith("GET /w/… ")
    assert lines[2].startswith("GET /r/… 404 ")
    assert lines[3].startswith("GET /calendar/….ics ")
    text = "\n".join(lines)
    assert token not in text and "secret" not in text and "ABCDEF" not in text


def test_a_failing_report_job_logs_its_traceback(app, client, auth, demo, caplog, monkeypatch):
    from readiness.report import jobs

    def broken(*args, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(jobs, "renderer", lambda fmt: broken)
    app.config["REPORTS_INLINE"] = True
    auth.login(demo.email, demo.password)
    from tests.helpers import csrf_token

    page = client.get(f"/engagements/{demo.engagement_id}/report")
    created = client.post(f"/engagements/{demo.engagement_id}/report",
                          data={"csrf_token": csrf_token(page.text), "lang": "en"})
    job = created.headers["Location"].split("job=")[1]
    state = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").json
    assert state["status"] == "failed" and state["error"] == "layout exploded"
    failed = [r for r in caplog.records if r.name == "readiness.report.jobs"
              and r.levelno == logging.ERROR]
    assert failed and failed[0].exc_info and "layout exploded" in str(failed[0].exc_info[1])
    assert job not in caplog.text


def test_a_redis_that_does_not_answer_never_makes_a_login_fail(app, client, caplog):
    from tests.helpers import make_user

    make_user(app, "ann@example.com")
    app.config["REDIS_URL"] = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    page = client.get("/auth/login")
    from tests.helpers import csrf_token

    response = client.post("/auth/login", data={"csrf_token": csrf_token(page.text),
                                                "email": "ann@example.com", "password": "nope"})
    assert response.status_code == 401  # counted in this process's memory, logged
    assert "the limits storage does not answer" in caplog.text
    # Guessing stays bounded while Redis is down: the fallback count reaches the limit.
    statuses = [client.post("/auth/login", data={
        "csrf_token": csrf_token(client.get("/auth/login").text),
        "email": "ann@example.com", "password": "nope"}).status_code for _ in range(12)]
    assert statuses[-1] == 429
