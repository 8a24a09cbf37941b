"""Writers wait their turn for SQLite's one write lock in a queue, instead of polling for it.

Why (bench/save.py): SQLite lets one transaction write at a time. A writer that finds the lock
taken sleeps in SQLite's busy handler (1, 2, 5, 10 ... 100 ms) and looks again, so under a burst
of autosaves a save that lost one race waited 10-25 ms for a lock that was free after 0.5 ms: the
slow tail of the save latency. Here the hot writers (the autosave, the workshop's answers and
votes) first take a lock of this process's threads, then an flock on a file beside the database
shared by every process of the server: a waiter wakes the moment the holder lets go. Writers that
do not queue (rare ones: set-up, reports) still meet SQLite's own lock and busy timeout, so
correctness never depends on this; only the waiting gets shorter. PostgreSQL locks rows, not the
database: nothing queues there.
"""
from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine

_threads = threading.Lock()
#: (process id, lock file) -> open file descriptor; a forked worker opens its own (an flock is
#: held per open file, so a descriptor inherited from the parent would be shared with it).
_files: dict[tuple[int, str], int] = {}


def _lock_file(engine: Engine) -> str | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database + ".writers"


def _descriptor(path: str) -> int:
    key = (os.getpid(), path)
    found = _files.get(key)
    if found is None:
        found = _files[key] = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    return found


@contextmanager
def queued_write(engine: Engine) -> Iterator[None]:
    """Hold the writers' queue from before the first write to after the commit."""
    path = _lock_file(engine)
    if path is None:
        yield
        return
    with _threads:
        fd = _descriptor(path)
        fcntl.flock(fd, fcntl.LOCK_EX)  # blocks without the GIL; wakes when the holder unlocks
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
