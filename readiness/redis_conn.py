"""The shared Redis of a several-machine deployment (REDIS_URL), or None on one machine.

One client per URL and process: redis-py pools its connections and opens new ones after a fork,
so gunicorn workers, the RQ worker and the limits storage can all share it.
"""
from __future__ import annotations

import threading

from flask import Flask, current_app

_clients: dict = {}
_lock = threading.Lock()


def redis_url(app: Flask | None = None) -> str:
    return str((app or current_app).config.get("REDIS_URL") or "")


def client(app: Flask | None = None):
    """A redis.Redis for REDIS_URL, or None when the deployment has no Redis."""
    url = redis_url(app)
    if not url:
        return None
    with _lock:
        if url not in _clients:
            import redis  # lazy: one-machine deployments never load it

            # Timeouts: a page waiting on a Redis that went away answers instead of hanging.
            _clients[url] = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5,
                                                 health_check_interval=30)
        return _clients[url]


def queue_name(app: Flask | None = None) -> str:
    """The RQ queue every app server fills and every `readiness worker` empties (RQ_QUEUE)."""
    return str((app or current_app).config.get("RQ_QUEUE") or "readiness")


def queue(app: Flask | None = None):
    """The RQ queue, or None without Redis (work then runs in this process tree)."""
    connection = client(app)
    if connection is None:
        return None
    from rq import Queue

    return Queue(queue_name(app), connection=connection)
