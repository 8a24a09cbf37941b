"""Push to the phones: each participant's phone holds an event stream (`/w/<code>/events`) that
sends its state when the facilitator changes what phones show (the session's stage version):
the next question, a reveal, a re-vote reach the room at once instead of within a 1.5 s poll.

Thread budget. An open stream holds one server thread (gunicorn gthread) blocked on a condition:
no CPU and little memory while idle. `make run` and `make serve` give each worker 160 threads, and
a process admits at most `cap` phone streams: WORKSHOP_PHONE_STREAMS, or by default its threads
less a reserve of max(8, threads / 8) (160 threads: 140 streams, 20 threads always free), so
streams never starve the votes and saves. Two workers take a room of 200 even when the kernel
hands one of them more than half the connections. A phone over the cap is told to poll (`bye` with
"poll": true) and keeps the 1.5 s poll, trying a stream again later. Plain `gunicorn --threads 4`
(or threads set in a config file this module cannot see) leaves no room: every phone polls,
as before push; set WORKSHOP_PHONE_STREAMS then.

Rendering once. The phone's page is the same for everyone in a room but for the participant's
own part (their answer, votes, pain points, name): a stream reads that own part (one small
query), and the page is rendered once per process for each (session, stage version, language,
own part) and reused, the name and the CSRF token put in per phone. After "next question" the
200 phones of a room share one render; after a reveal, one per distinct answer. The session's
stage version is read once per process per notification (Stage), not by each stream.
"""
from __future__ import annotations

import os
import shlex
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext
from flask_wtf.csrf import generate_csrf
from markupsafe import escape

from ..extensions import db
from ..lru import LRUCache
from . import live, state
from .models import WorkshopSession
from .pubsub import RedisBroker, stage_channel_for

#: A phone stream's life (then the browser reconnects with Last-Event-ID).
STREAM_SECONDS = 45.0
#: Without Redis a change made in another worker process is seen within this: one stream per
#: process and session (its watcher) looks, and wakes the others when the stage moved; with Redis
#: every process is notified at once. The other streams sleep until woken or their heartbeat: 200
#: phones each waking every 0.2 s cost a quarter of a core, taken from the room's votes.
RECHECK_MEMORY = 0.2
RECHECK_REDIS = 5.0
HEARTBEAT_SECONDS = 10.0
#: The development and test servers start a thread per request.
UNBOUNDED_CAP = 100
NAME_MARK = "\x00participant-name\x00"
CSRF_MARK = "\x00csrf-token\x00"
_KEY = "workshop_phones"
_lock = threading.Lock()


def server_threads(argv: list[str] | None = None, environ=None) -> int | None:
    """The gunicorn worker's thread count from its command line or GUNICORN_CMD_ARGS (the last
    --threads wins, as in gunicorn); 1 under gunicorn without one; None outside gunicorn."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if argv is sys.argv and "gunicorn.arbiter" not in sys.modules:
        return None
    threads = 1
    words = shlex.split(environ.get("GUNICORN_CMD_ARGS", "")) + list(argv[1:])
    for i, word in enumerate(words):
        value = None
        if word == "--threads" and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--threads="):
            value = word.split("=", 1)[1]
        if value is not None and value.isdigit():
            threads = int(value)
    return threads


def cap_for(threads: int | None) -> int:
    if threads is None:
        return UNBOUNDED_CAP
    return max(0, threads - max(8, threads // 8))


class Hub:
    """One process's phone streams: how many are open, the rendered pages, the stage reads."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.open = 0
        self.renders = 0
        self.pages = LRUCache(256)
        self._lock = threading.Lock()
        # One reader and one renderer at a time: 100 streams woken by one change would otherwise
        # all miss the cache together and each read the row and render the page.
        self._reading = threading.Lock()
        self._rendering = threading.Lock()
        self._stages: dict[int, tuple[int, float, SimpleNamespace | None]] = {}
        self._watchers: dict[int, int] = {}  # session id -> the thread of its watching stream

    def admit(self) -> bool:
        with self._lock:
            if self.open >= self.cap:
                return False
            self.open += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.open -= 1

    def watch(self, session_id: int) -> bool:
        """True when the calling stream watches the session for this process (the first to ask,
        until it stops watching)."""
        me = threading.get_ident()
        with self._lock:
            return self._watchers.setdefault(session_id, me) == me

    def unwatch(self, session_id: int) -> bool:
        """The calling stream stops watching; True when it was the watcher (the caller then wakes
        the other streams, and the first of them to ask watches next)."""
        with self._lock:
            if self._watchers.get(session_id) != threading.get_ident():
                return False
            del self._watchers[session_id]
            return True

    def stage(self, session_id: int, counter: int, fresh: float) -> SimpleNamespace | None:
        """What a phone stream needs of the session row, read once for all the process's streams
        per notification (`counter`, the broker's) and at most every `fresh` seconds otherwise."""
        with self._reading:
            hit = self._stages.get(session_id)
            if hit is not None and hit[0] == counter and time.monotonic() - hit[1] < fresh:
                return hit[2]
            found = self._read(session_id, counter)
        if (hit is not None and hit[0] == counter and hit[2] is not None and found is not None
                and hit[2].stage_version != found.stage_version):
            # Moved with no notification (another worker, no Redis): wake the others at once.
            live.broker().wake(stage_channel_for(session_id))
        return found

    def _read(self, session_id: int, counter: int) -> SimpleNamespace | None:
        now = time.monotonic()
        row = db.session.execute(sa.select(
            WorkshopSession.id, WorkshopSession.stage_version, WorkshopSession.status,
            WorkshopSession.activity, WorkshopSession.item_id, WorkshopSession.votes_revealed,
            WorkshopSession.votes_per_participant).where(WorkshopSession.id == session_id)).first()
        found = SimpleNamespace(**row._asdict()) if row is not None else None
        self._stages[session_id] = (counter, now, found)
        return found

    def page(self, key: tuple, render: Callable[[], str]) -> str:
        with self._rendering:
            return self.pages.get_or_compute(key, render)


def hub() -> Hub:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get(_KEY)
    if found is None:
        with _lock:
            found = app.extensions.get(_KEY)
            if found is None:
                configured = str(app.config.get("WORKSHOP_PHONE_STREAMS") or "").strip()
                cap = int(configured) if configured.isdigit() else cap_for(server_threads())
                found = app.extensions[_KEY] = Hub(cap)
    return found


def payload(session_id: int, participant, lang: str, render: Callable[[dict], str],
            row: SimpleNamespace | None = None) -> dict:
    """The phone's state (the JSON of /w/<code>/state): the page for the participant's own part,
    from the process's cache. `render(own)` renders it with the marks for name and CSRF token."""
    row = row or hub().stage(session_id, -1, 0.0)
    if row is None:
        raise LookupError(session_id)
    own = state.own_part(row, participant)  # type: ignore[arg-type]  # reads the columns only
    key = (session_id, row.stage_version, lang, state.own_key(row, own))  # type: ignore[arg-type]

    phones = hub()

    def compute() -> str:
        phones.renders += 1
        return render(own)

    page = phones.page(key, compute)
    name = str(escape(participant.display_name or gettext("Anonymous")))
    html = page.replace(NAME_MARK, name).replace(CSRF_MARK, generate_csrf())
    return {"stage_version": row.stage_version, "status": row.status, "activity": row.activity,
            "html": html}


def render_page(ws, participant, questionnaire, own: dict, **context) -> str:
    """The phone's panel for this own part, with marks where the name and CSRF token go."""
    anonymous = SimpleNamespace(id=participant.id, display_name=NAME_MARK)
    view = state.phone(ws, anonymous, questionnaire, own)  # type: ignore[arg-type]
    html = render_template("workshop/_phone.html", ws=ws, view=view, **context)
    return html.replace(generate_csrf(), CSRF_MARK)


def stream(session_id: int, seen: int | None, make: Callable[[SimpleNamespace], dict],
           seconds: float | None = None) -> Iterator[str]:
    """Events for one phone: `state` (make(row)) whenever the stage version is past the one it
    shows, `bye` after `seconds` or once the session closed; at once `bye` with poll: true
    when the process has no stream to spare."""
    seconds = STREAM_SECONDS if seconds is None else seconds
    yield "retry: 1000\n\n"
    phones = hub()
    if not phones.admit():
        yield live.sse("bye", {"stage_version": seen, "closed": False, "poll": True})
        return
    try:
        b = live.broker()
        channel = stage_channel_for(session_id)
        recheck = RECHECK_REDIS if isinstance(b, RedisBroker) else RECHECK_MEMORY
        counter = b.counter(channel)
        started = last_sent = time.monotonic()
        status = ""
        while True:
            db.session.rollback()  # a fresh read transaction: see the latest commit
            row = phones.stage(session_id, counter, recheck)
            if row is None:
                break
            status = row.status
            # Versions only grow: a row older than what the phone shows (this process's read not
            # yet fresh, the phone fed by another server) is never sent back to it.
            if seen is None or row.stage_version > seen:
                data = make(row)
                db.session.rollback()  # no database connection held while the event is written
                seen = data["stage_version"]
                yield live.sse("state", data, seen)
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
            pause = recheck if phones.watch(session_id) else HEARTBEAT_SECONDS
            counter = b.wait(channel, counter, min(pause, seconds - (now - started)))
        yield live.sse("bye", {"stage_version": seen, "closed": status == "closed"})
    finally:
        if phones.unwatch(session_id):
            b.wake(channel)  # another stream watches from now on
        phones.leave()
        db.session.remove()
