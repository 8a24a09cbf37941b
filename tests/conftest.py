"""Fixtures: a fresh app and database per test (migrated with Alembic), client, runner, login."""
from __future__ import annotations

import re

import pytest
from flask_migrate import upgrade

from readiness import create_app
from readiness.extensions import db


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


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def make_user(app, email="consultant@example.com", role="consultant", password="correct horse battery"):
    from readiness.auth.services import create_user

    with app.app_context():
        user, _ = create_user(email, email.split("@")[0].title(), password, role)
        db.session.commit()
        return user.id


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email="consultant@example.com", password="correct horse battery"):
        page = self.client.get("/auth/login")
        return self.client.post("/auth/login", data={
            "email": email, "password": password, "csrf_token": csrf_token(page.text)})

    def logout(self):
        page = self.client.get("/engagements")
        return self.client.post("/auth/logout", data={"csrf_token": csrf_token(page.text)})


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
