"""Report generation (PDF or PowerPoint) off the request path, its state in the database.

Where a report renders:
- REDIS_URL set (several machines): an RQ job on the RQ_QUEUE queue, run by any `readiness
  worker` (readiness/worker.py), which keeps its chromium warm between jobs;
- otherwise (one machine): a single worker process per web worker (spawned once, kept alive), so a
  5-second WeasyPrint run never holds the web workers' GIL, and its chromium stays warm too.

Either way the job's state and the rendered file live in the report_job table (models.py), so
whichever app server the browser polls reads the same progress and serves the same file.
"""
from __future__ import annotations

import logging
import multiprocessing
import secrets
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app

from .. import create_app, redis_conn
from ..auth.models import utcnow
from ..engagements.models import Engagement
from ..extensions import db
from .models import ReportJob
from .services import render_pdf, warm_up

if TYPE_CHECKING:
    from flask import Flask

logger = logging.getLogger(__name__)

STAGES = ("queued", "scores", "charts", "layout", "done")
#: format -> content type; the format is also the file's extension.
FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
#: Length of secrets.token_urlsafe(16), the only job ids there are.
JOB_ID_LENGTH = 22
#: A job still "running" without news for this long died with its worker: it no longer counts.
STALE_SECONDS = 600
#: Reports older than this are deleted when the next one starts (they are re-rendered in seconds).
KEEP_DAYS = 30
#: An RQ job longer than this is stopped by the worker (a report takes seconds).
RQ_TIMEOUT = 600


def renderer(fmt: str):
    """render_pdf or render_pptx (same signature). python-pptx is imported on first use (~0.5 s):
    the web workers, which import this module for FORMATS, never pay for it."""
    if fmt == "pptx":
        from .slides import render_pptx

        return render_pptx
    return render_pdf


_executor: ProcessPoolExecutor | None = None
_lock = threading.Lock()
_worker_app: Flask | None = None


def valid_id(job_id: str) -> bool:
    """Could this be a job id? Any other length or character is a 404 without a query."""
    return (len(job_id) == JOB_ID_LENGTH and job_id.isascii()
            and job_id.replace("-", "").replace("_", "").isalnum())


def get(job_id: str) -> ReportJob | None:
    return db.session.get(ReportJob, job_id) if valid_id(job_id) else None


def _set(app: Flask, job_id: str, **values) -> None:
    """Record progress on a connection of its own: committing the render's session would expire
    everything it has loaded, and a poller on any server sees the stage at once."""
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.update(ReportJob).where(ReportJob.id == job_id)
                     .values(updated_at=utcnow(), **values))


def _render(app: Flask, job_id: str) -> None:
    # The job id names a downloadable file: it is never logged; the engagement id is.
    started = time.perf_counter()
    with app.app_context():
        try:
            job = db.session.get(ReportJob, job_id)
            if job is None:  # deleted with its engagement while it waited
                return
            engagement_id, lang, fmt, copy = job.engagement_id, job.lang, job.format, job.working_copy
            logger.info("report job started: engagement %s, %s %s%s", engagement_id, lang, fmt,
                        " (working copy)" if copy else "")
            try:
                engagement = db.session.get_one(Engagement, engagement_id)
                data = renderer(fmt)(engagement, lang,
                                     progress=lambda stage: _set(app, job_id, stage=stage),
                                     working_copy=copy)
            except Exception as exc:  # the page shows the reason; the worker stays up
                logger.exception("report job failed: engagement %s, %s %s, after %.1f s",
                                 engagement_id, lang, fmt, time.perf_counter() - started)
                _set(app, job_id, stage="failed", status="failed", error=str(exc)[:500])
                return
            _set(app, job_id, stage="done", status="done", size=len(data), content=data)
            logger.info("report job finished: engagement %s, %s %s, %d bytes in %.1f s",
                        engagement_id, lang, fmt, len(data), time.perf_counter() - started)
        finally:
            db.session.remove()


def run_rq_job(job_id: str) -> None:
    """The RQ job: `readiness worker` runs it inside its app context."""
    _render(current_app._get_current_object(), job_id)  # type: ignore[attr-defined]


def _init_worker(config: dict) -> None:
    from ..lifeline import die_with_parent

    die_with_parent()  # a server killed with -9 takes this worker and its chromium along
    global _worker_app
    _worker_app = create_app(config)
    threading.Thread(target=warm_up, args=(config["CHROMIUM_PATH"],), daemon=True).start()


def _run_in_pool(job_id: str) -> None:
    if _worker_app is None:
        raise RuntimeError("the report worker has no app (initializer not run)")
    _render(_worker_app, job_id)


def _pool(config: dict) -> ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(config,))
            _stop_with_this_process(_executor)
        return _executor


def _stop_with_this_process(executor: ProcessPoolExecutor) -> None:
    """When this web worker exits (its gunicorn master gone, a restart), stop the report worker at
    once rather than wait for the report it renders: concurrent.futures' own exit hook would
    join it first, and a web worker stuck in that join keeps its whole tree alive. Registered
    after that hook, so it runs before it (threading runs these hooks last registered first)."""
    register = getattr(threading, "_register_atexit", None)
    if register is None:  # a Python without the hook: the report worker's lifeline still works
        return

    def stop() -> None:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()  # SIGTERM: the worker's lifeline ends chromium, then itself
        executor.shutdown(wait=False, cancel_futures=True)

    register(stop)


def _pool_config(app: Flask) -> dict:
    return {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "CHROMIUM_PATH",
                                             "SECRET_KEY")}


def prestart(app: Flask) -> None:
    """Spawn the report worker now (it warms chromium up), so the first report is not cold. With
    a Redis the `readiness worker` processes render, and the web server starts none."""
    if not redis_conn.redis_url(app):
        _pool(_pool_config(app)).submit(int)


def _running_query(user_id: int):
    fresh = utcnow() - timedelta(seconds=STALE_SECONDS)
    return (sa.select(ReportJob).options(so.defer(ReportJob.content))
            .where(ReportJob.user_id == user_id, ReportJob.status == "running",
                   ReportJob.updated_at > fresh)
            .order_by(ReportJob.created_at, ReportJob.id))


def running_job(user_id: int) -> ReportJob | None:
    """The job `user_id` has running, if any: one at a time per account, so nobody, a client
    viewer included, can queue reports faster than the workers render them."""
    return db.session.scalars(_running_query(user_id).limit(1)).first()


class AlreadyRunning(Exception):
    def __init__(self, job: ReportJob):
        super().__init__("a report of this account is still running")
        self.job = job


def start(app: Flask, engagement_id: int, lang: str, user_id: int, *, fmt: str = "pdf",
          working_copy: bool = False) -> str:
    """Queue a report; returns the job id (unguessable: it names a downloadable file). Raises
    AlreadyRunning while the account has another report running."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    running = running_job(user_id)
    if running is not None:
        raise AlreadyRunning(running)
    db.session.execute(sa.delete(ReportJob).where(
        ReportJob.created_at < utcnow() - timedelta(days=KEEP_DAYS)))
    job_id = secrets.token_urlsafe(16)
    db.session.add(ReportJob(id=job_id, engagement_id=engagement_id, user_id=user_id, lang=lang,
                             format=fmt, working_copy=working_copy, status="running",
                             stage="queued"))
    db.session.commit()
    # Claim, then check: two servers starting at once both see both rows and keep the earlier.
    first = running_job(user_id)
    if first is not None and first.id != job_id:
        db.session.execute(sa.delete(ReportJob).where(ReportJob.id == job_id))
        db.session.commit()
        raise AlreadyRunning(first)
    queue = redis_conn.queue(app)
    if app.config.get("REPORTS_INLINE"):  # tests: render in the request thread
        _render(app, job_id)
    elif queue is not None:
        queue.enqueue("readiness.report.jobs.run_rq_job", job_id, job_timeout=RQ_TIMEOUT,
                      result_ttl=0, failure_ttl=7 * 86400)
    else:
        _pool(_pool_config(app)).submit(_run_in_pool, job_id)
    return job_id


def recent(engagement_id: int, limit: int = 10) -> list[ReportJob]:
    return list(db.session.scalars(
        sa.select(ReportJob).options(so.defer(ReportJob.content))
        .where(ReportJob.engagement_id == engagement_id)
        .order_by(ReportJob.created_at.desc(), ReportJob.id).limit(limit)))
