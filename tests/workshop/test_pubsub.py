"""The workshop's publish/subscribe layer: the in-process broker, the Redis broker (when a
redis-server binary is on this machine), and publishing only after a commit."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time

import pytest

from readiness.workshop.pubsub import MemoryBroker, RedisBroker, channel_for


def test_wait_returns_when_the_channel_moves():
    broker = MemoryBroker()
    seen = broker.counter("a")
    threading.Timer(0.05, broker.publish, args=("a",)).start()
    started = time.monotonic()
    now = broker.wait("a", seen, timeout=5)
    assert now == seen + 1
    assert time.monotonic() - started < 2


def test_wait_times_out_and_other_channels_do_not_wake_it():
    broker = MemoryBroker()
    broker.publish("b")
    seen = broker.counter("a")
    threading.Timer(0.02, broker.publish, args=("b",)).start()
    assert broker.wait("a", seen, timeout=0.2) == seen


def test_a_message_sent_between_two_waits_is_not_missed():
    broker = MemoryBroker()
    seen = broker.counter("a")
    broker.publish("a")  # before the subscriber waits again
    assert broker.wait("a", seen, timeout=0) == seen + 1


def test_many_waiters_all_wake():
    broker = MemoryBroker()
    woken = []
    threads = [threading.Thread(target=lambda: woken.append(broker.wait("s", 0, 5)))
               for _ in range(20)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    broker.publish("s")
    for t in threads:
        t.join(5)
    assert woken == [1] * 20


@pytest.fixture
def redis_url(tmp_path):
    """make test's Redis (TEST_REDIS_URL, .ci/redis) or a private redis-server of our own."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("no redis-server binary on this machine")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(5)


def test_redis_carries_a_change_from_one_server_to_another(redis_url):
    one, two = RedisBroker(redis_url), RedisBroker(redis_url)  # two processes' brokers
    try:
        seen = two.counter(channel_for(7))
        started = time.monotonic()
        one.publish(channel_for(7))
        assert two.wait(channel_for(7), seen, timeout=5) == seen + 1
        assert time.monotonic() - started < 1.0
        assert one.wait(channel_for(7), 0, timeout=5) >= 1  # the publisher hears itself too
    finally:
        one.close()
        two.close()


def test_redis_down_does_not_fail_a_publish():
    broker = RedisBroker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        broker.publish("x")  # logged, and woken locally instead
        assert broker.counter("x") == 1
    finally:
        broker.close()


def test_changes_are_published_after_the_commit_only(app, running):
    from readiness.extensions import db
    from readiness.workshop import live
    from readiness.workshop.models import WorkshopSession
    from readiness.workshop.services import touch

    _engagement, session_id, _code = running
    with app.app_context():
        broker = live.broker()
        channel = channel_for(session_id)
        before = broker.counter(channel)
        touch(db.session.get_one(WorkshopSession, session_id))
        assert broker.counter(channel) == before  # not yet: a stream would read the old state
        db.session.rollback()
        assert broker.counter(channel) == before
        touch(db.session.get_one(WorkshopSession, session_id))
        db.session.commit()
        assert broker.counter(channel) == before + 1
