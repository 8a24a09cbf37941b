"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from readiness import create_app

app = create_app()
