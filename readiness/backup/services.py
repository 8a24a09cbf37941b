"""Export and import as the pages and the CLI call them: bytes in, bytes out, one transaction."""
from __future__ import annotations

import json

import sqlalchemy.exc

from ..auth.models import User
from ..engagements.models import Engagement
from ..extensions import db
from .export import export_engagement
from .restore import restore
from .validate import MAX_BYTES, BackupError, parse, prepare


def export_bytes(engagement: Engagement) -> bytes:
    # Compact: a large engagement's answers are most of the file.
    return json.dumps(export_engagement(engagement), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def import_bytes(raw: bytes, owner: User, limit: int = MAX_BYTES) -> Engagement:
    """Check the whole document, then write it as a new engagement and commit; BackupError (and
    nothing written) when it is refused."""
    prepared = prepare(parse(raw, limit))
    try:
        engagement = restore(prepared, owner)
        db.session.commit()
    except sqlalchemy.exc.IntegrityError as exc:
        # A constraint the checks do not know (a duplicate answer, a level out of range).
        db.session.rollback()
        detail = str(exc.orig).splitlines()[0][:200] if exc.orig else "constraint"
        raise BackupError("not-stored", detail=detail) from None
    except BaseException:
        db.session.rollback()
        raise
    return engagement


def filename(engagement: Engagement) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in engagement.client.lower()).strip("-")
    return f"engagement-{engagement.id}-{safe[:40] or 'backup'}.json"
