"""Backup refusals in words (BackupError codes)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "too-large": _l("The file is larger than %(mb)d MB."),
    "not-json": _l("The file is not a JSON document."),
    "not-a-backup": _l("The file is not an engagement backup."),
    "wrong-schema": _l("The file's schema is %(found)s; this installation reads %(expected)s."),
    "missing-section": _l("The backup has no %(section)s section."),
    "bad-section": _l("The %(section)s section of the backup has the wrong shape."),
    "bad-row": _l("%(where)s is not a valid row (each row is an object numbered in order by ref)."),
    "missing-field": _l("%(where)s has no %(name)s."),
    "bad-value": _l("%(where)s: expected %(expected)s."),
    "bad-reference": _l("%(where)s refers to a row of %(target)s the backup does not hold."),
    "bad-questionnaire": _l("%(where)s is not a valid questionnaire definition."),
    "questionnaire-hash": _l("%(where)s: the definition does not match its key and content hash."),
    "too-many-rows": _l("The backup holds more than %(max)d rows."),
    "no-file": _l("Choose a backup file (.json) to import."),
    "not-stored": _l("The backup could not be stored: %(detail)s"),
})
message = MESSAGES.message
