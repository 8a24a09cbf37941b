"""A small publish/subscribe layer for the live workshop: "session 12 changed" is published after
the commit that changed it, and the projector's, console's and phones' event streams wake on it
(phones on the session's stage channel only: they show nothing that a vote changes).

Messages carry no data, only the channel (a session id): a woken stream re-reads the session's
version from the database, so a message lost, duplicated or out of order never shows a wrong
state, and nothing hidden (answers before the reveal) ever travels through the broker.

- MemoryBroker (default): threading.Condition per channel, for the threads of one process. Under
  gunicorn with several worker processes a change made in another worker does not reach it, so
  streams also look at the database every `recheck` seconds (a one-row read): still well under
  the 0.5 s target, and exact.
- RedisBroker (REDIS_URL set): one listener thread per process subscribes to the channel pattern
  and wakes the local waiters; several servers then push to each other at once.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

logger = logging.getLogger(__name__)

PREFIX = "readiness:workshop:"


class MemoryBroker:
    """Counters per channel, one condition per channel over one lock: wait() returns as soon as
    the channel's counter moves past the one the caller saw (no message is missed between two
    waits), and a publish wakes only that channel's waiters (200 phone streams waiting on a
    session's stage are not woken by each of its votes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._conds: dict[str, threading.Condition] = {}
        self._counts: dict[str, int] = {}

    def _cond(self, channel: str) -> threading.Condition:
        """The channel's condition (call with self._lock held)."""
        cond = self._conds.get(channel)
        if cond is None:
            cond = self._conds[channel] = threading.Condition(self._lock)
        return cond

    def counter(self, channel: str) -> int:
        with self._lock:
            return self._counts.get(channel, 0)

    def publish(self, channel: str) -> None:
        self._notify(channel)

    def wake(self, channel: str) -> None:
        """Wake this process's waiters on the channel only (a change seen by a database recheck,
        made in another process: one waiter saw it, the others need not each read it)."""
        self._notify(channel)

    def _notify(self, channel: str) -> None:
        with self._lock:
            self._counts[channel] = self._counts.get(channel, 0) + 1
            self._cond(channel).notify_all()

    def wait(self, channel: str, seen: int, timeout: float) -> int:
        """Block until the channel's counter differs from `seen` or `timeout` passed; the counter
        now (equal to `seen` on a timeout)."""
        deadline = time.monotonic() + max(0.0, timeout)
        with self._lock:
            cond = self._cond(channel)
            while self._counts.get(channel, 0) == seen:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                cond.wait(left)
            return self._counts.get(channel, 0)

    def close(self) -> None:
        """Nothing to release (the Redis broker stops its listener)."""


class RedisBroker(MemoryBroker):
    """Publishes through Redis; a daemon thread turns every message of any server into a local
    notification. If Redis is down, publishing logs and goes on: the streams' database recheck
    still brings the change within `recheck` seconds."""

    def __init__(self, url: str) -> None:
        super().__init__()
        import redis  # only needed when REDIS_URL is set

        self._redis: Any = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="workshop-pubsub", daemon=True)
        self._thread.start()
        self._ready.wait(2)

    def publish(self, channel: str) -> None:
        try:
            self._redis.publish(PREFIX + channel, b"1")
        except Exception:
            logger.warning("workshop pub/sub: Redis publish failed; streams fall back to rechecks",
                           exc_info=True)
            self._notify(channel)

    def _listen(self) -> None:
        while not self._stop.is_set():
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                pubsub.psubscribe(PREFIX + "*")
                self._ready.set()
                while not self._stop.is_set():
                    message = pubsub.get_message(timeout=1.0)
                    if message and message.get("type") == "pmessage":
                        channel = message["channel"]
                        if isinstance(channel, bytes):
                            channel = channel.decode("utf-8", "replace")
                        self._notify(channel[len(PREFIX):])
            except Exception:
                logger.warning("workshop pub/sub: Redis listener lost its connection",
                               exc_info=True)
                self._ready.set()
                self._stop.wait(1.0)
            finally:
                with contextlib.suppress(Exception):
                    pubsub.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(3)
        with contextlib.suppress(Exception):
            self._redis.close()


def make_broker(redis_url: str | None) -> MemoryBroker:
    return RedisBroker(redis_url) if redis_url else MemoryBroker()


def channel_for(session_id: int) -> str:
    """Any change to the session (a vote too): the projector and console follow it."""
    return f"session:{session_id}"


def stage_channel_for(session_id: int) -> str:
    """A change to what phones show (the stage version moved): the phones' streams follow it."""
    return f"stage:{session_id}"
