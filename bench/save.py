"""Answer saves under load: Readiness against a bare Flask + Flask-SQLAlchemy insert, same run.

    .venv/bin/python bench/save.py [--respondents 200] [--answers 48] [--inflight 50]
                                   [--workers 2] [--threads 4] [--short] [--check]

Starts two gunicorn servers side by side (same workers and threads): Readiness on a temporary
SQLite database holding the demo and a fresh engagement of N invited respondents, and the bare
app of bench/save_apps.py (one INSERT per answer). Then, for each server in turn, N simulated
respondents save their answers exactly as respond.js does: the block page first (the session
cookie and the CSRF token in the form), then POST /r/<token>/answer with the same JSON body and
the X-CSRFToken header, one answer after another; --inflight respondents at a time (threads,
http.client keep-alive connections).

--rounds R (3) repeats both on fresh respondents, alternating which server goes first; the
ratios are the median of the rounds' ratios (the machine is shared: its load moves). Printed for
both: saves per second (answers / wall time of the run, page loads included),
p50/p95 latency of a save, non-2xx and 500 counts, their ratios (targets: saves/s >= 0.6x bare,
p95 <= 1.5x bare, no 500) and the load average. Afterwards Readiness's database must hold every
answer with the level sent and block sums equal to a full recompute ("lost" counts the rest).
Exit status 1 on any 500 or lost answer; with --check also when a target is missed.
--short (30 respondents x 10 answers) is what CI runs (tests/bench/test_save_short.py).
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.workshop_client import (  # noqa: E402  (after the sys.path line above)
    Client,
    csrf_in,
    free_port,
    percentile,
    start_server,
    stop_server,
)

SEED = 20261130
TARGET_THROUGHPUT = 0.6  # Readiness saves/s >= 0.6 x bare
TARGET_P95 = 1.5  # Readiness p95 <= 1.5 x bare


def start(app: str, port: int, workers: int, threads: int):
    return start_server(port, workers, threads, app=app, probe="/r/none/block/1", timeout=60)


def plan(tokens: list[str], items: list[str], answers: int) -> dict[str, list[dict]]:
    """Each respondent's answers in order, as respond.js sends them (seeded)."""
    rng = random.Random(SEED)
    out = {}
    for token in tokens:
        bodies = []
        for item_id in items[:answers]:
            level = None if rng.random() < 0.06 else rng.randint(1, 5)
            bodies.append({"item_id": item_id, "level": level,
                           "confidence": rng.choice(["low", "medium", "high"]), "evidence": ""})
        out[token] = bodies
    return out


def load(port: int, answers: dict[str, list[dict]], inflight: int) -> dict:
    """Every respondent's saves, `inflight` respondents at a time; latencies and status codes."""
    work: queue.Queue = queue.Queue()
    for token in answers:
        work.put(token)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    acknowledged: dict[tuple[str, str], object] = {}
    lock = threading.Lock()

    def respondent(token: str) -> None:
        client = Client(port)
        status, page = client.request("GET", f"/r/{token}/block/1")
        if status != 200:
            raise RuntimeError(f"block page: {status}")
        client.csrf = csrf_in(page)
        for body in answers[token]:
            started = time.perf_counter()
            status, text = client.request("POST", f"/r/{token}/answer", body=body)
            took = time.perf_counter() - started
            with lock:
                latencies.append(took)
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200 and json.loads(text).get("saved"):
                    acknowledged[(token, body["item_id"])] = body["level"]
        client.conn.close()

    def worker() -> None:
        while True:
            try:
                token = work.get_nowait()
            except queue.Empty:
                return
            respondent(token)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(inflight)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    saves = len(latencies)
    return {"saves": saves, "wall": wall, "rate": saves / wall,
            "p50": statistics.median(latencies), "p95": percentile(latencies, 95),
            "non2xx": sum(n for s, n in statuses.items() if not 200 <= s < 300),
            "500": statuses.get(500, 0), "statuses": statuses, "acknowledged": acknowledged}


def verify(database: Path, acknowledged: dict, expected: int) -> tuple[int, int]:
    """(answers lost or with another level, respondent_block rows unlike a full recompute)."""
    with sqlite3.connect(database) as conn:
        stored = {(token, item): level for token, item, level in conn.execute(
            "SELECT r.token, a.item_id, a.level FROM answer a "
            "JOIN respondent r ON r.id = a.respondent_id")}
        weights = {"low": 0.5, "medium": 0.8, "high": 1.0}  # R-SCORE-4 defaults (the demo's)
        recomputed: dict[tuple[int, str], list[float]] = {}
        for rid, block, weight, level, confidence in conn.execute(
                "SELECT respondent_id, block_id, weight, level, confidence FROM answer"):
            cell = recomputed.setdefault((rid, block), [0.0, 0.0, 0, 0])
            if level is None:
                cell[3] += 1
            else:
                w = weight * weights[confidence]
                cell[0] += w * level
                cell[1] += w
                cell[2] += 1
        rows = {(rid, block): (s, t, a, d) for rid, block, s, t, a, d in conn.execute(
            "SELECT respondent_id, block_id, weighted_sum, weight_total, answered, dont_know "
            "FROM respondent_block")}
    lost = sum(1 for key, level in acknowledged.items() if stored.get(key, "missing") != level)
    lost += max(0, expected - len(acknowledged))
    wrong = sum(1 for key, cell in recomputed.items()
                if key not in rows or rows[key][2:] != tuple(cell[2:])
                or any(abs(a - b) > 1e-9 for a, b in zip(rows[key][:2], cell[:2], strict=True)))
    return lost, wrong


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run `finally`: stop gunicorn
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200, help="per round")
    parser.add_argument("--answers", type=int, default=48)
    parser.add_argument("--inflight", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of both servers, alternating which goes first")
    parser.add_argument("--short", action="store_true", help="30 respondents x 10 answers (CI)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.short:
        args.respondents, args.answers, args.rounds = 30, 10, 1

    from bench.save_apps import prepare

    rounds = []
    with tempfile.TemporaryDirectory(prefix="readiness-save-bench-") as tmp_name:
        tmp = Path(tmp_name)
        _, _, tokens, items = prepare(tmp, args.respondents * args.rounds)
        ports = free_port(), free_port()
        servers = []
        acknowledged: dict = {}
        try:
            for app, port in zip(("bench.save_apps:readiness_app()", "bench.save_apps:bare_app()"),
                                 ports, strict=True):
                servers.append(start(app, port, args.workers, args.threads))
            for number in range(args.rounds):
                # Each round: fresh respondents (first saves, as in the field), and the server
                # that goes first alternates so a change of the machine's load hits both.
                part = tokens[number * args.respondents:(number + 1) * args.respondents]
                answers = plan(part, items, args.answers)
                order = ("bare", "ours") if number % 2 == 0 else ("ours", "bare")
                result = {}
                for name in order:
                    result[name] = load(ports[1] if name == "bare" else ports[0], answers,
                                        args.inflight)
                result["load"] = os.getloadavg()[0]
                acknowledged.update(result["ours"]["acknowledged"])
                rounds.append(result)
        finally:
            for server in servers:
                stop_server(server)
        expected = args.rounds * args.respondents * min(args.answers, len(items))
        lost, wrong_sums = verify(tmp / "readiness.sqlite", acknowledged, expected)

    print(f"save bench: {args.rounds} round(s) of {args.respondents} respondents x {args.answers} "
          f"answers, {args.inflight} in flight; gunicorn {args.workers} workers x {args.threads} "
          "threads each, SQLite (WAL)")
    print(f"  {'':16s} {'saves/s':>8s} {'p50':>8s} {'p95':>8s} {'non-2xx':>8s} {'500':>5s}")
    throughputs, p95s = [], []
    for number, result in enumerate(rounds, 1):
        ours, bare = result["ours"], result["bare"]
        for name, r in (("Readiness", ours), ("bare", bare)):
            print(f"  {name + ' #' + str(number):16s} {r['rate']:8.1f} {r['p50'] * 1000:6.0f}ms "
                  f"{r['p95'] * 1000:6.0f}ms {r['non2xx']:8d} {r['500']:5d}   "
                  f"statuses {r['statuses']}")
        throughputs.append(ours["rate"] / bare["rate"])
        p95s.append(ours["p95"] / bare["p95"])
        print(f"  {'':16s} round {number}: saves/s ratio {throughputs[-1]:.2f}, p95 ratio "
              f"{p95s[-1]:.2f}x, load {result['load']:.2f}")
    throughput, p95 = statistics.median(throughputs), statistics.median(p95s)
    ok_rate, ok_p95 = throughput >= TARGET_THROUGHPUT, p95 <= TARGET_P95
    print(f"  median of the rounds' ratios: saves/s Readiness/bare {throughput:.2f} "
          f"(target >= {TARGET_THROUGHPUT}) {'PASS' if ok_rate else 'FAIL'}; p95 {p95:.2f}x "
          f"(target <= {TARGET_P95}) {'PASS' if ok_p95 else 'FAIL'}")
    print(f"  Readiness answers lost or wrong: {lost} of {expected}; block sums unlike a full "
          f"recompute: {wrong_sums}")
    load_avg = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"  load average (1/5/15 min): {load_avg} on {os.cpu_count()} CPUs")
    errors = sum(r[name]["500"] for r in rounds for name in ("ours", "bare"))
    non2xx = sum(r["ours"]["non2xx"] for r in rounds)
    failed = errors or lost or wrong_sums
    if args.check and not (ok_rate and ok_p95 and non2xx == 0):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
