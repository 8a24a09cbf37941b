"""Push to the phones (phone_live.py): the phone's event stream sends its state when the stage
changes and ends when the session closes; each phone's own part (its vote, its answer, its name)
is right although the page is rendered once for all the phones that show the same; a server with
no stream to spare tells the phone to poll; a vote wakes no phone stream."""
from __future__ import annotations

import json
import re
import threading
import time

import pytest

from readiness.workshop import live, phone_live
from readiness.workshop.pubsub import stage_channel_for
from tests.workshop.helpers import Phone, control

EVENTS = {"Accept": "text/event-stream"}


def events_of(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.split("\n\n"):
        name = re.search(r"^event: (\w+)$", block, re.M)
        data = re.search(r"^data: (.*)$", block, re.M)
        if name and data:
            out.append((name.group(1), json.loads(data.group(1))))
    return out


class Reader(threading.Thread):
    """Reads a phone's stream in its own thread, noting each event as it arrives."""

    def __init__(self, phone: Phone, last_seen: int | None = None):
        super().__init__(daemon=True)
        self.phone, self.headers = phone, dict(EVENTS)
        if last_seen is not None:
            self.headers["Last-Event-ID"] = str(last_seen)
        self.events: list[tuple[float, str, dict]] = []
        self.started = threading.Event()
        self.response = None

    def run(self):
        # Requested in this thread: the stream's request context lives where it is iterated.
        self.response = self.phone.client.get(f"/w/{self.phone.code}/events",
                                              headers=self.headers, buffered=False)
        buffer = ""
        for chunk in self.response.response:
            self.started.set()
            buffer += chunk.decode() if isinstance(chunk, bytes) else chunk
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                for name, data in events_of(block + "\n\n"):
                    self.events.append((time.monotonic(), name, data))
        self.response.close()

    def wait_for(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for _at, name, data in list(self.events):
                if predicate(name, data):
                    return data
            time.sleep(0.02)
        raise AssertionError(f"no such event in {self.events!r}")


def _stage(app, session_id):
    from readiness.extensions import db
    from readiness.workshop.models import WorkshopSession

    with app.app_context():
        return db.session.get_one(WorkshopSession, session_id).stage_version


def test_only_event_stream_callers_and_participants(app, client, running):
    _e, _s, code = running
    phone = Phone(app, code)
    assert phone.client.get(f"/w/{code}/events").status_code == 406  # no thread held
    assert phone.client.get(f"/w/{code}/events", headers=EVENTS).status_code == 403  # not joined
    assert phone.client.get("/w/NOPE99/events", headers=EVENTS).status_code == 404


def test_the_stream_sends_the_next_question_and_ends_when_the_session_closes(
        app, client, running, monkeypatch):
    e, s, code = running
    monkeypatch.setattr(phone_live, "STREAM_SECONDS", 20)
    phone = Phone(app, code)
    phone.join("Ann")
    reader = Reader(phone, last_seen=_stage(app, s))
    reader.start()
    assert reader.started.wait(5)
    time.sleep(0.2)
    assert not [ev for ev in reader.events if ev[1] == "state"]  # nothing moved: nothing sent
    control(client, e, s, "next")
    state = reader.wait_for(lambda name, data: name == "state")
    assert 'data-item="B1.1"' in state["html"] and state["activity"] == "question"
    assert state["stage_version"] == _stage(app, s)
    assert "bye" not in [ev[1] for ev in reader.events]  # pushed, not at the stream's end
    assert "Ann" in state["html"] and "\x00" not in state["html"]
    control(client, e, s, "close", confirm="y")
    bye = reader.wait_for(lambda name, data: name == "bye")
    assert bye["closed"] is True
    reader.join(5)
    assert not reader.is_alive()
    closed = [data for _at, name, data in reader.events if name == "state"][-1]
    assert closed["status"] == "closed" and 'data-testid="closed"' in closed["html"]
    with app.app_context():
        assert phone_live.hub().open == 0  # the stream gave its place back


def test_a_stream_opened_on_an_old_version_sends_the_current_state(app, client, running,
                                                                   monkeypatch):
    e, s, code = running
    monkeypatch.setattr(phone_live, "STREAM_SECONDS", 0.3)
    phone = Phone(app, code)
    phone.join("Bo")
    control(client, e, s, "next")
    text = phone.client.get(f"/w/{code}/events?v=1", headers=EVENTS).get_data(as_text=True)
    kinds = [name for name, _data in events_of(text)]
    assert text.startswith("retry:") and kinds == ["state", "bye"]
    quiet = phone.client.get(f"/w/{code}/events", headers={
        **EVENTS, "Last-Event-ID": str(_stage(app, s))}).get_data(as_text=True)
    assert [name for name, _data in events_of(quiet)] == ["bye"]
    ahead = phone.client.get(f"/w/{code}/events", headers={  # fed by a server that is ahead
        **EVENTS, "Last-Event-ID": str(_stage(app, s) + 1)}).get_data(as_text=True)
    assert [name for name, _data in events_of(ahead)] == ["bye"]  # never sent back in time


def test_own_votes_stay_right_and_the_page_is_rendered_once_per_own_part(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phones = []
    for name in ("Ann", "Bo", "Cy"):
        phone = Phone(app, code)
        phone.join(name)
        phones.append(phone)
    pains = [int(p["id"]) for p in client.get(
        f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"]]
    assert phones[0].post("votes", {"pain_id": pains[0]}).status_code == 200
    control(client, e, s, "pause")  # a stage change: every phone's page anew
    with app.app_context():
        before = phone_live.hub().renders
    pages = [p.client.get(f"/w/{code}/state", headers={"Accept": "application/json"}).json
             for p in phones]
    with app.app_context():
        assert phone_live.hub().renders - before == 2  # Ann's ballot, and Bo's = Cy's
    voted = f'class="voted" data-pain="{pains[0]}"'
    assert voted in pages[0]["html"]
    assert voted not in pages[1]["html"] and voted not in pages[2]["html"]
    for page, name in zip(pages, ("Ann", "Bo", "Cy"), strict=True):
        assert name in page["html"] and "\x00" not in page["html"]
        assert page["status"] == "paused"
    tokens = [re.search(r'name="csrf_token" value="([^"]+)"', p["html"]).group(1) for p in pages]
    assert len(set(tokens)) == 3  # each phone its own token, never a neighbour's
    assert "Ann" not in pages[1]["html"] and "Bo" not in pages[2]["html"]


def test_own_answers_after_a_reveal(app, client, running):
    e, s, code = running
    ann, bo = Phone(app, code), Phone(app, code)
    ann.join("Ann")
    bo.join("Bo")
    control(client, e, s, "next")
    assert ann.post("answer", {"item_id": "B1.1", "level": 4}).status_code == 200
    control(client, e, s, "reveal")
    html = {p: p.client.get(f"/w/{code}/state").json["html"] for p in (ann, bo)}
    assert 'value="4" data-name' in html[ann] and "chosen" in html[ann]
    assert "chosen" not in html[bo]


def test_a_server_without_a_stream_to_spare_tells_the_phone_to_poll(app, client, running):
    _e, s, code = running
    app.config["WORKSHOP_PHONE_STREAMS"] = "0"
    phone = Phone(app, code)
    phone.join("Cy")
    text = phone.client.get(f"/w/{code}/events?v=1", headers=EVENTS).get_data(as_text=True)
    assert events_of(text) == [("bye", {"stage_version": 1, "closed": False, "poll": True})]
    # The poll still answers.
    assert phone.client.get(f"/w/{code}/state?v={_stage(app, s)}").status_code == 204
    with app.app_context():
        assert phone_live.hub().open == 0


def test_the_cap_counts_open_streams(app, client, running, monkeypatch):
    _e, s, code = running
    monkeypatch.setattr(phone_live, "STREAM_SECONDS", 2.0)
    app.config["WORKSHOP_PHONE_STREAMS"] = "1"
    one, two = Phone(app, code), Phone(app, code)
    one.join("One")
    two.join("Two")
    reader = Reader(one, last_seen=_stage(app, s))
    reader.start()
    assert reader.started.wait(5)
    text = two.client.get(f"/w/{code}/events", headers=EVENTS).get_data(as_text=True)
    assert events_of(text)[0][1]["poll"] is True
    reader.join(15)  # the first stream's life ends: its place is free again
    assert reader.events[-1][1] == "bye" and "poll" not in reader.events[-1][2]
    with app.app_context():
        assert phone_live.hub().open == 0
    again = two.client.get(f"/w/{code}/events?v=0", headers=EVENTS).get_data(as_text=True)
    assert [name for name, _data in events_of(again)] == ["state", "bye"]
    assert "poll" not in events_of(again)[-1][1]


@pytest.mark.parametrize(("argv", "env", "threads", "cap"), [
    (["gunicorn", "--workers", "2", "--threads", "128", "wsgi:app"], "", 128, 112),
    (["gunicorn", "--threads=4", "wsgi:app"], "", 4, 0),
    (["gunicorn", "wsgi:app"], "--threads 64", 64, 56),
    (["gunicorn", "--threads", "32", "wsgi:app"], "--threads 64", 32, 24),
    (["gunicorn", "wsgi:app"], "", 1, 0),
])
def test_the_cap_follows_the_gunicorn_threads(argv, env, threads, cap):
    found = phone_live.server_threads(argv, {"GUNICORN_CMD_ARGS": env})
    assert found == threads and phone_live.cap_for(found) == cap


def test_outside_gunicorn_the_cap_is_generous():
    assert phone_live.server_threads() is None  # pytest is no gunicorn worker
    assert phone_live.cap_for(None) == phone_live.UNBOUNDED_CAP


def test_a_vote_wakes_no_phone_stream(app, client, running):
    e, s, code = running
    control(client, e, s, "voting")
    phone = Phone(app, code)
    phone.join("Dee")
    pain = client.get(f"/engagements/{e}/workshops/{s}/state").json["voting"]["pains"][0]["id"]
    with app.app_context():
        broker = live.broker()
        stage = broker.counter(stage_channel_for(s))
    assert phone.post("votes", {"pain_id": pain}).status_code == 200
    with app.app_context():
        assert broker.counter(stage_channel_for(s)) == stage
    control(client, e, s, "pause")
    with app.app_context():
        assert broker.counter(stage_channel_for(s)) == stage + 1
