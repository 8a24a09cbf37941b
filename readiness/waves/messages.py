"""Why a wave cannot start, in words (WaveError codes)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unknown-version": _l("Choose the current questionnaire version or a newer one of the same "
                          "questionnaire."),
    "nothing-answered": _l("Wave %(number)d has no answers yet: collect them before starting the "
                           "next wave."),
    "workshop-open": _l("A workshop session is still open: close it first, so that its "
                        "participants' answers stay in the current wave."),
})
message = MESSAGES.message
