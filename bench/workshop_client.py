"""Helpers for bench/workshop.py: a keep-alive HTTP client with cookies, the gunicorn server,
the facilitator and participants, the projector (polling or streaming), and result arithmetic
(the phones: workshop_phones.py)."""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PHONE_POLL_S = 1.5


class Client:
    """One keep-alive connection with its own cookies (one phone, or the laptop)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.csrf = ""

    def request(self, method, path, form=None, body=None, headers=None):
        headers = dict(headers or {})
        payload = None
        if form is not None:
            payload = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            payload = json.dumps(body)
            headers.update({"Content-Type": "application/json", "Accept": "application/json",
                            "X-CSRFToken": self.csrf})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, payload, headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (TimeoutError, http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, data.decode("utf-8", "replace")


def csrf_in(html: str) -> str:
    match = (re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
             or re.search(r'name="csrf_token" value="([^"]+)"', html)
             or re.search(r'data-csrf="([^"]+)"', html))
    if not match:
        raise RuntimeError("no CSRF token in page")
    return match.group(1)


def prepare_database(tmp: Path) -> tuple[int, str, str]:
    os.environ.update({"READINESS_INSTANCE": str(tmp / "instance"),
                       "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}",
                       "SECRET_KEY": "bench-" + os.urandom(16).hex()})
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.demo import load_demo
    from readiness.extensions import db

    app = create_app()
    with app.app_context():
        upgrade()
        demo = load_demo()
        db.session.commit()
        db.engine.dispose()
    return demo.engagement_id, demo.email, demo.password


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, threads: int, app: str = "bench.workshop:make_app()",
                 probe: str = "/auth/login", timeout: float = 30) -> subprocess.Popen:
    """gunicorn serving `app` in its own session (stop_server ends the whole group), once `probe`
    answers 200 or 404."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--chdir", str(ROOT), "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--threads", str(threads), "--log-level", os.environ.get("BENCH_LOG", "warning"), app],
        env=os.environ.copy(), start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Client(port).request("GET", probe)[0] in (200, 404):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"gunicorn did not start: {app}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def facilitator(port, engagement_id, email, password):
    laptop = Client(port)
    _, page = laptop.request("GET", "/auth/login")
    status, _ = laptop.request("POST", "/auth/login", form={
        "email": email, "password": password, "csrf_token": csrf_in(page)})
    assert status == 302, f"login failed ({status})"
    _, page = laptop.request("GET", f"/engagements/{engagement_id}/workshops")
    status, _ = laptop.request("POST", f"/engagements/{engagement_id}/workshops",
                               form={"votes": "3", "csrf_token": csrf_in(page)})
    assert status == 302
    _, page = laptop.request("GET", f"/engagements/{engagement_id}/workshops")
    session_id = int(re.search(r"/workshops/(\d+)\"", page).group(1))
    console = f"/engagements/{engagement_id}/workshops/{session_id}"
    _, page = laptop.request("GET", console)
    status, _ = laptop.request("POST", console + "/control",
                               form={"action": "voting", "csrf_token": csrf_in(page)})
    assert status == 302
    _, state = laptop.request("GET", console + "/state")
    state = json.loads(state)
    return laptop, console, state["code"], [p["id"] for p in state["voting"]["pains"]]


def join(port, code, index):
    phone = Client(port)
    _, page = phone.request("GET", f"/w/{code}")
    status, _ = phone.request("POST", f"/w/{code}/join", form={
        "csrf_token": csrf_in(page), "display_name": f"Participant {index}",
        "role": ("executive", "manager", "front_line", "it", "other")[index % 5]})
    assert status == 302, f"join failed ({status})"
    _, page = phone.request("GET", f"/w/{code}")
    phone.csrf = csrf_in(page)
    phone.stage = int(re.search(r'data-version="(\d+)"', page).group(1))
    return phone


class Projector(threading.Thread):
    """Polls like workshop.js: GET state?v=<version> every `interval` s; logs every poll."""

    def __init__(self, laptop: Client, url: str, interval: float):
        super().__init__(daemon=True)
        self.laptop, self.url, self.interval = laptop, url, interval
        self.polls: list[tuple[float, float, int]] = []  # (started, answered, votes shown)
        self.version, self.shown = 0, 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            status, text = self.laptop.request("GET", f"{self.url}?v={self.version}")
            if status == 200:
                state = json.loads(text)
                self.version = state["version"]
                self.shown = state.get("voting", {}).get("votes_cast", self.shown)
            self.polls.append((started, time.perf_counter(), self.shown))
            self.stop.wait(max(0.0, self.interval - (time.perf_counter() - started)))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def stored_votes(database: Path, session_id: int):
    import sqlite3

    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT participant_id, pain_point_id FROM workshop_vote "
                            "WHERE session_id = ?", (session_id,)).fetchall()
    return rows


class StreamProjector(threading.Thread):
    """The projector as workshop.js follows it: an EventSource-like reader of /events; every
    `state` event is logged with its arrival time; on `bye` it reconnects at once with
    Last-Event-ID. Logs (arrived, arrived, votes shown) like Projector.polls."""

    def __init__(self, laptop: Client, url: str):
        super().__init__(daemon=True)
        self.laptop, self.url = laptop, url
        self.polls: list[tuple[float, float, int]] = []
        self.version, self.shown, self.streams = 0, 0, 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            conn = http.client.HTTPConnection("127.0.0.1", self.laptop.port, timeout=15)
            headers = {"Accept": "text/event-stream",
                       "Cookie": "; ".join(f"{k}={v}" for k, v in self.laptop.cookies.items())}
            if self.version:
                headers["Last-Event-ID"] = str(self.version)
            try:
                conn.request("GET", self.url, headers=headers)
                response = conn.getresponse()
                self.streams += 1
                event, data = "", ""
                while not self.stop.is_set():
                    line = response.fp.readline()
                    if not line:
                        break
                    line = line.decode("utf-8").rstrip("\n")
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
                    elif line == "":
                        if event == "state":
                            state = json.loads(data)
                            self.version = state["version"]
                            self.shown = state.get("voting", {}).get("votes_cast", self.shown)
                            now = time.perf_counter()
                            self.polls.append((now, now, self.shown))
                        if event == "bye":
                            break
                        event, data = "", ""
            except (OSError, http.client.HTTPException, ValueError):
                self.stop.wait(0.2)
            finally:
                conn.close()


def shown_latencies(votes, observations):
    """For the k-th acknowledged vote (all k were committed by then): the time from sending it
    to the first projector observation, after it was sent, that shows at least k votes."""
    accepted = sorted((v for v in votes if v[2] == 200), key=lambda v: v[1])
    out = []
    for k, (sent, acked, _status, _id) in enumerate(accepted, start=1):
        seen = next((end for _start, end, shown in observations if end >= sent and shown >= k),
                    None)
        if seen is not None:
            out.append((seen - sent, seen - acked))
    return out
