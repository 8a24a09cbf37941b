"""Questionnaire management refusals (ManageError codes) in words."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "label-taken": _l("%(key)s version %(version)s is already stored with other content: give "
                      "the file a new version label."),
    "key-taken": _l("A questionnaire with the id %(key)s exists already: choose another id."),
    "same-as": _l("These changes give exactly version %(version)s (stored as number %(id)s); "
                  "use that one."),
})
message = MESSAGES.message
