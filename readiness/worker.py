"""`readiness worker`: run the queued work of a several-machine deployment (README, Deployment).

With REDIS_URL set, the app servers put report rendering (PDF and slides) and email delivery on
the RQ queue (RQ_QUEUE, default `readiness`); any number of these workers, on any machine sharing
DATABASE_URL and REDIS_URL, take the jobs. A worker runs its jobs in its own process, one after
another (RQ's SimpleWorker, not a fork per job): chromium, started once for the charts, stays warm
for the next report, and WeasyPrint's fonts stay loaded.
"""
from __future__ import annotations

import atexit
import logging
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from . import redis_conn

logger = logging.getLogger(__name__)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (scripts, tests).")
@click.option("--no-warm-up", is_flag=True, help="Do not start chromium before the first job.")
@with_appcontext
def worker_command(burst: bool, no_warm_up: bool):
    """Render reports and send email queued by the app servers (needs REDIS_URL)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    connection = redis_conn.client(app)
    if connection is None:
        raise click.ClickException(
            "REDIS_URL is not set: without a Redis, each app server renders its reports and "
            "sends its email itself (README, Deployment)")
    from rq import Queue, SimpleWorker

    from .lifeline import kill_descendants
    from .report.services import warm_up

    # However the worker ends (SIGTERM from systemd included), chromium does not outlive it.
    atexit.register(kill_descendants)
    if not no_warm_up:
        threading.Thread(target=warm_up, args=(app.config["CHROMIUM_PATH"],), daemon=True).start()
    name = redis_conn.queue_name(app)
    worker = SimpleWorker([Queue(name, connection=connection)], connection=connection)
    logger.info("worker %s listening on queue %r", worker.name, name)
    level = logging.getLevelName(logging.getLogger("readiness").getEffectiveLevel())
    worker.work(burst=burst, logging_level=level)
