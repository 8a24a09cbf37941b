"""What the service worker is built from: its version (a digest of the static files, so a new
release installs a new worker whose cache replaces the old one) and the files it keeps from the
start. Pure functions of the static folder, no Flask."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

#: Taken into the cache when the worker installs: what the phone pages need to work offline.
PRECACHE = ("css/app.css", "css/respond.css", "css/workshop.css", "js/offline.js",
            "js/respond.js", "js/respond-phone.js", "js/workshop_phone.js")

#: The page paths the worker keeps (under these prefixes only; everything else passes by).
PAGE_PREFIXES = ("/r/", "/w/")


@lru_cache(maxsize=4)
def static_version(static_folder: str) -> str:
    """A short digest of every static file's path and content: changes with any release that
    changes one of them (the static URLs carry no version of their own)."""
    digest = hashlib.sha256()
    root = Path(static_folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
