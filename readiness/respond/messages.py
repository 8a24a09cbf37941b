"""The questionnaire's refusals in words: a JSON answer it cannot save (InputError), a submit with
no answers (SubmitError), and the autosave endpoint's refusals of the link itself."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    # InputError: one JSON answer
    "not-an-object": _l("expected a JSON object"),
    "unknown-item": _l("unknown item"),
    "level-required": _l("level is required: 1-5, or null for don't know"),
    "bad-level": _l("level must be 1-5, or null for don't know"),
    "bad-confidence": _l("confidence must be low, medium or high"),
    "evidence-not-text": _l("evidence must be text"),
    "evidence-too-long": _l("evidence is longer than %(max)d characters"),
    # SubmitError
    "no-answers": _l("Answer at least one item before you submit."),
    # the link (autosave answers JSON)
    "bad-link": _l("This link is not valid."),
    "link-withdrawn": _l("This link has been withdrawn."),
    "wave-closed": _l("This round of the questionnaire is closed: its answers can no longer "
                      "change."),
    "already-submitted": _l("This questionnaire has already been submitted."),
    "page-expired": _l("The page has expired: reload it to go on saving."),
})
message = MESSAGES.message
