"""GET is read-only (issue 15): the new-engagement and set-up pages write nothing; the built-in
questionnaire is stored by `readiness db upgrade` (and `readiness demo`), never by a page view."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from readiness import create_app
from readiness.extensions import db
from readiness.questionnaires.models import QuestionnaireVersion
from tests.helpers import make_user


@contextmanager
def recorded_writes(app):
    """The INSERT, UPDATE and DELETE statements sent to the database inside the block."""
    writes: list[str] = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield writes
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def _versions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(v.key, v.version) for v in db.session.scalars(sa.select(QuestionnaireVersion))]


@pytest.mark.parametrize("page", ["/engagements/new", "/engagements/{id}/setup"])
def test_new_engagement_and_setup_pages_write_nothing(app, client, auth, demo, page):
    auth.login(demo.email, demo.password)
    before = _versions(app)
    with recorded_writes(app) as writes:
        response = client.get(page.format(id=demo.engagement_id))
    assert response.status_code == 200
    assert writes == []
    assert _versions(app) == before == [("crm-pulse", "1.0"), ("crm-readiness", "1.0")]


def test_new_engagement_page_does_not_store_the_builtin_questionnaire(app, client, auth):
    """Even on a database that has no version yet (where the page used to store one)."""
    with app.app_context():
        db.session.execute(sa.delete(QuestionnaireVersion))
        db.session.commit()
    make_user(app, "owner@example.com")
    auth.login("owner@example.com")
    with recorded_writes(app) as writes:
        response = client.get("/engagements/new")
    assert response.status_code == 200 and writes == []
    assert _versions(app) == []


def test_new_engagement_offers_the_version_stored_by_db_upgrade(app, client, auth):
    """The empty test database is built like `readiness db upgrade` builds one (conftest.py)."""
    make_user(app, "owner@example.com")
    auth.login("owner@example.com")
    page = client.get("/engagements/new").text
    assert re.search(r'<option selected value="\d+">CRM readiness assessment', page)


def test_db_upgrade_stores_the_builtin_questionnaire_once(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    fresh = create_app({"TESTING": True,
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'fresh.sqlite'}"})
    runner = fresh.test_cli_runner()
    try:
        first = runner.invoke(args=["db", "upgrade"])
        assert first.exit_code == 0, first.output
        assert "Built-in questionnaire: crm-readiness v1.0" in first.output
        assert "Built-in questionnaire: crm-pulse v1.0" in first.output
        again = runner.invoke(args=["db", "upgrade"])
        assert again.exit_code == 0, again.output
        # same content: the same rows
        assert _versions(fresh) == [("crm-pulse", "1.0"), ("crm-readiness", "1.0")]
    finally:
        with fresh.app_context():
            db.session.remove()
            db.engine.dispose()


def test_db_upgrade_sql_writes_no_questionnaire(tmp_path, monkeypatch):
    """--sql only prints the migrations' SQL: there is no database to store the version in."""
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    fresh = create_app({"TESTING": True,
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'offline.sqlite'}"})
    try:
        result = fresh.test_cli_runner().invoke(args=["db", "upgrade", "--sql"])
        assert result.exit_code == 0, result.output
        assert "CREATE TABLE questionnaire_version" in result.output
        assert "Built-in questionnaire" not in result.output
        with fresh.app_context():
            assert "questionnaire_version" not in sa.inspect(db.engine).get_table_names()
    finally:
        with fresh.app_context():
            db.session.remove()
            db.engine.dispose()
