"""The workshop's concurrency guarantees on PostgreSQL too (row locks instead of SQLite's single
writer): simultaneous double submissions, votes over the limit, votes racing a close."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from werkzeug.serving import make_server

from tests.test_postgres import pg_app  # noqa: F401  (the PostgreSQL app fixture)
from tests.test_workshop_concurrency import act, join, setup_voting, stored_votes, vote

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_demo(pg_app):
    from readiness.demo import load_demo
    from readiness.extensions import db

    with pg_app.app_context():
        result = load_demo()
        db.session.commit()
    return result


@pytest.fixture
def pg_server(pg_app):
    httpd = make_server("127.0.0.1", 0, pg_app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(5)


def test_limits_hold_under_concurrency_on_postgres(pg_app, pg_server, pg_demo):
    laptop, session_id, code, pains = setup_voting(pg_server, pg_demo)
    ann = join(pg_server, code, "Ann")
    with ThreadPoolExecutor(max_workers=10) as pool:
        same = list(pool.map(lambda _: vote(ann, code, pains[0]), range(10)))
    assert {s for s, _ in same} == {200} and len({b["vote_id"] for _, b in same}) == 1
    bo = join(pg_server, code, "Bo")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda pain: vote(bo, code, pain), pains[:8]))
    assert sorted(s for s, _ in results) == [200] * 3 + [409] * 5
    assert len(stored_votes(pg_app)) == 1 + 3

    phones = [join(pg_server, code, f"P{n}") for n in range(10)]
    barrier = threading.Barrier(len(phones) + 1)

    def one(index):
        barrier.wait()
        return vote(phones[index], code, pains[index % len(pains)])

    with ThreadPoolExecutor(max_workers=len(phones) + 1) as pool:
        futures = [pool.submit(one, i) for i in range(len(phones))]
        barrier.wait()
        act(laptop, pg_demo, session_id, "close", confirm="y")
        raced = [f.result() for f in futures]
    accepted = sum(1 for s, _ in raced if s == 200)
    assert all(b["error"] == "closed" for s, b in raced if s != 200)
    assert len(stored_votes(pg_app)) == 4 + accepted
