"""Fixtures: a fresh app and database per test, client, runner, login, the demo engagement.

Every test gets its own SQLite file. Migrating (Alembic) and loading the demo once per session and
copying the resulting file keeps each test's database fresh without paying for them every time;
tests/test_app.py still runs the migrations themselves, up and down.
"""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from flask_migrate import upgrade

from readiness import create_app
from readiness.extensions import db
from readiness.questionnaires.services import load_builtin

from .helpers import Auth


def _build_template(path, monkeypatch_env, with_demo: bool):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    result = None
    with app.app_context():
        upgrade()
        load_builtin()  # what `readiness db upgrade` does after migrating (readiness/cli.py)
        db.session.commit()
        if with_demo:
            from readiness.demo import load_demo

            result = load_demo()
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
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


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
