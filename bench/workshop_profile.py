"""Where a vote's time goes inside gunicorn (1 worker, 1 thread: what a real request pays, not the
test client's shortcuts): cProfile around every POST /w/<code>/votes and the SQL statements each
one runs.

    .venv/bin/python bench/workshop_profile.py [--participants 60] [--top 30] [--sort cumulative]
                                               [--no-profile]

Prepares the demo database as bench/workshop.py does, joins N phones, and each casts its 3 votes
one after another (then a duplicate and a 4th, refused); prints the statements per vote (by kind)
and the cProfile of the votes, sorted by cumulative time, and the server CPU per vote.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.workshop_client import (  # noqa: E402  (after the sys.path line above)
    facilitator,
    free_port,
    join,
    prepare_database,
    start_server,
    stop_server,
)
from bench.workshop_phones import server_cpu  # noqa: E402

REPORT = "/__vote_profile"


def make_app():
    """gunicorn's app factory: the bench app with a profiler around the votes."""
    import sqlalchemy as sa

    from bench.workshop import make_app as bench_app
    from readiness.extensions import db

    app = bench_app()
    profiling = os.environ.get("VOTE_PROFILE", "1") == "1"
    profiler = cProfile.Profile()
    statements: Counter[str] = Counter()
    votes = [0]
    in_vote = [False]
    with app.app_context():
        engine = db.engine

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _count(conn, cursor, statement, *args):
        if in_vote[0]:
            statements[statement.split()[0].upper()] += 1

    inner = app.wsgi_app

    def wsgi(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == REPORT:
            out = io.StringIO()
            per = max(1, votes[0])
            out.write(f"{votes[0]} votes; SQL statements a vote: "
                      + ", ".join(f"{k} {n / per:.2f}" for k, n in sorted(statements.items()))
                      + f" (all {sum(statements.values()) / per:.2f})\n")
            pstats.Stats(profiler, stream=out).sort_stats(environ.get("HTTP_X_SORT") or "cumulative").print_stats(
                int(environ.get("QUERY_STRING") or 30))
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [out.getvalue().encode()]
        if environ["REQUEST_METHOD"] == "POST" and path.endswith("/votes") and profiling:
            votes[0] += 1
            in_vote[0] = True
            profiler.enable()
            try:
                return list(inner(environ, start_response))
            finally:
                profiler.disable()
                in_vote[0] = False
        return inner(environ, start_response)

    app.wsgi_app = wsgi  # type: ignore[method-assign]
    return app


def main(argv=None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="pstats order (tottime, ...)")
    parser.add_argument("--no-profile", action="store_true",
                        help="only the server CPU a vote, without the profiler's overhead")
    args = parser.parse_args(argv)
    os.environ["VOTE_PROFILE"] = "0" if args.no_profile else "1"
    n = max(1, min(args.participants, 300))
    with tempfile.TemporaryDirectory(prefix="readiness-ws-profile-") as tmp:
        engagement_id, email, password = prepare_database(Path(tmp))
        port = free_port()
        server = start_server(port, 1, 1, app="bench.workshop_profile:make_app()")
        try:
            laptop, _console, code, pains = facilitator(port, engagement_id, email, password)
            phones = [join(port, code, i) for i in range(n)]
            load, cpu, started = os.getloadavg(), server_cpu(server.pid), time.perf_counter()
            for k in range(3):
                for i, phone in enumerate(phones):
                    status, _ = phone.request("POST", f"/w/{code}/votes",
                                              body={"pain_id": pains[(i + 3 * k) % len(pains)]})
                    assert status == 200, status
            cpu, wall = server_cpu(server.pid) - cpu, time.perf_counter() - started
            for i, phone in enumerate(phones[:5]):
                assert phone.request("POST", f"/w/{code}/votes",
                                     body={"pain_id": pains[i % len(pains)]})[0] == 200
                assert phone.request("POST", f"/w/{code}/votes",
                                     body={"pain_id": pains[(i + 9) % len(pains)]})[0] == 409
            print(f"load average {load[0]:.2f}; {3 * n} votes one after another: server CPU "
                  f"{cpu / (3 * n) * 1000:.2f} ms a vote (profiler {'off' if args.no_profile else 'on'}), wall "
                  f"{wall / (3 * n) * 1000:.2f} ms a vote")
            if not args.no_profile:
                print(laptop.request("GET", f"{REPORT}?{args.top}",
                                     headers={"X-Sort": args.sort})[1])
        finally:
            stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
