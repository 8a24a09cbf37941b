"""Flask-WTF's CSRF protection with the signed token's check remembered (signed.py: a
respondent's page sends its one token with every autosave). What is decided per request stays per
request: the token must still match this session's token, and its age is checked every time.
Errors, exemptions and the HTTPS referrer check are Flask-WTF 1.3's own (`protect` below follows
its code).
"""
from __future__ import annotations

import hmac
import logging

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, same_origin
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from wtforms import ValidationError

from .signed import RememberedChecks

logger = logging.getLogger("flask_wtf.csrf")
_checks = RememberedChecks()


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
    serializer = URLSafeTimedSerializer(secret_key, salt="wtf-csrf-token")
    try:
        token = _checks.loads(serializer, secret_key, data, time_limit)
    except SignatureExpired as e:
        raise ValidationError("The CSRF token has expired.") from e
    except BadData as e:
        raise ValidationError("The CSRF token is invalid.") from e
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
