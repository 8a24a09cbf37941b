"""Entry point for gunicorn: `gunicorn readiness.wsgi:app` (checkout or installed wheel)."""
from readiness import create_app
from readiness.report.jobs import prestart

app = create_app()
# Serving for real: start the report worker (and its chromium) now, not at the first download.
prestart(app)
