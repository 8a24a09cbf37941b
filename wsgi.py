"""Entry point for gunicorn from a checkout: `gunicorn wsgi:app` (same app as readiness.wsgi)."""
from readiness.wsgi import app

__all__ = ["app"]
