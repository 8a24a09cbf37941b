"""Signed values whose check is remembered: the session cookie (sessions.py) and the CSRF token
(csrf_check.py) a respondent's page sends with every autosave.

Why (bench/save.py): checking a signature from scratch (serializer, key derivation, HMAC, base64,
JSON) was a tenth of a save, and the same cookie and token come back dozens of times a minute. A
value that passed the check once passes it again (same bytes, same keys), so its content and
signing time are remembered, keyed by the value and the keys. Only values that passed are
remembered: a forged or altered value is another key and gets the whole check, and junk cannot
crowd out good entries. The age limit is applied on every call, from the time signed into it.
"""
from __future__ import annotations

import time
from collections.abc import Hashable
from typing import Any

from itsdangerous import SignatureExpired, URLSafeTimedSerializer

from .lru import LRUCache


class RememberedChecks:
    def __init__(self, size: int = 4096):
        self._passed = LRUCache(size)

    def loads(self, serializer: URLSafeTimedSerializer, keys: Hashable, value: str,
              max_age: float | None) -> Any:
        """What `serializer.loads(value, max_age=max_age)` returns or raises (BadSignature,
        SignatureExpired), the signature checked once per value and keys. Callers must not change
        what it returns: it is shared with later calls."""
        content, signed_at = self._passed.get_or_compute(
            (keys, value), lambda: serializer.loads(value, return_timestamp=True))
        if max_age is not None:
            age = time.time() - signed_at.timestamp()
            if age < 0 or age > max_age:
                raise SignatureExpired("Signature age is out of bounds")
        return content
