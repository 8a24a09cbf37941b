"""Phones for bench/workshop.py: each follows the session as workshop_phone.js does (an event
stream, or a poll every 1.5 s when polling or told to poll by a server with no stream to spare),
noting when it first saw each stage version; and the facilitator's advances, timed from the click
to the moment every phone has the new stage."""
from __future__ import annotations

import http.client
import json
import os
import random
import threading
import time

from bench.workshop_client import PHONE_POLL_S, csrf_in

#: How long an advance may take to reach every phone before it counts the rest as missed.
ADVANCE_TIMEOUT_S = 10.0


class PhoneFollower(threading.Thread):
    """One phone's screen: `seen` maps each stage version to when the phone first had it."""

    def __init__(self, phone, code: str, stream: bool, stop: threading.Event):
        super().__init__(daemon=True)
        self.phone, self.code, self.stream, self.stop = phone, code, stream, stop
        self.seen: dict[int, float] = {}
        self.streams = self.polls = 0
        self.told_to_poll = False

    def note(self, version: int) -> None:
        self.seen.setdefault(version, time.perf_counter())
        self.phone.stage = max(self.phone.stage, version)

    def run(self):
        try:
            if self.stream:
                self.follow_stream()
            self.follow_polls()
        except Exception:  # a bench phone that broke shows as missed advances, not a crash
            return

    def follow_stream(self):
        while not self.stop.is_set():
            conn = http.client.HTTPConnection("127.0.0.1", self.phone.port, timeout=30)
            headers = {"Accept": "text/event-stream", "Last-Event-ID": str(self.phone.stage),
                       "Cookie": "; ".join(f"{k}={v}" for k, v in self.phone.cookies.items())}
            try:
                conn.request("GET", f"/w/{self.code}/events", headers=headers)
                response = conn.getresponse()
                self.streams += 1
                event, data = "", ""
                while not self.stop.is_set():
                    line = response.fp.readline()
                    if not line:
                        break
                    line = line.decode("utf-8").rstrip("\n")
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
                    elif line == "":
                        if event == "state":
                            self.note(json.loads(data)["stage_version"])
                        elif event == "bye":
                            bye = json.loads(data)
                            if bye.get("poll"):
                                self.told_to_poll = True
                                return
                            if bye.get("closed"):
                                return
                            break
                        event, data = "", ""
            except (OSError, http.client.HTTPException, ValueError):
                self.stop.wait(1.0)
            finally:
                conn.close()

    def follow_polls(self):
        self.stop.wait(random.uniform(0, PHONE_POLL_S))  # phones do not poll in step
        while not self.stop.is_set():
            started = time.perf_counter()
            with self.phone.lock:
                status, text = self.phone.request("GET", f"/w/{self.code}/state?v={self.phone.stage}")
            self.polls += 1
            if status == 200:
                self.note(json.loads(text)["stage_version"])
            self.stop.wait(max(0.0, PHONE_POLL_S - (time.perf_counter() - started)))


def follow(phones, code: str, stream: bool, stop: threading.Event) -> list[PhoneFollower]:
    followers = [PhoneFollower(phone, code, stream, stop) for phone in phones]
    for follower in followers:
        follower.start()
    return followers


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of gunicorn `pid` and every process below it, from /proc."""
    from readiness.lifeline import descendants

    total = 0
    for each in [pid, *descendants(pid)]:
        try:
            with open(f"/proc/{each}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def advance(laptop, console: str, followers, actions=("next", "reveal", "next"),
            gap: float = 2.0) -> tuple[list[float], list[float], int]:
    """The facilitator clicks each action in turn (`gap` s apart); for every phone, the time from
    the click (and from the server's answer to it) to the first moment the phone had the new
    stage. Returns (latencies from the click, from the answer, phones missed)."""
    latencies: list[float] = []
    after_answer: list[float] = []
    missed = 0
    for action in actions:
        _, page = laptop.request("GET", console)
        token = csrf_in(page)
        clicked = time.perf_counter()
        status, _ = laptop.request("POST", console + "/control",
                                   form={"action": action, "csrf_token": token})
        answered = time.perf_counter()
        assert status == 302, f"{action} failed ({status})"
        _, state = laptop.request("GET", console + "/state")
        version = json.loads(state)["stage_version"]

        def first(f, version=version):
            times = [t for v, t in list(f.seen.items()) if v >= version]
            return min(times) if times else None

        deadline = clicked + ADVANCE_TIMEOUT_S
        while time.perf_counter() < deadline and any(first(f) is None for f in followers):
            time.sleep(0.02)
        for f in followers:
            at = first(f)
            if at is None:
                missed += 1
            else:
                latencies.append(max(0.0, at - clicked))
                after_answer.append(max(0.0, at - answered))
        time.sleep(gap)
    return latencies, after_answer, missed
