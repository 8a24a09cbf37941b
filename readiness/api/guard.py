"""The API's gate and its errors: bearer-token authentication before every view, and every
error as JSON {"code", "reason", "status"}."""
from __future__ import annotations

from flask import g, jsonify, request
from werkzeug.exceptions import HTTPException

from ..edge import CODES, read_json
from ..edge import MESSAGES as EDGE_MESSAGES
from ..throttle import Throttle
from . import bp
from .messages import MESSAGES
from .tokens import user_for_token

#: Wrong tokens per address before 429: a token cannot be guessed, but a loop can be slowed.
BAD_TOKENS = Throttle("api-token", limit=20)

#: Codes of the statuses the pages' edge does not name (the API's own).
API_CODES = {**CODES, 401: "unauthorized", 409: "conflict", 422: "invalid"}


def error_body(status: int, reason: str | None = None, errors: dict | None = None):
    code = API_CODES.get(status, "bad-request")
    if reason is None:
        reason = (MESSAGES.message(code) if code in MESSAGES
                  else EDGE_MESSAGES.message(code, mb=1))
    body: dict = {"code": code, "reason": reason, "status": status}
    if errors:
        body["errors"] = errors
    return jsonify(body), status


@bp.errorhandler(HTTPException)
def api_error(error: HTTPException):
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if isinstance(errors, dict) and set(errors) <= {"json", "query", "path", "form", "headers"}:
        # webargs files errors by location: "json.name", "query.limit" say both at once.
        errors = {f"{where}.{k}": v for where, fields in errors.items()
                  for k, v in (fields.items() if isinstance(fields, dict) else [("", fields)])}
    if errors is not None and not isinstance(errors, dict):
        errors = {"": errors}
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
    # The edge's bounds on every JSON body (size, nesting, finite numbers) before webargs parses
    # it: an EdgeError answers 400/413 in the API's shape (edge.init_edge).
    read_json()
    return None
