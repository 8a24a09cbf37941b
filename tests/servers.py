"""Real servers for the deployment tests (tests/ops/test_orphans.py, tests/multiserver): gunicorn
and `readiness worker` as subprocesses of this checkout, a browser-like HTTP client, and the
processes a test started, found by a tag in their environment (chromium runs in a session of its
own, so neither process groups nor sessions find it)."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(**values: str) -> dict[str, str]:
    """This environment without DATABASE_URL/REDIS_URL, this checkout first on the path, a tag."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "RQ_QUEUE")}
    env.update(PYTHONPATH=str(ROOT), READINESS_TEST_TAG=uuid.uuid4().hex, **values)
    return env


def gunicorn(port: int, env: dict[str, str], log: Path, workers: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [str(GUNICORN), "--workers", str(workers), "--threads", "4", "--bind",
         f"127.0.0.1:{port}", "--log-level", "info", "readiness.wsgi:app"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True)


def worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from readiness.cli import main; main()", "worker"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True)


def tagged(tag: str) -> list[int]:
    """Live processes (zombies left out) whose environment carries READINESS_TEST_TAG=tag."""
    needle = f"READINESS_TEST_TAG={tag}".encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
            with open(f"/proc/{name}/environ", "rb") as environ:
                if needle in environ.read().split(b"\0") and state != b"Z":
                    found.append(int(name))
        except OSError:
            continue
    return found


def command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")[:120]
    except OSError:
        return "?"


class Client:
    """Cookies shared across servers (cookies ignore ports, as a browser does behind one name)."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect())

    def request(self, url: str, data: dict | None = None, timeout: float = 60):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def csrf(self, url: str) -> str:
        _status, _headers, body = self.request(url)
        match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body)
        assert match, f"no CSRF token on {url}"
        return match.group(1).decode()

    def login(self, base: str, email: str, password: str) -> int:
        token = self.csrf(base + "/auth/login")
        return self.request(base + "/auth/login", {"csrf_token": token, "email": email,
                                                   "password": password})[0]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def wait_healthy(base: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} not healthy after {timeout} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
