"""An import's report across the redirect after the CSV import (post/redirect/get): the summary,
the rejected rows' reasons and the rejected rows themselves for the import box. Kept through
readiness/handoff.py: too big for the session cookie."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import handoff
from .csvimport import ParseResult, RowError


@dataclass
class ImportReport:
    added: int
    errors: list[RowError] = field(default_factory=list)
    rejected_csv: str = ""

    @property
    def rejected(self) -> int:
        return len({e.row for e in self.errors})


def save(instance_path: str, engagement_id: int, user_id: int, result: ParseResult) -> str:
    """Keep `result` for the page the import redirects to (shown again on reload for an hour)."""
    return handoff.save(instance_path, f"import:{engagement_id}", user_id, {
        "added": len(result.rows), "errors": [[e.row, e.code, e.params] for e in result.errors],
        "rejected_csv": result.rejected_csv})


def load(instance_path: str, token: object, engagement_id: int, user_id: int) -> ImportReport | None:
    data = handoff.load(instance_path, token, f"import:{engagement_id}", user_id)
    if data is None:
        return None
    return ImportReport(added=data["added"], rejected_csv=data["rejected_csv"],
                        errors=[RowError(row, code, params) for row, code, params in data["errors"]])
