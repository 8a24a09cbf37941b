"""Fault bench: kill -9 the server mid-load, restart it, and lose nothing that was acknowledged.

    .venv/bin/python bench/crash.py [--respondents 40] [--answers 24] [--kills 2]

gunicorn (2 workers x 4 threads) serves Readiness on a temporary SQLite database. Respondents
save answers as respond.js does and retry each save until it is acknowledged (a 200), then change
half of them (so "the last value" is tested). Meanwhile, --kills times: the gunicorn master and
every descendant are listed, the whole process group gets SIGKILL, and a new gunicorn starts on
the same port. At the end: acknowledged answers lost (must be 0), answers whose stored level is
not the last one sent (must be 0), PRAGMA integrity_check (must be ok), block sums unlike a full
recompute, and processes of the killed servers still alive (must be none).
Exit status 1 when any of those fails.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.save import start, verify  # noqa: E402  (after the sys.path line above)
from bench.workshop_client import Client, csrf_in, free_port, stop_server  # noqa: E402
from readiness import lifeline  # noqa: E402

SEED = 20261131
#: As served for real (README, make run): the report worker and its chromium start with the app,
#: so the process tree killed is the production one.
APP = "readiness.wsgi:app"


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, the pid itself included (the product's own /proc walk)."""
    return {pid, *lifeline.descendants(pid)}


def alive(pids: set[int]) -> set[int]:
    """The pids still running (zombies, dead but not reaped, do not count)."""
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def call(port: int, client: Client | None, method: str, path: str, body=None, cookies=None):
    """One request on a fresh or kept connection; (status or None on a network error, text)."""
    try:
        if client is None:
            client = Client(port)
        return client.request(method, path, body=body)
    except (OSError, http.client.HTTPException):
        return None, ""


def respondent(port: int, token: str, bodies: list[dict], acked: dict, stats: dict, lock) -> None:
    """Save every body in order; each one retried (fresh page, fresh connection) until a 200."""
    client = None
    for body in bodies:
        while True:
            if client is None or not client.csrf:
                client = Client(port)
                status, page = call(port, client, "GET", f"/r/{token}/block/1")
                if status != 200:
                    client = None
                    time.sleep(0.2)
                    continue
                client.csrf = csrf_in(page)
            status, text = call(port, client, "POST", f"/r/{token}/answer", body=body)
            with lock:
                stats[status] = stats.get(status, 0) + 1
            if status == 200 and json.loads(text).get("saved"):
                with lock:
                    acked[(token, body["item_id"])] = body["level"]
                break
            client = None  # connection refused, reset or a 5xx: start again, as a page reload
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=40)
    parser.add_argument("--answers", type=int, default=24)
    parser.add_argument("--kills", type=int, default=2)
    args = parser.parse_args(argv)
    from bench.save_apps import prepare

    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="readiness-crash-bench-") as tmp_name:
        tmp = Path(tmp_name)
        _, _, tokens, items = prepare(tmp, args.respondents)
        plans = {}
        for token in tokens:
            first = [{"item_id": i, "level": rng.randint(1, 5), "confidence": "medium",
                      "evidence": ""} for i in items[:args.answers]]
            changes = [dict(b, level=None if rng.random() < 0.2 else rng.randint(1, 5),
                            confidence="high") for b in first[::2]]
            plans[token] = first + changes
        port = free_port()
        server = start(APP, port, 2, 4)
        acked: dict = {}
        stats: dict = {}
        lock = threading.Lock()
        threads = [threading.Thread(target=respondent, args=(port, t, plans[t], acked, stats, lock))
                   for t in tokens]
        began = time.perf_counter()
        for t in threads:
            t.start()
        killed: set[int] = set()
        kills = []
        try:
            saves = sum(len(p) for p in plans.values())
            for k in range(args.kills):
                # mid-load: after a share of the saves were acknowledged (not at start-up)
                wait_until = time.monotonic() + 120
                while (stats.get(200, 0) < saves * (k + 1) / (args.kills + 2)
                       and time.monotonic() < wait_until):
                    time.sleep(0.05)
                before = stats.get(200, 0)
                tree = descendants(server.pid)
                killed |= tree
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
                kills.append((len(tree), before))
                server = start(APP, port, 2, 4)
            for t in threads:
                t.join(timeout=300)
        finally:
            last_tree = descendants(server.pid)
            stop_server(server)
        wall = time.perf_counter() - began
        time.sleep(1.0)
        survivors = alive(killed) | alive(last_tree)
        final = {(token, b["item_id"]): b["level"] for token in tokens for b in plans[token]}
        with sqlite3.connect(tmp / "readiness.sqlite") as conn:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        lost, wrong_sums = verify(tmp / "readiness.sqlite", acked, len(final))
        not_last = sum(1 for key, level in final.items() if acked.get(key, "missing") != level)

    sent = sum(len(p) for p in plans.values())
    print(f"crash bench: {args.respondents} respondents x {args.answers} answers, then half of "
          f"them changed ({sent} saves); gunicorn 2 workers x 4 "
          f"threads, SQLite (WAL, synchronous=NORMAL); {args.kills} kill -9 of the process group")
    for n, (tree, before) in enumerate(kills, 1):
        print(f"  kill {n}: {tree} processes in the tree, after {before} acknowledged saves")
    print(f"  requests by status (None: connection refused or reset): {stats}; {wall:.1f} s")
    print(f"  acknowledged answers lost or changed: {lost}; stored level not the last one sent: "
          f"{not_last} of {len(final)}")
    print(f"  integrity_check: {integrity}; block sums unlike a full recompute: {wrong_sums}")
    print(f"  processes of the killed servers still alive: {len(survivors)} {sorted(survivors)}")
    load_avg = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"  load average (1/5/15 min): {load_avg} on {os.cpu_count()} CPUs")
    ok = (lost == 0 and not_last == 0 and integrity == "ok" and wrong_sums == 0
          and not survivors and stats.get(500, 0) == 0)
    print("  result: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
