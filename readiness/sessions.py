"""Flask's signed-cookie session, with the cookie's check remembered.

Why (bench/save.py): a respondent's autosave sends the same session cookie dozens of times a
minute, and Flask checks it from scratch on every request: a new serializer, key derivation, an
HMAC, base64 and JSON. That was a tenth of the save's time. A cookie that passed the check once
passes it again (same bytes, same keys), so its decoded content is remembered, keyed by the
cookie itself and the keys: nothing unchecked is ever remembered, and a forged or altered cookie
is a different key that goes through the full check. The age limit is still applied on every
request, from the time signed into the cookie. Each request gets its own copy of the content.
"""
from __future__ import annotations

import copy
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from .lru import LRUCache

#: Sessions remembered per process (a few hundred bytes each).
REMEMBERED = 4096


class CheckedCookieSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._checked = LRUCache(REMEMBERED)
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

        try:  # only a cookie that passed is remembered: junk cannot crowd out good entries
            data, signed_at = self._checked.get_or_compute(
                (keys, val), lambda: serializer.loads(val, return_timestamp=True))
        except BadSignature:
            return self.session_class()
        age = time.time() - signed_at.timestamp()
        if age < 0 or age > max_age:  # what itsdangerous's max_age refuses, checked every time
            return self.session_class()
        return self.session_class(copy.deepcopy(data))
