"""Flask-WTF's CSRF protection with the signed token's check remembered.

Why (bench/save.py): a respondent's page sends its one CSRF token with every autosave, and
Flask-WTF checks it from scratch each time (a new serializer, key derivation, an HMAC). As with
the session cookie (sessions.py), a token that passed the check is remembered, keyed by the token
and the secret: a forged or altered token is another key and goes through the whole check. What
is decided per request stays per request: the token must still match this session's token, and
its age is checked against the time limit from the time signed into it. Errors, exemptions and
the HTTPS referrer check are Flask-WTF 1.3's own (`protect` below follows its code).
"""
from __future__ import annotations

import hmac
import logging
import time

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, same_origin
from itsdangerous import BadData, URLSafeTimedSerializer
from wtforms import ValidationError

from .lru import LRUCache

logger = logging.getLogger("flask_wtf.csrf")
_checked = LRUCache(4096)


def _signed_token(secret_key, data: str):
    """(the session's raw token, the time it was signed) for a token that passed the check."""
    return URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token").loads(
        data, return_timestamp=True)


def validate_csrf_remembered(data) -> None:
    """flask_wtf.csrf.validate_csrf with the signature's check remembered; same messages."""
    config = current_app.config
    secret_key = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    if not secret_key:
        raise RuntimeError("A secret key is required to use CSRF.")
    field_name = config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"
    time_limit = config.get("WTF_CSRF_TIME_LIMIT", 3600)
    if not data:
        raise ValidationError("The CSRF token is missing.")
    if field_name not in session:
        raise ValidationError("The CSRF session token is missing.")
    try:  # only a token that passed is remembered
        token, signed_at = _checked.get_or_compute(
            (secret_key, data), lambda: _signed_token(secret_key, data))
    except BadData as e:
        raise ValidationError("The CSRF token is invalid.") from e
    if time_limit is not None:
        age = time.time() - signed_at.timestamp()
        if age < 0 or age > time_limit:
            raise ValidationError("The CSRF token has expired.")
    if not hmac.compare_digest(session[field_name], token):
        raise ValidationError("The CSRF tokens do not match.")


class RememberingCSRFProtect(CSRFProtect):
    def protect(self, apply_exemptions=False):
        if apply_exemptions:
            if not request.endpoint:
                return
            if self._is_exempt():
                return
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return
        try:
            validate_csrf_remembered(self._get_csrf_token())
        except ValidationError as e:
            logger.info(e.args[0])
            self._error_response(e.args[0])
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            good_referrer = f"https://{request.host}/"
            if not same_origin(request.referrer, good_referrer):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True  # mark this request as CSRF valid
