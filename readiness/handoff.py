"""What a POST hands to the page it redirects to (post/redirect/get) when it is too big for the
session cookie (an import's rejected rows) or must not travel in it (a generated password: the
cookie is signed, not encrypted).

Kept as a small JSON file under instance/handoff/ (every gunicorn worker reads it, mode 0600),
named by an unguessable token that goes in the redirect's query string, readable only by the
account that made it and for the `scope` it was made for (e.g. "import:12"), for `keep` seconds;
`once` handoffs are deleted when read, so a password is shown once.
"""
from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

TOKEN_LENGTH = 22  # secrets.token_urlsafe(16)
#: Nothing is kept longer than this, whatever its `keep`.
MAX_KEEP = 3600


def _folder(instance_path: str) -> Path:
    path = Path(instance_path) / "handoff"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _prune(folder: Path, now: float) -> None:
    for old in folder.glob("*.json"):
        try:
            if now - old.stat().st_mtime > MAX_KEEP:
                old.unlink()
        except FileNotFoundError:  # another worker pruned it first
            pass


def save(instance_path: str, scope: str, user_id: int, data: Any, *, keep: int = MAX_KEEP,
         once: bool = False) -> str:
    """Keep `data` (JSON-able) for the next page; returns the token to pass it along."""
    folder, now = _folder(instance_path), time.time()
    _prune(folder, now)
    token = secrets.token_urlsafe(16)
    tmp = folder / f"{token}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"scope": scope, "user_id": user_id, "expires": now + min(keep, MAX_KEEP),
                   "once": once, "data": data}, out)
    os.replace(tmp, folder / f"{token}.json")
    return token


def load(instance_path: str, token: object, scope: str, user_id: int) -> Any | None:
    """The data behind `token`, or None: unknown, expired, another account's or scope's, or a
    token no handoff could have (any length, any characters: never an error)."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH or not token.isascii() \
            or not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = _folder(instance_path) / f"{token}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if stored.get("scope") != scope or stored.get("user_id") != user_id:
        return None
    if stored.get("once") or time.time() > stored.get("expires", 0):
        path.unlink(missing_ok=True)
    if time.time() > stored.get("expires", 0):
        return None
    return stored.get("data")
