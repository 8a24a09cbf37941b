"""Live workshop under load: 200 phones vote at once while the projector polls.

    .venv/bin/python bench/workshop.py [--participants 200] [--workers 2xCPUs+1] [--threads 2]
                                       [--poll 1.0] [--no-phone-polls]

Starts the app with gunicorn on 127.0.0.1 (a free port) against a temporary SQLite database with
the demo engagement, logs in as the facilitator, opens a session on dot-voting, joins N simulated
participants (each with its own cookie, CSRF token and keep-alive connection), then three times
releases them all at once: in each round every participant casts one vote at the same moment (the
rounds use up the 3 votes each participant has). Afterwards each repeats its first vote (a double
submission: must return the same vote) and tries a 4th (must be refused, 409). Meanwhile the
projector polls its state endpoint every --poll seconds exactly as workshop.js does (?v=version,
204 while unchanged), and every phone polls its own state every 1.5 s.

Printed: for each vote, the time from sending it to the first projector poll that started after
the vote was acknowledged (an upper bound of "vote -> projector shows it") as p50/p95/max, the
POST round trip alone, and votes sent vs stored vs shown (must all be equal). Bounded: N <= 500
participants, loopback only, and the whole run stops after 60 s.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.workshop_client import (  # noqa: E402  (after the sys.path line above)
    PHONE_POLL_S,
    Client,
    Projector,
    facilitator,
    free_port,
    join,
    percentile,
    phone_polls,
    prepare_database,
    start_server,
    stop_server,
    stored_votes,
)

MAX_PARTICIPANTS = 500
DEADLINE_S = 60.0
VOTES = 3


def make_app():
    """gunicorn's app factory: the normal app plus a generous SQLite busy timeout."""
    from readiness import create_app

    return create_app({"SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 30}}})


def main(argv=None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run `finally`: stop gunicorn
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--poll", type=float, default=1.0, help="projector poll interval (s)")
    parser.add_argument("--no-phone-polls", action="store_true")
    args = parser.parse_args(argv)
    n = max(1, min(args.participants, MAX_PARTICIPANTS))
    began = time.perf_counter()

    def remaining():
        left = DEADLINE_S - (time.perf_counter() - began)
        if left <= 0:
            raise TimeoutError("the bench ran past its 60 s bound")
        return left

    with tempfile.TemporaryDirectory(prefix="readiness-ws-bench-") as tmp:
        tmp = Path(tmp)
        engagement_id, email, password = prepare_database(tmp)
        port = free_port()
        server = start_server(port, args.workers, args.threads)
        try:
            laptop, console, code, pains = facilitator(port, engagement_id, email, password)
            session_id = int(console.rsplit("/", 1)[1])
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=32) as pool:
                phones = list(pool.map(lambda i: join(port, code, i), range(n),
                                       timeout=remaining()))
            join_s = time.perf_counter() - t0
            for phone in phones:
                phone.lock = threading.Lock()

            screen = Client(port)  # the projector's own connection, logged in as the laptop
            screen.cookies = dict(laptop.cookies)
            projector = Projector(screen, console + "/state", args.poll)
            projector.start()
            stop_phones, phone_count = threading.Event(), [0]
            if not args.no_phone_polls:
                phone_polls(phones, code, stop_phones, phone_count)
            time.sleep(args.poll * 1.5)  # projector and phones in their steady rhythm

            votes: list[tuple[float, float, int, int | None]] = []
            extra = {"duplicate_same_vote": 0, "over_limit_409": 0}
            lock = threading.Lock()

            def vote(index, k, barrier):
                """Participant `index` casts its k-th vote the moment everyone is ready."""
                phone = phones[index]
                pain = pains[(index + k * 3) % len(pains)]
                barrier.wait(timeout=remaining())
                with phone.lock:
                    sent = time.perf_counter()
                    status, text = phone.request("POST", f"/w/{code}/votes", body={"pain_id": pain})
                    acked = time.perf_counter()
                body = json.loads(text)
                if k == 0:
                    phone.first = (pain, body.get("vote_id"))
                    phone.fourth = pains[(index + 9) % len(pains)]
                with lock:
                    votes.append((sent, acked, status, body.get("vote_id")))

            def probe(index):
                """After the burst: the same vote again, and a 4th vote (over the limit)."""
                phone = phones[index]
                with phone.lock:
                    status, text = phone.request("POST", f"/w/{code}/votes",
                                                 body={"pain_id": phone.first[0]})
                    same = status == 200 and json.loads(text).get("vote_id") == phone.first[1]
                    status4, text4 = phone.request("POST", f"/w/{code}/votes",
                                                   body={"pain_id": phone.fourth})
                    refused = status4 == 409 and json.loads(text4)["error"] == "no-votes-left"
                with lock:
                    extra["duplicate_same_vote"] += same
                    extra["over_limit_409"] += refused

            t_votes = time.perf_counter()
            bursts = []
            with ThreadPoolExecutor(max_workers=n) as pool:
                for k in range(VOTES):  # each round: all N participants vote at the same moment
                    barrier = threading.Barrier(n)
                    started = time.perf_counter()
                    list(pool.map(lambda i, k=k, barrier=barrier: vote(i, k, barrier), range(n),
                                  timeout=remaining()))
                    bursts.append(time.perf_counter() - started)
            vote_s = time.perf_counter() - t_votes
            accepted = [v for v in votes if v[2] == 200]
            while projector.shown < len(accepted) and remaining() > 0:
                time.sleep(0.05)
            time.sleep(args.poll * 1.2)
            with ThreadPoolExecutor(max_workers=32) as pool:
                list(pool.map(probe, range(n), timeout=remaining()))
            projector.stop.set()
            stop_phones.set()
            projector.join(5)

            stored = stored_votes(tmp / "bench.sqlite", session_id)
            latencies, acks = [], []
            for sent, acked, _status, _ in accepted:
                shown_at = next((end for start, end, _ in projector.polls if start >= acked), None)
                acks.append(acked - sent)
                if shown_at is not None:
                    latencies.append(shown_at - sent)
            stale = sum(1 for start, _, shown in projector.polls
                        if shown < sum(1 for _, acked, st, _ in accepted if acked <= start))
        finally:
            stop_server(server)

    total = time.perf_counter() - began
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    print(f"workshop bench: {n} participants, gunicorn {args.workers} workers x {args.threads} "
          f"threads, SQLite (WAL), projector polls every {args.poll:.1f} s, "
          f"phones {'off' if args.no_phone_polls else f'every {PHONE_POLL_S} s'}")
    print(f"  join: {n} participants in {join_s:.1f} s")
    print(f"  votes: {VOTES} rounds of {n} votes sent at once; each round answered in "
          + ", ".join(f"{b:.2f} s" for b in bursts)
          + f" ({vote_s:.1f} s in all); accepted {len(accepted)}, stored {len(stored)}, "
          f"distinct {len(set(stored))}, shown on the projector {projector.shown}")
    print(f"  double submissions answered with the same vote: {extra['duplicate_same_vote']}/{n}; "
          f"4th vote refused (409 no-votes-left): {extra['over_limit_409']}/{n}")
    print(f"  POST round trip: p50 {ms(statistics.median(acks))}, p95 {ms(percentile(acks, 95))}, "
          f"max {ms(max(acks))}")
    print(f"  vote -> projector shows it: p50 {ms(statistics.median(latencies))}, "
          f"p95 {ms(percentile(latencies, 95))}, max {ms(max(latencies))} "
          f"({len(latencies)} of {len(accepted)} votes timed)")
    print(f"  projector polls: {len(projector.polls)} (stale after an acknowledged vote: {stale}); "
          f"phone polls: {phone_count[0]}; total run {total:.1f} s")
    ok = (len(accepted) == len(stored) == len(set(stored)) == projector.shown == 3 * n
          and extra["duplicate_same_vote"] == n and extra["over_limit_409"] == n and stale == 0
          and len(latencies) == len(accepted) and percentile(latencies, 95) < 2.0)
    print("  result: " + ("OK: nothing lost, nothing counted twice, p95 under 2 s" if ok else
                          "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
