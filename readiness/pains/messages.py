"""The pain register's refusals (PainError codes) in words, shown beside the form field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "title-required": _l("Give the pain point a short title."),
    "unknown-party": _l("Choose one of the affected parties."),
    "out-of-range": _l("Choose a value from 1 to 5."),
    "unknown-block": _l("Choose building blocks B1 to B8."),
    "unknown-department": _l("Choose a department of this engagement."),
    "required": _l("This field is required."),
})
message = MESSAGES.message
