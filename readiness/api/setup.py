"""Plugging the API into the app: flask-smorest's Api (the OpenAPI 3.1 document at
/api/v1/openapi.json), bearer-token authentication and JSON errors {"code", "reason"}."""
from __future__ import annotations

from flask import Flask, g, jsonify, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from ..edge import CODES, MESSAGES
from ..extensions import csrf
from ..throttle import Throttle
from . import bp
from .messages import API_MESSAGES
from .schemas import ErrorSchema
from .tokens import user_for_token

#: Wrong tokens per address before 429: a token cannot be guessed, but a loop can be slowed.
BAD_TOKENS = Throttle("api-token", limit=20)

#: Codes of the statuses the pages' edge does not name (the API's own).
API_CODES = {**CODES, 401: "unauthorized", 409: "conflict", 422: "invalid"}


class ReadinessApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        """Only the API's own errors: flask-smorest would otherwise answer every page's HTTP
        error (a 401 or 422 of a form) in JSON. Routing errors under /api/ (404, 405) reach the
        app's edge handlers, which answer them in this same shape (edge.error_response). The
        blueprint's own handler is api_error, below."""


def error_body(status: int, reason: str | None = None, errors: dict | None = None):
    code = API_CODES.get(status, "bad-request")
    if reason is None:
        reason = (API_MESSAGES.message(code) if code in API_MESSAGES
                  else MESSAGES.message(code, mb=1))
    body: dict = {"code": code, "reason": reason, "status": status}
    if errors:
        body["errors"] = errors
    return jsonify(body), status


@bp.errorhandler(HTTPException)
def api_error(error: HTTPException):
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if isinstance(errors, dict) and set(errors) <= {"json", "query", "path", "form", "headers"}:
        # webargs files errors by location; the client only needs the fields.
        errors = {f"{where}.{k}": v for where, fields in errors.items() for k, v in fields.items()}
    response, status = error_body(error.code or 400, data.get("message"), errors)
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="readiness"'
    return response, status


@bp.before_request
def _authenticate():
    """Bearer tokens only: the API reads no session cookie, so a page cannot be tricked into
    calling it (which is why the blueprint needs no CSRF token)."""
    address = request.remote_addr or "?"
    if BAD_TOKENS.blocked(address):
        return error_body(429)
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        if header:
            BAD_TOKENS.failed(address)
        response, status = error_body(401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="readiness"'
        return response, status
    g.api_user = user
    return None


def init_api(app: Flask) -> None:
    from . import routes, tracking  # noqa: F401  (their decorators add the views)

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
