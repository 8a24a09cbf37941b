"""Issue 12: a crash leaves no orphans. gunicorn (the embedded default: SQLite, report worker per
web worker) renders a report, so the report worker and its chromium run; then the server is killed
with -9, its master alone or its whole process group, and within seconds no process it started
(found by a tag in their environment: chromium runs in a session of its own) is left."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import time

import pytest

from tests import servers

pytestmark = pytest.mark.pdf  # starts chromium through a real report


def _chromiums(tag: str) -> int:
    return sum("chromium" in servers.command_line(pid) for pid in servers.tagged(tag))


@pytest.mark.parametrize("kill", ["master", "group"])
def test_kill_9_of_gunicorn_leaves_no_process_behind(tmp_path, _templates, kill):
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copyfile(_templates["demo"], instance / "readiness.sqlite")
    demo = _templates["demo_result"]
    env = servers.environment(READINESS_INSTANCE=str(instance))
    tag, port, log = env["READINESS_TEST_TAG"], servers.free_port(), tmp_path / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    server = servers.gunicorn(port, env, log, workers=2)
    try:
        servers.wait_healthy(base, server, log)
        client = servers.Client()
        assert client.login(base, demo.email, demo.password) == 302
        report = f"{base}/engagements/{demo.engagement_id}/report"
        status, headers, _body = client.request(report, {"csrf_token": client.csrf(report),
                                                         "lang": "en", "format": "pdf"})
        assert status == 302
        job = headers["Location"].split("job=")[1]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the report runs and chromium is up
            state = json.loads(client.request(f"{report}/{job}.json")[2])
            if state["stage"] != "queued" and _chromiums(tag) >= 2:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the report never started its chromium: {state}\n{log.read_text()[-2000:]}")
        assert len(servers.tagged(tag)) >= 6
        if kill == "group":
            os.killpg(server.pid, signal.SIGKILL)
        else:
            os.kill(server.pid, signal.SIGKILL)
        server.wait(5)
        # The master alone: its web workers notice within a second or two, then stop their report
        # worker on the way out; measured 0.5-5.5 s on a loaded machine (load average 13).
        deadline = time.monotonic() + 15
        while servers.tagged(tag) and time.monotonic() < deadline:
            time.sleep(0.25)
        left = servers.tagged(tag)
        assert not left, "left behind:\n" + "\n".join(servers.command_line(p) for p in left)
    finally:
        for pid in servers.tagged(tag):  # never leave them to the next test
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        servers.stop(server)
