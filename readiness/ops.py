"""What an operator needs from every server: `/healthz` for the load balancer, and one log line per
request (the access log; gunicorn's own would print respondents' and participants' link tokens).
"""
from __future__ import annotations

import logging
import time

import sqlalchemy as sa
from flask import Flask, g, jsonify, request

from . import redis_conn
from .extensions import db

logger = logging.getLogger(__name__)
access = logging.getLogger("readiness.access")
MASK = "…"


def logged_path() -> str:
    """The request's path without its query string, every URL variable that is not a number
    masked: respondent and calendar tokens, workshop join codes and report job ids are secrets
    that sit in paths. A path no route matched keeps its first segment only."""
    path = request.path
    if request.url_rule is None:
        first = path.split("/", 2)[1] if path.count("/") else ""
        return "/" + first + ("/" + MASK if path.rstrip("/") != "/" + first else "")
    secrets = [v for v in (request.view_args or {}).values() if isinstance(v, str) and v]
    segments = path.split("/")
    for i, segment in enumerate(segments):
        for value in secrets:
            if segment == value or segment.startswith(value + "."):  # /calendar/<token>.ics
                segments[i] = MASK + segment[len(value):]
    return "/".join(segments)


def _healthz():
    """200 when the database (and the Redis, when one is configured) answers; 503 naming the part
    that does not. No login, no details: exception texts may hold host names and passwords."""
    checks: dict[str, str] = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:
        logger.warning("healthz: the database does not answer", exc_info=True)
        checks["database"] = "unavailable"
    finally:
        db.session.rollback()
    connection = redis_conn.client()
    if connection is None:
        checks["redis"] = "not configured"
    else:
        try:
            connection.ping()
            checks["redis"] = "ok"
        except Exception:
            logger.warning("healthz: Redis does not answer", exc_info=True)
            checks["redis"] = "unavailable"
    failing = [name for name, state in checks.items() if state == "unavailable"]
    body = dict(checks, status="failing" if failing else "ok")
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 503 if failing else 200


def init_ops(app: Flask) -> None:
    app.add_url_rule("/healthz", "healthz", _healthz)

    @app.before_request
    def _started():
        g.request_started = time.perf_counter()

    @app.after_request
    def _access_line(response):
        started = g.get("request_started")
        elapsed = (time.perf_counter() - started) * 1000 if started is not None else 0.0
        access.info("%s %s %s %.0f ms", request.method, logged_path(), response.status_code,
                    elapsed)
        return response
