"""Security headers on every response, and the one check of a client-chosen redirect target."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import Flask

#: Sent with every response unless the view set its own (e.g. a stricter CSP for a logo).
SECURITY_HEADERS = (
    ("Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
     "script-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
     "form-action 'self'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def init_security(app: Flask) -> None:
    headers = list(SECURITY_HEADERS)
    if app.config.get("SESSION_COOKIE_SECURE"):
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))

    @app.after_request
    def _headers(response):
        h = response.headers
        present = {key.lower() for key, _ in h.items()}  # one pass: a view may set its own
        for key, value in headers:
            if key.lower() not in present:
                h.add(key, value)
        return response


#: Longest `next` worth following; anything longer is not a page of ours.
MAX_NEXT = 2000


def _is_local_path(target: str) -> bool:
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    # Browsers drop tabs and newlines inside URLs and read "\" as "/": "/\t/evil" is "//evil".
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F or c == "\\" for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: object, fallback: str) -> str:
    """`target` when it is a path on this site, else `fallback`: the one check before redirecting
    to a URL a client chose. Refuses other hosts in every spelling browsers accept ("//x",
    "/\\x", "/%09/x", "/%2F%2Fx", tabs and newlines), repeatedly percent-decoded so an encoded
    variant is judged as the browser will finally read it."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT:
        return fallback
    seen = target
    for _ in range(4):  # percent-decoding settles within a few rounds; more is an attack
        if not _is_local_path(seen):
            return fallback
        decoded = unquote(seen)
        if decoded == seen:
            return target
        seen = decoded
    return fallback
