"""Account refusals (UserError codes) in words: the admin pages and the create-user command."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unknown-role": _l("The role must be one of %(roles)s."),
    "bad-email": _l("The email address is not valid."),
    "email-taken": _l("An account with the email %(email)s already exists."),
    "password-too-short": _l("The password must have at least %(min)d characters."),
    "own-account": _l("You cannot deactivate your own account."),
})
message = MESSAGES.message
