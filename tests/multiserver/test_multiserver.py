"""Issue 12, several machines: two app servers (gunicorn, two ports) over one PostgreSQL and one
Redis, and one `readiness worker`. A report asked for on server A is polled and downloaded from
server B (rendered by the worker); invitations asked for on A are sent by the worker; a login
throttle reached on A holds on B."""
from __future__ import annotations

import json
import os
import secrets
import time
import uuid

import pytest

from tests import servers

pytestmark = [pytest.mark.multiserver, pytest.mark.postgres]

REDIS = os.environ.get("TEST_REDIS_URL")


@pytest.fixture
def deployment(pg_app, tmp_path):
    if not REDIS:
        if os.environ.get("CI"):
            pytest.fail("CI must run the several-machine test: TEST_REDIS_URL is not set")
        pytest.skip("TEST_REDIS_URL not set (make test sets it from .ci/redis)")
    from aiosmtpd.controller import Controller

    from readiness.demo import load_demo
    from readiness.extensions import db
    from readiness.questionnaires.services import load_builtin
    from tests.mail.conftest import Inbox
    from tests.respondents.helpers import add_respondent

    with pg_app.app_context():
        load_builtin()
        demo = load_demo(tracking=False)
        db.session.commit()
    add_respondent(pg_app, demo.engagement_id, "Mail Person", email="mail.person@example.com")
    inbox, smtp_port = Inbox(), servers.free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    shared = {"DATABASE_URL": os.environ["DATABASE_URL"], "REDIS_URL": REDIS,
              "SECRET_KEY": secrets.token_hex(32), "RQ_QUEUE": "test-" + uuid.uuid4().hex[:8],
              "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}"}
    processes, bases = [], []
    try:
        for name in ("a", "b"):  # each server its own instance folder: nothing shared on disk
            (tmp_path / name).mkdir()
            env = servers.environment(READINESS_INSTANCE=str(tmp_path / name), **shared)
            port, log = servers.free_port(), tmp_path / f"{name}.log"
            process = servers.gunicorn(port, env, log)
            processes.append(process)
            bases.append((f"http://127.0.0.1:{port}", process, log))
        (tmp_path / "w").mkdir()
        worker_log = tmp_path / "worker.log"
        processes.append(servers.worker(
            servers.environment(READINESS_INSTANCE=str(tmp_path / "w"), **shared), worker_log))
        for base, process, log in bases:
            servers.wait_healthy(base, process, log)
        yield demo, bases[0][0], bases[1][0], tmp_path, worker_log, inbox
    finally:
        for process in processes:
            servers.stop(process)
        smtp.stop()


def test_a_report_asked_on_one_server_is_polled_and_downloaded_on_the_other(deployment):
    demo, server_a, server_b, folder, worker_log, _inbox = deployment
    health = json.loads(servers.Client().request(server_b + "/healthz")[2])
    assert health == {"status": "ok", "database": "ok", "redis": "ok"}
    client = servers.Client()
    assert client.login(server_a, demo.email, demo.password) == 302
    report = f"/engagements/{demo.engagement_id}/report"
    status, headers, _body = client.request(
        server_a + report, {"csrf_token": client.csrf(server_a + report), "lang": "en",
                            "format": "pdf"})
    assert status == 302
    job = headers["Location"].split("job=")[1]
    stages = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status, _headers, body = client.request(f"{server_b}{report}/{job}.json")
        assert status == 200
        state = json.loads(body)
        stages.append(state["stage"])
        if state["status"] != "running":
            break
        time.sleep(0.5)
    assert state["status"] == "done", (state, worker_log.read_text()[-3000:])
    status, headers, pdf = client.request(f"{server_b}{report}/{job}.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF") and len(pdf) == state["size"]
    # Server B's report page lists the job too; neither server keeps reports in its instance.
    assert job in client.request(server_b + report)[2].decode()
    assert not (folder / "a" / "reports").exists() and not (folder / "b" / "reports").exists()
    assert "report job finished" in worker_log.read_text()


def test_a_login_throttle_reached_on_one_server_holds_on_the_other(deployment):
    _demo, server_a, server_b, _folder, _log, _inbox = deployment
    email = f"guess-{uuid.uuid4().hex[:8]}@example.com"
    client = servers.Client()
    token = client.csrf(server_a + "/auth/login")

    def attempt(base: str) -> int:
        return client.request(base + "/auth/login", {"csrf_token": token, "email": email,
                                                     "password": "wrong password"})[0]

    # The limit is five wrong passwords per address and account, counted once for all servers.
    assert [attempt(server_a) for _ in range(4)] == [401] * 4
    assert attempt(server_b) == 401  # the fifth failure, on the other server
    assert attempt(server_b) == 429
    assert attempt(server_a) == 429


def test_invitations_asked_on_one_server_are_sent_by_the_worker(deployment):
    demo, server_a, _server_b, _folder, worker_log, inbox = deployment
    client = servers.Client()
    assert client.login(server_a, demo.email, demo.password) == 302
    roster = f"{server_a}/engagements/{demo.engagement_id}/respondents"
    status, _headers, _body = client.request(roster + "/email/invitations",
                                             {"csrf_token": client.csrf(roster)})
    assert status == 302
    deadline = time.monotonic() + 60
    while not inbox.to("mail.person@example.com") and time.monotonic() < deadline:
        time.sleep(0.3)
    assert inbox.to("mail.person@example.com"), worker_log.read_text()[-3000:]
    assert "deliver_rq_job" in worker_log.read_text()  # RQ's own line for the job it ran
