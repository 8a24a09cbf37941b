"""App factory, configuration, security headers and migrations."""
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from readiness import create_app
from readiness.extensions import db

TABLES = {"user", "questionnaire_version", "engagement", "engagement_access", "department",
          "team_member", "asset", "respondent", "answer", "pain_point", "respondent_block",
          "roadmap_plan", "roadmap_edit", "alembic_version"}


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_secret_key_is_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "inst" / "secret_key").read_text().strip() == first
    assert oct((tmp_path / "inst" / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_database_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "inst"))
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/readiness")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == \
        "postgresql+psycopg://u:p@db.example/readiness"
    monkeypatch.delenv("DATABASE_URL")
    uri = create_app().config["SQLALCHEMY_DATABASE_URI"]
    assert uri == f"sqlite:///{tmp_path / 'inst' / 'readiness.sqlite'}"


def test_migrations_create_every_table_and_downgrade_cleanly(app):
    with app.app_context():
        assert set(sa.inspect(db.engine).get_table_names()) >= TABLES
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(sa.inspect(db.engine).get_table_names()) >= TABLES


def test_models_match_migrations(app):
    """Autogenerate finds nothing to do: every model change came with its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_security_headers_on_every_response(client):
    response = client.get("/auth/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "does not exist" in response.text


def test_plotly_js_is_served_from_the_installed_package(client):
    import plotly

    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert plotly.__version__ and len(response.data) > 1_000_000
