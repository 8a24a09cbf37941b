"""An import's report across the redirect after the CSV import (post/redirect/get): the summary,
the rejected rows' reasons and the rejected rows themselves for the import box.

Too big for the session cookie (the rejected rows can be many), so it is kept as a small JSON file
under instance/imports/ (every gunicorn worker reads it), named by an unguessable token and
readable only by the account that imported, for the engagement it imported into, for an hour.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from .csvimport import ParseResult, RowError

logger = logging.getLogger(__name__)

#: A report is shown again on reload for this long, then forgotten.
KEEP_SECONDS = 3600
TOKEN_LENGTH = 22  # secrets.token_urlsafe(16)


@dataclass
class ImportReport:
    added: int
    errors: list[RowError] = field(default_factory=list)
    rejected_csv: str = ""

    @property
    def rejected(self) -> int:
        return len({e.row for e in self.errors})


def _folder(instance_path: str) -> Path:
    path = Path(instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prune(folder: Path, now: float) -> None:
    for old in folder.glob("*.json"):
        try:
            if now - old.stat().st_mtime > KEEP_SECONDS:
                old.unlink()
        except FileNotFoundError:  # another worker pruned it first
            pass


def save(instance_path: str, engagement_id: int, user_id: int, result: ParseResult) -> str:
    """Keep `result` for the page the import redirects to; returns its token."""
    folder, now = _folder(instance_path), time.time()
    _prune(folder, now)
    token = secrets.token_urlsafe(16)
    data = {"engagement_id": engagement_id, "user_id": user_id, "added": len(result.rows),
            "errors": [[e.row, e.code, e.params] for e in result.errors],
            "rejected_csv": result.rejected_csv}
    tmp = folder / f"{token}.tmp"
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, folder / f"{token}.json")
    return token


def load(instance_path: str, token: object, engagement_id: int, user_id: int) -> ImportReport | None:
    """The report behind `token`, or None (unknown, expired, someone else's, malformed token)."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH or not token.isascii() \
            or not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = _folder(instance_path) / f"{token}.json"
    try:
        if time.time() - path.stat().st_mtime > KEEP_SECONDS:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if data.get("engagement_id") != engagement_id or data.get("user_id") != user_id:
        return None
    return ImportReport(added=data["added"], rejected_csv=data["rejected_csv"],
                        errors=[RowError(row, code, params) for row, code, params in data["errors"]])
