"""Set-up and sharing refusals (SetupError codes) in words, shown beside the form field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unknown-questionnaire": _l("Choose one of the stored questionnaire versions."),
    "questionnaire-locked": _l("Respondents have already answered this questionnaire version; "
                               "it can no longer be changed."),
    "no-such-user": _l("No account has the email %(email)s. Ask an admin to create it first."),
    "is-owner": _l("%(email)s owns this engagement already."),
    "is-admin": _l("%(email)s is an admin and sees every engagement already."),
    "inactive": _l("The account %(email)s is deactivated."),
    "already-shared": _l("The engagement is already shared with %(email)s."),
})
message = MESSAGES.message
