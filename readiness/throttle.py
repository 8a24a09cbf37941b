"""Failure counting for anything a stranger may guess: passwords (per address and account) and
workshop join codes (per address). One mechanism, one instance per thing guessed."""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import ClassVar

logger = logging.getLogger(__name__)


class Throttle:
    """At most `limit` failures per key per `window` seconds; `blocked(key)` says when to answer 429.

    In-process memory: with several gunicorn workers each keeps its own count, which still bounds
    guessing to limit x workers per window. Keys hold addresses and emails: they are never logged.
    """

    #: Every throttle made, so tests can start each from zero (reset_all).
    instances: ClassVar[list[Throttle]] = []

    def __init__(self, name: str, limit: int, window: float = 300.0):
        self.name, self.limit, self.window = name, limit, window
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()
        Throttle.instances.append(self)

    def _recent(self, key: str, now: float) -> deque:
        """The key's failures within the window; keys with none are dropped (bounded memory)."""
        failures = self._failures.pop(key, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        if failures:
            self._failures[key] = failures
        return failures

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def failed(self, key: str) -> None:
        with self._lock:
            now = time.monotonic()
            failures = self._recent(key, now)
            failures.append(now)
            self._failures[key] = failures
            if len(failures) == self.limit:
                logger.warning("%s throttled: %d failures from one key within %.0f s",
                               self.name, self.limit, self.window)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


def reset_all() -> None:
    for throttle in Throttle.instances:
        throttle.clear()
