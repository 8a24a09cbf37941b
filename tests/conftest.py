"""Fixtures: a fresh app and database per test, client, runner, login, the demo engagement.

Every test gets its own SQLite file. Migrating (Alembic) and loading the demo once per session and
copying the resulting file keeps each test's database fresh without paying for them every time;
tests/test_app.py still runs the migrations themselves, up and down.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import uuid

import flask
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from werkzeug.serving import make_server

from readiness import create_app
from readiness.extensions import db
from readiness.questionnaires.services import load_builtin
from readiness.throttle import reset_all

from .helpers import Auth
from .respondents.helpers import add_respondent, make_engagement
from .workshop.helpers import open_session


def _build_template(path, monkeypatch_env, with_demo: bool):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    result = None
    with app.app_context():
        upgrade()
        load_builtin()  # what `readiness db upgrade` does after migrating (readiness/cli.py)
        db.session.commit()
        if with_demo:
            from readiness.demo import load_demo

            # Without its tracking: the roadmap tests read the demo's roadmap as a proposal not
            # kept yet; tests/tracking adds the demo's tracking (demo_tracked) on its copy.
            result = load_demo(tracking=False)
            db.session.commit()
        db.session.remove()
        db.engine.dispose()
    # Fold the WAL into the main file so a plain copy holds everything.
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return result


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    base = tmp_path_factory.mktemp("db-templates")
    mp = pytest.MonkeyPatch()
    mp.setenv("READINESS_INSTANCE", str(base / "instance"))
    mp.delenv("DATABASE_URL", raising=False)
    empty, demo = base / "empty.sqlite", base / "demo.sqlite"
    _build_template(empty, mp, with_demo=False)
    demo_result = _build_template(demo, mp, with_demo=True)
    mp.undo()
    return {"empty": empty, "demo": demo, "demo_result": demo_result}


@pytest.fixture
def app(request, tmp_path, monkeypatch, _templates):
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    database = tmp_path / "test.sqlite"
    # Tests that ask for the demo get a copy of the demo database; the others an empty, migrated one.
    shutil.copyfile(_templates["demo" if "demo" in request.fixturenames else "empty"], database)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    reset_all()  # throttles are process-wide: every test starts with no failures counted
    failures = _record_500s(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if failures and request.node.get_closest_marker("allow_500") is None:
        pytest.fail("the app answered 500 (a 500 is a bug: bad input must get a 4xx):\n"
                    + "\n".join(failures), pytrace=False)


def _record_500s(app) -> list[str]:
    """Every 500 the app answers during a test, with the exception behind it when there is one.
    A test that passes while a page answered 500 somewhere (a poller, a fuzz case) still fails."""
    failures: list[str] = []

    def _exception(sender, exception, **extra):
        failures.append(f"{flask.request.method} {flask.request.path}: {exception!r}")

    @app.after_request
    def _status(response):
        if response.status_code >= 500:
            failures.append(f"{flask.request.method} {flask.request.path} -> {response.status_code}")
        return response

    flask.got_request_exception.connect(_exception, app, weak=False)
    return failures


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def demo(app, _templates):
    """The demo engagement (already in this test's database copy): id, email, password."""
    return _templates["demo_result"]


# Fixtures several features use: an engagement with respondents, one respondent, a live workshop session.


@pytest.fixture
def eng(app):
    return make_engagement(app)


@pytest.fixture
def person(app):
    eng = make_engagement(app)
    return add_respondent(app, eng.id, "Pat Doe", "front_line", eng.departments["Sales"])


@pytest.fixture
def running(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    session_id, code = open_session(client, demo.engagement_id)
    return demo.engagement_id, session_id, code


#: A PostgreSQL server for the postgres-marked tests (make test starts one through .ci/postgres).
PG_SERVER = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def pg_app(tmp_path, monkeypatch):
    if not PG_SERVER:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: TEST_DATABASE_URL is not set")
        pytest.skip("TEST_DATABASE_URL not set (make test sets it)")
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.extensions import db

    name = "readiness_test_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(PG_SERVER.replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_SERVER.rsplit("/", 1)[0] + "/" + name
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("DATABASE_URL", url)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


# The browser tests' server and chromium (tests/browser, tests/a11y): defined once, here, so the
# whole session shares one Playwright instance (a second sync_playwright() refuses to start).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()
