"""Push for the projector and the console: a change to a session is published after its commit
(never before: a stream woken early would read the old state), and an event stream sends the
new state when the session's version moved.

Each open stream holds a server thread (gunicorn gthread). The projector and the console are a
handful per session; the phones' streams (phone_live.py) are many, so they have a per-process cap
that keeps threads free for votes and saves (phone_live.py's docstring has the thread budget).
Streams end after STREAM_SECONDS so their thread is released and a stuck client cannot hold one;
the browser opens the next at once.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, has_app_context

from .. import redis_conn
from ..extensions import db
from .models import WorkshopSession
from .pubsub import MemoryBroker, RedisBroker, channel_for, make_broker, stage_channel_for

#: A stream's life; the client reconnects (same thread budget, fresh request).
STREAM_SECONDS = 25.0
#: How often a stream looks at the database without a notification: changes made in another
#: gunicorn worker (no Redis) arrive within this; with Redis every process is notified at once.
#: The projector and console streams are a handful per session, so a one-row read every 0.1 s is
#: cheap; it is most of the wait between the last vote of a burst and the projector showing it
#: (the 0.5 s target is from the phone sending the vote: bench/workshop.py).
RECHECK_MEMORY = 0.1
RECHECK_REDIS = 2.0
#: At most one state event per this interval: 200 votes in a second become a few renders of the
#: stage, not 200 (each render reads the room and renders its HTML: CPU a busy server needs for
#: the votes themselves: one render is about 5 ms, so at most 5% of a core). A change is still on
#: the screen well within the 0.5 s target.
MIN_INTERVAL = 0.1
#: A comment line this often keeps proxies from closing an idle stream.
HEARTBEAT_SECONDS = 10.0
_KEY = "workshop_broker"
_CHANGED = "workshop_changed"
_lock = threading.Lock()


def broker() -> MemoryBroker:
    """This process's broker, made on first use (after gunicorn forked: a listener thread must
    belong to the worker that uses it)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get(_KEY)
    if found is None:
        with _lock:
            found = app.extensions.get(_KEY)
            if found is None:
                found = app.extensions[_KEY] = make_broker(redis_conn.redis_url(app) or None)
    return found


def changed(session_id: int, stage: bool = False) -> None:
    """Remember that this transaction changed the session (and, with `stage`, what the phones
    show); published when it commits."""
    channels = db.session.info.setdefault(_CHANGED, set())
    channels.add(channel_for(session_id))
    if stage:
        channels.add(stage_channel_for(session_id))


@sa.event.listens_for(so.Session, "after_commit")
def _publish(session: so.Session) -> None:
    channels = session.info.pop(_CHANGED, None)
    if channels and has_app_context():
        b = broker()
        for channel in sorted(channels):
            b.publish(channel)


@sa.event.listens_for(so.Session, "after_rollback")
def _forget(session: so.Session) -> None:
    session.info.pop(_CHANGED, None)


def sse(event: str, data: dict, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def stream(session_id: int, seen_version: int | None, render: Callable[[], dict],
           seconds: float | None = None) -> Iterator[str]:
    """Events for one screen: `state` (render()'s dict) whenever the session's version differs
    from the last one sent, then `bye` after `seconds` or when the session closed."""
    seconds = STREAM_SECONDS if seconds is None else seconds
    b = broker()
    channel = channel_for(session_id)
    recheck = RECHECK_REDIS if isinstance(b, RedisBroker) else RECHECK_MEMORY
    counter = b.counter(channel)
    started = last_sent = time.monotonic()
    last_state = 0.0
    status = ""
    yield "retry: 500\n\n"
    try:
        while True:
            db.session.rollback()  # end the read transaction: the next read sees new commits
            row = db.session.execute(sa.select(WorkshopSession.version, WorkshopSession.status)
                                     .where(WorkshopSession.id == session_id)).first()
            if row is None:
                break
            version, status = row
            if version != seen_version:
                pause = last_state + MIN_INTERVAL - time.monotonic()
                if pause > 0:  # a burst: let it gather, then show it in one event
                    time.sleep(pause)
                    continue
                data = render()
                last_state = time.monotonic()
                seen_version = data.get("version", version)
                yield sse("state", data, seen_version)
                last_sent = time.monotonic()
            if status == "closed":
                break
            now = time.monotonic()
            if now - started >= seconds:
                break
            if now - last_sent >= HEARTBEAT_SECONDS:
                yield ": keep-alive\n\n"
                last_sent = now
            db.session.rollback()  # hold no connection while waiting
            counter = b.wait(channel, counter, min(recheck, seconds - (now - started)))
        yield sse("bye", {"version": seen_version, "closed": status == "closed"})
    finally:
        db.session.remove()
