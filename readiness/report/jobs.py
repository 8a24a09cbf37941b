"""Report generation (PDF or PowerPoint) off the request path.

A single worker process (spawned once, kept alive) renders reports, so a 5-second WeasyPrint run
never holds the web workers' GIL, and its chromium stays warm for the next report. Job state lives
in small JSON files under instance/reports/, which every gunicorn worker can read; the rendered
file sits beside it, named by the job id and the format's extension.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import secrets
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from .. import create_app
from ..engagements.models import Engagement
from ..extensions import db
from .services import render_pdf, warm_up

if TYPE_CHECKING:
    from flask import Flask

logger = logging.getLogger(__name__)

STAGES = ("queued", "scores", "charts", "layout", "done")
#: format -> content type; the format is also the file's extension.
FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def renderer(fmt: str):
    """render_pdf or render_pptx (same signature). python-pptx is imported on first use (~0.5 s):
    the web workers, which import this module for FORMATS, never pay for it."""
    if fmt == "pptx":
        from .slides import render_pptx

        return render_pptx
    return render_pdf
_executor: ProcessPoolExecutor | None = None
_lock = threading.Lock()
_start_lock = threading.Lock()
_worker_app: Flask | None = None


def jobs_dir(instance_path: str) -> Path:
    path = Path(instance_path) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_state(directory: Path, job_id: str, **state) -> None:
    path = directory / f"{job_id}.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    current.update(state, updated=time.time())
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(current))
    os.replace(tmp, path)  # atomic: a poller never reads half a file


#: Length of secrets.token_urlsafe(16), the only job ids there are.
JOB_ID_LENGTH = 22
#: A job still "running" after this long died with its worker: it no longer counts as running.
STALE_SECONDS = 600


def read_state(instance_path: str, job_id: str) -> dict | None:
    """A job's state, or None for an id no job can have (any length or characters: no OSError)."""
    if len(job_id) != JOB_ID_LENGTH or not job_id.isascii() \
            or not job_id.replace("-", "").replace("_", "").isalnum():
        return None
    path = jobs_dir(instance_path) / f"{job_id}.json"
    return json.loads(path.read_text()) if path.exists() else None


def output_path(instance_path: str, job_id: str, fmt: str = "pdf") -> Path:
    if fmt not in FORMATS:  # the extension comes from the job's own state, never from a URL
        raise ValueError(f"unknown report format {fmt!r}")
    return jobs_dir(instance_path) / f"{job_id}.{fmt}"


def _init_worker(config: dict) -> None:
    global _worker_app
    _worker_app = create_app(config)
    threading.Thread(target=warm_up, args=(config["CHROMIUM_PATH"],), daemon=True).start()


def _render(directory: str, job_id: str, engagement_id: int, lang: str, fmt: str = "pdf",
            working_copy: bool = False) -> None:
    # The job id names a downloadable file: it is never logged; the engagement id is.
    folder = Path(directory)
    started = time.perf_counter()
    render = renderer(fmt)
    logger.info("report job started: engagement %s, %s %s%s", engagement_id, lang, fmt,
                " (working copy)" if working_copy else "")
    try:
        if _worker_app is None:
            raise RuntimeError("the report worker has no app (initializer not run)")
        with _worker_app.app_context():
            engagement = db.session.get_one(Engagement, engagement_id)
            data = render(engagement, lang,
                          progress=lambda stage: _write_state(folder, job_id, stage=stage),
                          working_copy=working_copy)
            db.session.remove()
        (folder / f"{job_id}.{fmt}").write_bytes(data)
        _write_state(folder, job_id, stage="done", status="done", size=len(data))
        logger.info("report job finished: engagement %s, %s %s, %d bytes in %.1f s",
                    engagement_id, lang, fmt, len(data), time.perf_counter() - started)
    except Exception as exc:  # the page shows the reason; the worker stays up for the next job
        logger.exception("report job failed: engagement %s, %s, after %.1f s", engagement_id, lang,
                         time.perf_counter() - started)
        _write_state(folder, job_id, stage="failed", status="failed", error=str(exc)[:500])


def _pool(config: dict) -> ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(config,))
        return _executor


def prestart(app) -> None:
    """Spawn the report worker now (it warms chromium up), so the first report is not cold."""
    config = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "CHROMIUM_PATH", "SECRET_KEY")}
    _pool(config).submit(int)


def running_job(instance_path: str, user_id: int) -> dict | None:
    """The job `user_id` has running (id included), if any: one at a time per account, so nobody,
    a client viewer included, can queue reports faster than the single worker renders them."""
    now = time.time()
    for path in jobs_dir(instance_path).glob("*.json"):
        try:
            state = json.loads(path.read_text())
        except (OSError, ValueError):  # being replaced by the worker this instant
            continue
        if state.get("user_id") == user_id and state.get("status") == "running" \
                and now - state.get("updated", 0) < STALE_SECONDS:
            return dict(state, id=path.stem)
    return None


class AlreadyRunning(Exception):
    def __init__(self, job: dict):
        super().__init__("a report of this account is still running")
        self.job = job


def start(app, engagement_id: int, lang: str, user_id: int, *, fmt: str = "pdf",
          working_copy: bool = False) -> str:
    """Queue a report; returns the job id (unguessable: it names a downloadable file). Raises
    AlreadyRunning while the account has another report running."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    directory = jobs_dir(app.instance_path)
    job_id = secrets.token_urlsafe(16)
    with _start_lock:  # check and claim together (one process; see running_job for the rest)
        running = running_job(app.instance_path, user_id)
        if running is not None:
            raise AlreadyRunning(running)
        _write_state(directory, job_id, status="running", stage="queued",
                     engagement_id=engagement_id, lang=lang, user_id=user_id, created=time.time(),
                     format=fmt, working_copy=working_copy)
    config = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "CHROMIUM_PATH",
                                               "SECRET_KEY")}
    if app.config.get("REPORTS_INLINE"):  # tests without a process pool
        global _worker_app
        _worker_app = app
        _render(str(directory), job_id, engagement_id, lang, fmt, working_copy)
    else:
        _pool(config).submit(_render, str(directory), job_id, engagement_id, lang, fmt,
                             working_copy)
    return job_id


def recent(instance_path: str, engagement_id: int, limit: int = 10) -> list[dict]:
    states = []
    for path in jobs_dir(instance_path).glob("*.json"):
        state = json.loads(path.read_text())
        if state.get("engagement_id") == engagement_id:
            created = time.strftime("%Y-%m-%d %H:%M", time.gmtime(state.get("created", 0)))
            # Jobs from before the PowerPoint export have no format: they were PDFs.
            states.append(dict(state, id=path.stem, created_text=created + " UTC",
                               format=state.get("format", "pdf"),
                               working_copy=bool(state.get("working_copy"))))
    return sorted(states, key=lambda s: s.get("created", 0), reverse=True)[:limit]
