"""Fixtures: a fresh app and database per test (migrated with Alembic), client, runner, login."""
from __future__ import annotations

import pytest
from flask_migrate import upgrade

from readiness import create_app
from readiness.extensions import db

from .helpers import Auth


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}"})
    with app.app_context():
        upgrade()
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
def demo(app):
    """The demo engagement; returns its id and the consultant's generated password."""
    from readiness.demo import load_demo

    with app.app_context():
        result = load_demo()
        db.session.commit()
    return result
