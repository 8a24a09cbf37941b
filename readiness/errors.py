"""One way to refuse: a service raises a DomainError (a subclass per feature) with a stable
kebab-case `code` and the `params` its message names; the feature's messages.py holds one
Catalogue (code -> lazy_gettext text with %(param)s placeholders); the route flashes the message,
shows it beside `field`, or answers JSON {"error": code, "message": text} with `status`.

Services never build sentences: the reader's language is only known where the message is shown.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from flask import Response, jsonify

logger = logging.getLogger(__name__)

#: "unknown-element", "no-votes-left": lower case words joined by single dashes.
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DomainError(Exception):
    """A refusal. `code` is stable (JSON carries it, tests and scripts match it), `params` fill
    the message, `field` names the form field it belongs to, `status` is the HTTP status a JSON
    caller gets."""

    status: int = 400

    def __init__(self, code: str, *, field: str | None = None, status: int | None = None,
                 **params: Any) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, field, params
        if status is not None:
            self.status = status


class Catalogue:
    """One feature's messages: code -> lazy_gettext text, translated when it is read."""

    def __init__(self, texts: Mapping[str, Any]) -> None:
        self.texts = dict(texts)

    def __contains__(self, code: object) -> bool:
        return code in self.texts

    def message(self, error: DomainError | str, **params: Any) -> str:
        """The message of an error (or of a bare code) in the current locale."""
        if isinstance(error, DomainError):
            code, values = error.code, {**error.params, **params}
        else:
            code, values = error, params
        text = self.texts.get(code)
        if text is None:  # tests/test_errors.py keeps every raised code in its catalogue
            logger.warning("no message for error code %r", code)
            return code
        return str(text) % values if values else str(text)

    def json(self, error: DomainError | str, status: int | None = None,
             **params: Any) -> tuple[Response, int]:
        """{"error": code, "message": translated text} with the error's status (or `status`)."""
        code = error.code if isinstance(error, DomainError) else error
        if status is None:
            status = error.status if isinstance(error, DomainError) else 400
        return jsonify({"error": code, "message": self.message(error, **params)}), status
