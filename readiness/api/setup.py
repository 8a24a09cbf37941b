"""Plugging the API into the app: flask-smorest's Api (the OpenAPI 3.1 document at
/api/v1/openapi.json); the gate and the errors are in guard.py."""
from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from ..extensions import csrf
from . import bp
from .schemas import ErrorSchema


class ReadinessApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        """Only the API's own errors: flask-smorest would otherwise answer every page's HTTP
        error (a 401 or 422 of a form) in JSON. Routing errors under /api/ (404, 405) reach the
        app's edge handlers, which answer them in this same shape (edge.error_response). The
        blueprint's own handler is guard.api_error."""


def init_api(app: Flask) -> None:
    from . import guard, routes, tracking  # noqa: F401  (their decorators add the views)

    app.config.setdefault("API_TITLE", "Readiness API")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "An API token created on the profile page"}}},
        "info": {"description": "Errors are JSON {code, reason, status}. Lists are paged with "
                                "limit (1-100) and offset."},
    })
    api = ReadinessApi(app)
    api.register_blueprint(bp)
    csrf.exempt(bp)
