"""Settings from the environment; secrets generated once and kept under instance/, never committed."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


def _secret_key(instance_path: str) -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "readiness.sqlite")
    # Heroku-style URLs name the old driver; SQLAlchemy 2 wants psycopg (v3) spelled out.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def load_config(instance_path: str) -> dict:
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(os.environ.get("SESSION_HOURS", "8"))),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": {"en": "English", "zh": "简体中文"},
        "CHROMIUM_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        # Email (README): without SMTP_URL the roster keeps the copy-the-link flow.
        "SMTP_URL": os.environ.get("SMTP_URL", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Readiness <readiness@localhost>"),
        # Links in messages sent outside a request (the reminders command) start with this.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Several machines (README, Deployment): with a Redis, reports and email run as RQ jobs on
        # `readiness worker` processes and the guessing limits are counted once for every server.
        # Empty: one machine, one process tree, limits counted in each process's memory.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        # The RQ queue's name: two deployments (or test runs) sharing one Redis keep theirs apart.
        "RQ_QUEUE": os.environ.get("RQ_QUEUE", "readiness"),
        # Phone event streams one server process keeps open (workshop/phone_live.py); empty: its
        # gunicorn threads less a reserve for votes and saves. Phones over it poll.
        "WORKSHOP_PHONE_STREAMS": os.environ.get("WORKSHOP_PHONE_STREAMS", ""),
        # Respondents leave a questionnaire open for a long time; tokens last as long as a session.
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    }
