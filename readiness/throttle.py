"""Failure counting for anything a stranger may guess: passwords (per address and account) and
workshop join codes (per address). One mechanism, one instance per thing guessed.

The counts live in a `limits` storage (the library Flask-Limiter is built on; its request
decorators count every request, these count failures only and forget them on success): Redis when
REDIS_URL is set, so every worker of every server adds to one count; otherwise the process's
memory, so each gunicorn worker of a one-machine server counts on its own (guessing is then
bounded by limit x workers per window). A moving window: exactly `limit` failures in any
`window` seconds. Keys hold addresses and emails: they are hashed before they reach the storage,
and never logged.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from typing import ClassVar

from flask import current_app, has_app_context
from limits import RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

logger = logging.getLogger(__name__)

_storages: dict[str, tuple[Storage, MovingWindowRateLimiter]] = {}
_lock = threading.Lock()
MEMORY = "memory://"


def storage_uri() -> str:
    url = current_app.config.get("REDIS_URL") if has_app_context() else ""
    return url or MEMORY


def _limiter(uri: str | None = None) -> MovingWindowRateLimiter:
    uri = uri or storage_uri()
    with _lock:
        if uri not in _storages:
            options: dict[str, float | str | bool] = (
                {} if uri == MEMORY else {"key_prefix": "readiness-throttle", "socket_timeout": 5,
                                          "wrap_exceptions": True})
            storage = storage_from_string(uri, **options)
            if not isinstance(storage, Storage):  # an asyncio storage: no sync strategy for it
                raise ValueError(f"not a storage for synchronous limits: {uri.split(':')[0]}")
            _storages[uri] = (storage, MovingWindowRateLimiter(storage))
        return _storages[uri][1]


class Throttle:
    """At most `limit` failures per key per `window` seconds; `blocked(key)` says when to answer 429."""

    #: Every throttle made, so tests can start each from zero (reset_all).
    instances: ClassVar[list[Throttle]] = []

    def __init__(self, name: str, limit: int, window: float = 300.0):
        self.name, self.limit, self.window = name, limit, window
        self._item = RateLimitItemPerSecond(limit, int(window))
        Throttle.instances.append(self)

    def _key(self, key: str) -> str:
        return hashlib.sha256(f"{self.name}\0{key}".encode()).hexdigest()[:32]

    # A Redis that does not answer falls back to this process's memory (logged, and /healthz says
    # 503), as Flask-Limiter's in-memory fallback does: refusing every login while it is down would
    # turn a cache outage into a full one, and letting every guess through would open the door.
    def _run(self, action: str, key: str) -> bool:
        hashed = self._key(key)
        try:
            return self._apply(_limiter(), action, hashed)
        except StorageError:
            logger.exception("%s throttle: the limits storage does not answer; counting in memory",
                             self.name)
            return self._apply(_limiter(MEMORY), action, hashed)

    def _apply(self, limiter: MovingWindowRateLimiter, action: str, hashed: str) -> bool:
        if action == "blocked":
            return not limiter.test(self._item, self.name, hashed)
        if action == "failed":
            if limiter.hit(self._item, self.name, hashed) \
                    and not limiter.test(self._item, self.name, hashed):
                logger.warning("%s throttled: %d failures from one key within %.0f s",
                               self.name, self.limit, self.window)
            return True
        limiter.clear(self._item, self.name, hashed)
        return True

    def blocked(self, key: str) -> bool:
        return self._run("blocked", key)

    def failed(self, key: str) -> None:
        self._run("failed", key)

    def reset(self, key: str) -> None:
        self._run("reset", key)

    def clear(self) -> None:
        """Every count of every throttle (tests; the storage holds nothing else of ours)."""
        reset_all()


def reset_all() -> None:
    with _lock:
        for storage, _strategy in _storages.values():
            with contextlib.suppress(StorageError):  # a Redis gone away has nothing to reset
                storage.reset()
