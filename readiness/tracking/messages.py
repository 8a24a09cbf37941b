"""Tracking refusals (TrackingError and method.tracking.TrackingRuleError codes) in words."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unknown-status": _l("choose one of the statuses offered"),
    "done-needs-evidence": _l("a checkpoint is done with evidence: write what shows it, or attach a file"),
    "dropped-needs-reason": _l("say why the checkpoint is dropped"),
    "actual-in-future": _l("a real date cannot be in the future"),
    "unknown-owner": _l("choose an owner from the list"),
    "done-before-start": _l("the checkpoint cannot be done before it started"),
    "file-type": _l("files are PDF, PNG, JPEG, text, CSV, Word, Excel or PowerPoint"),
    "file-content": _l("the file's content does not match its type"),
    "file-too-large": _l("a file is at most %(mb)d MB"),
    "file-empty": _l("the file is empty"),
    "too-many-files": _l("a checkpoint keeps at most %(max)d files"),
    "empty-comment": _l("the comment is empty"),
    "text-too-long": _l("the text is longer than %(max)d characters"),
    "unknown-member": _l("no such team member in this engagement"),
})
message = MESSAGES.message
