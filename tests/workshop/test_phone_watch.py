"""Phone streams across workers (phone_live.py): through Redis every server pushes to every phone;
without it, one stream per process and session watches the database and wakes the others, and a
change another worker made still reaches every phone."""
from __future__ import annotations

import threading
import time

from readiness.workshop import live, phone_live
from readiness.workshop.pubsub import stage_channel_for
from tests.workshop.helpers import Phone, control
from tests.workshop.test_phone_push import Reader, _stage
from tests.workshop.test_pubsub import redis_url  # noqa: F401  (a fixture)


def test_two_servers_push_to_each_others_phones_through_redis(app, client, running,
                                                              redis_url,
                                                              monkeypatch):
    """Server A (the facilitator's) and server B (the phone's stream) share the database and one
    Redis: the next question reaches the phone on B at once, not at B's next database recheck."""
    from readiness import create_app

    e, s, code = running
    monkeypatch.setattr(phone_live, "RECHECK_REDIS", 60.0)
    monkeypatch.setattr(phone_live, "STREAM_SECONDS", 30)
    app.config["REDIS_URL"] = redis_url
    other = create_app({"TESTING": True, "REDIS_URL": redis_url,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    try:
        phone = Phone(other, code)
        phone.join("Eve")
        reader = Reader(phone, last_seen=_stage(app, s))
        reader.start()
        assert reader.started.wait(5)
        time.sleep(0.5)  # B's listener subscribed
        control(client, e, s, "next")  # on server A
        state = reader.wait_for(lambda name, data: name == "state", timeout=20)
        assert 'data-item="B1.1"' in state["html"]
        # By Redis: B's own look at the database comes only after 60 s, at the stream's end.
        assert "bye" not in [ev[1] for ev in reader.events]
        control(client, e, s, "close", confirm="y")
        assert reader.wait_for(lambda name, data: name == "bye", timeout=20)["closed"] is True
        reader.join(5)
    finally:
        for server in (app, other):
            with server.app_context():
                live.broker().close()
                from readiness.extensions import db
                db.engine.dispose()


def test_phones_woken_together_render_the_page_once(app, client, running):
    """Twenty streams miss the cache at the same moment (a stage change): one render, one read."""
    e, s, code = running
    phones = [Phone(app, code) for _ in range(20)]
    for n, phone in enumerate(phones):
        phone.join(f"P{n}")
    control(client, e, s, "next")
    calls, barrier, pages, errors = [], threading.Barrier(len(phones)), [], []
    from types import SimpleNamespace

    from readiness.extensions import db
    from readiness.workshop.models import WorkshopParticipant

    with app.app_context():
        people = [SimpleNamespace(id=p.id, display_name=p.display_name) for p in db.session.scalars(
            db.select(WorkshopParticipant).where(WorkshopParticipant.session_id == s))]

    def render(own):
        calls.append(own)
        time.sleep(0.05)  # a render takes a while: the others wait for it
        return f"<p>{phone_live.NAME_MARK}</p>"

    def one(person):
        try:
            with app.test_request_context("/w/x/events"):
                barrier.wait(20)
                row = phone_live.hub().stage(s, 12345, 60.0)
                pages.append(phone_live.payload(s, person, "en", render, row)["html"])
                db.session.remove()
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(repr(exc))

    threads = [threading.Thread(target=one, args=(person,)) for person in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert errors == [] and len(people) == len(phones)
    assert len(calls) == 1
    assert sorted(pages) == sorted(f"<p>P{n}</p>" for n in range(len(phones)))


def test_a_change_found_by_a_recheck_wakes_the_other_streams(app, client, running):
    """Another worker (no Redis) moved the stage: the stream whose recheck finds it wakes this
    process's other phone streams, so they need not each wait for their own recheck."""
    import sqlalchemy as sa

    from readiness.extensions import db
    from readiness.workshop.models import WorkshopSession

    _e, s, _code = running
    with app.app_context():
        phones, channel = phone_live.hub(), stage_channel_for(s)
        counter = live.broker().counter(channel)
        before = phones.stage(s, counter, 60.0).stage_version
        db.session.execute(sa.update(WorkshopSession).where(WorkshopSession.id == s)
                           .values(stage_version=WorkshopSession.stage_version + 1))
        db.session.commit()  # as another process would: nothing published here
        assert phones.stage(s, counter, 60.0).stage_version == before  # still fresh
        assert live.broker().counter(channel) == counter
        db.session.rollback()
        assert phones.stage(s, counter, 0.0).stage_version == before + 1  # the recheck
        assert live.broker().counter(channel) == counter + 1  # the others woken


def test_one_stream_per_session_watches_the_database_and_wakes_the_others(
        app, client, running, monkeypatch):
    """Without Redis, one phone stream per process and session rechecks the database; the others
    sleep until woken (or their heartbeat). A change made by another worker (nothing published
    here) still reaches every phone within the recheck, and when the watcher ends another stream
    takes over."""
    import sqlalchemy as sa

    from readiness.extensions import db
    from readiness.workshop.models import WorkshopSession
    from readiness.workshop.pubsub import MemoryBroker

    e, s, code = running
    monkeypatch.setattr(phone_live, "STREAM_SECONDS", 20)
    short_waits: dict[int, int] = {}
    wait = MemoryBroker.wait

    def counted(self, channel, seen, timeout):
        if channel == stage_channel_for(s) and timeout <= phone_live.RECHECK_MEMORY:
            ident = threading.get_ident()
            short_waits[ident] = short_waits.get(ident, 0) + 1
        return wait(self, channel, seen, timeout)

    monkeypatch.setattr(MemoryBroker, "wait", counted)
    phones = [Phone(app, code) for _ in range(3)]
    for n, phone in enumerate(phones):
        phone.join(f"P{n}")
    seen = _stage(app, s)
    readers = [Reader(phone, last_seen=seen) for phone in phones]
    for reader in readers:
        reader.start()
        assert reader.started.wait(5)
    time.sleep(1.5)  # idle: about seven rechecks, by one stream only
    assert len(short_waits) == 1 and sum(short_waits.values()) >= 3
    with app.app_context():
        db.session.execute(sa.update(WorkshopSession).where(WorkshopSession.id == s)
                           .values(stage_version=WorkshopSession.stage_version + 1))
        db.session.commit()  # as another worker would: nothing published in this process
    for reader in readers:
        reader.wait_for(lambda name, data: name == "state" and data["stage_version"] > seen,
                        timeout=3)
    control(client, e, s, "close", confirm="y")
    for reader in readers:
        reader.join(5)
    with app.app_context():
        assert phone_live.hub()._watchers == {}  # the last watcher handed over on leaving


def test_the_watcher_hands_over_when_it_stops_watching():
    hub = phone_live.Hub(10)
    asked, release = threading.Event(), threading.Event()
    answers = []

    def first_stream():
        answers.append(hub.watch(7))
        asked.set()
        release.wait(5)
        answers.append(hub.unwatch(7))

    thread = threading.Thread(target=first_stream)
    thread.start()
    assert asked.wait(5)
    assert hub.watch(7) is False and hub.watch(8) is True  # another session: its own watcher
    release.set()
    thread.join(5)
    assert answers == [True, True]
    assert hub.watch(7) is True and hub.unwatch(7) is True and hub.unwatch(7) is False
