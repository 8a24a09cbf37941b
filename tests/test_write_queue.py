"""Writers queue for SQLite's write lock (readiness/write_queue.py): one holder at a time across
threads and processes, nothing for PostgreSQL or an in-memory database."""
from __future__ import annotations

import multiprocessing
import os
import threading
import time

import sqlalchemy as sa

from readiness.write_queue import queued_write


def _hold(path: str, seconds: float, started, done) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    with queued_write(engine):
        started.set()
        time.sleep(seconds)
    done.set()


def test_one_holder_at_a_time_across_threads(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'q.sqlite'}")
    inside, most = [0], [0]
    lock = threading.Lock()

    def writer():
        for _ in range(20):
            with queued_write(engine):
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                time.sleep(0.001)
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
    assert (tmp_path / "q.sqlite.writers").exists()


def test_another_process_waits_for_the_holder(tmp_path):
    path = str(tmp_path / "q.sqlite")
    ctx = multiprocessing.get_context("fork")
    started, done = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_hold, args=(path, 0.5, started, done))
    other.start()
    try:
        assert started.wait(10)
        with queued_write(sa.create_engine(f"sqlite:///{path}")):
            assert done.is_set()  # we got in only after the other process let go
    finally:
        other.join(10)
    assert other.exitcode == 0


def test_nothing_queues_without_a_database_file(tmp_path):
    before = set(os.listdir(tmp_path))
    for url in ("sqlite://", "sqlite:///:memory:", "postgresql://u@localhost/x"):
        # re-entering is fine: no lock is taken
        with queued_write(sa.create_engine(url)), queued_write(sa.create_engine(url)):
            pass
    assert set(os.listdir(tmp_path)) == before
