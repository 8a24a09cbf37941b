"""Flask's signed-cookie session, with the cookie's check remembered (signed.py: a respondent's
autosave sends the same cookie dozens of times a minute). Each request gets its own copy of the
content.
"""
from __future__ import annotations

import copy

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from .signed import RememberedChecks


class CheckedCookieSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._checks = RememberedChecks()
        self._serializers: dict[tuple, object] = {}

    def _serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        found = self._serializers.get(keys)
        if found is None:
            found = self._serializers[keys] = self.get_signing_serializer(app)
        return keys, found

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not app.secret_key:
            return None
        val = request.cookies.get(self.get_cookie_name(app))
        if not val:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        keys, serializer = self._serializer(app)
        try:
            data = self._checks.loads(serializer, keys, val, max_age)
        except BadSignature:  # altered, foreign or expired: an empty session, as Flask's
            return self.session_class()
        return self.session_class(copy.deepcopy(data))
