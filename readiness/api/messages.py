"""The API's and the token page's refusals in words."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "unauthorized": _l("Send a valid API token: Authorization: Bearer <token>."),
    "conflict": _l("The request conflicts with the current state."),
    "invalid": _l("The request is invalid: see errors."),
    # TokenError
    "token-name": _l("Give the token a name of at most 80 characters."),
    "too-many-tokens": _l("An account has at most %(max)d tokens: revoke one first."),
})
