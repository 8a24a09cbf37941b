"""The edge validation policy: whatever a client sends is checked here before any feature reads
it, and refused with a 4xx and a clear message in the reader's language (JSON callers get JSON).

- URL ids: the `int` converter is bounded to the database's integer range, so an id no row can
  have (0, beyond 32 bits, 3,000 digits) is a 404 on every route, not an OverflowError.
- JSON bodies: bounded in size and nesting, numbers finite and within range (read_json).
- Form numbers: IdField / BoundedIntegerField / FiniteFloatField instead of wtforms' plain
  IntegerField / FloatField (tests/edge checks no form uses those). SelectField(coerce=int) is
  safe as it is: a value that is no choice is refused whatever its size.
- Error pages: 400/403/404/405/413/429/500 in the reader's language, JSON for JSON callers.
"""
from __future__ import annotations

import json
import math
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import FloatField, IntegerField

from .errors import Catalogue, DomainError

#: The largest id or count any column holds: PostgreSQL's INTEGER, the narrowest integer column.
ID_MAX = 2**31 - 1
#: A JSON body larger than this is no answer, vote or pain card (413).
JSON_MAX_BYTES = 64 * 1024
#: Objects and lists nested deeper than this are refused before parsing (no RecursionError).
JSON_MAX_DEPTH = 20
#: Longest integer literal accepted in JSON (ID_MAX has 10 digits).
JSON_MAX_DIGITS = 15

MESSAGES = Catalogue({
    "bad-json": _l("The request body is not valid JSON."),
    "json-too-deep": _l("The request body is nested too deeply."),
    "json-too-large": _l("The request body is too large."),
    "bad-number": _l("A number in the request is not finite or is out of range."),
    "not-found": _l("This page does not exist, or you do not have access to it."),
    "forbidden": _l("You may look at this engagement but not change it."),
    "bad-request": _l("The request could not be understood. If you submitted a form, reload the page and try again."),
    "method-not-allowed": _l("This address does not accept this kind of request."),
    "too-large": _l("The upload is too large (at most %(mb)d MB)."),
    "too-many": _l("Too many attempts. Wait a few minutes and try again."),
    "server-error": _l("Something went wrong on our side. The error has been logged."),
})
CODES = {400: "bad-request", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
         413: "too-large", 429: "too-many", 500: "server-error"}


class EdgeError(DomainError):
    """A request refused at the edge; JSON callers get {"error": code, "message": ...}."""


# URL ids ----------------------------------------------------------------------------------------

def _at_most(limit: int) -> str:
    """A regex for the decimal numbers 1..limit written without leading zeros."""
    digits = str(limit)
    parts = [f"[1-9][0-9]{{0,{len(digits) - 2}}}"]  # the numbers with fewer digits
    for i, digit in enumerate(digits):  # same length: equal up to i, lower at i, anything after
        low = 1 if i == 0 else 0
        if int(digit) > low:
            parts.append(f"{digits[:i]}[{low}-{int(digit) - 1}][0-9]{{{len(digits) - i - 1}}}")
    parts.append(digits)
    return "(?:" + "|".join(parts) + ")"


class IdConverter(IntegerConverter):
    """`<int:x>` everywhere: 1..ID_MAX unless a rule says otherwise; anything else is a 404.

    The pattern itself holds the range (and refuses 0, leading zeros and non-ASCII digits such as
    "٣", which werkzeug's \\d accepts): a path with such an id matches no rule, a 404, where a
    converter refusing in to_python makes werkzeug answer 405 when the path has rules for other
    methods."""

    regex = _at_most(ID_MAX)

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", ID_MAX)
        super().__init__(map, *args, **kwargs)


def parse_id(value: object) -> int | None:
    """An id from a query string or form value: ASCII digits, 1..ID_MAX; otherwise None."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if 1 <= number <= ID_MAX else None


# Form numbers -----------------------------------------------------------------------------------

class BoundedIntegerField(IntegerField):
    """An IntegerField whose value fits the database (|n| <= ID_MAX): "9" * 400 is a form error."""

    #: The number (None when empty or refused); Any like wtforms' own, for the routes' calls.
    data: Any

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not -ID_MAX <= self.data <= ID_MAX:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))


class IdField(BoundedIntegerField):
    """A row id posted by a form (a department, a pain): 1..ID_MAX."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and self.data < 1:
            self.data = None
            raise ValueError(self.gettext("Not a valid integer value."))


class FiniteFloatField(FloatField):
    """A FloatField refusing "nan", "inf" and "1e999": NumberRange lets NaN through."""

    #: The number (None when empty or refused).
    data: Any

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(self.gettext("Not a valid float value."))


# JSON bodies ------------------------------------------------------------------------------------

def _depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings, found without parsing (no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > JSON_MAX_DEPTH:
                break
        elif char in "]}":
            depth -= 1
    return deepest


def _int(literal: str) -> int:
    if len(literal.lstrip("-")) > JSON_MAX_DIGITS:
        raise EdgeError("bad-number")
    return int(literal)


def _float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise EdgeError("bad-number")
    return number


def _constant(name: str) -> float:
    raise EdgeError("bad-number")  # NaN, Infinity, -Infinity: not JSON, Python accepts them


def parse_json(raw: bytes) -> Any:
    """A JSON document within the edge bounds; EdgeError (400 or 413) otherwise."""
    if len(raw) > JSON_MAX_BYTES:
        raise EdgeError("json-too-large", status=413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EdgeError("bad-json") from None
    if _depth(text) > JSON_MAX_DEPTH:
        raise EdgeError("json-too-deep")
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
        # "\ud800" escapes decode to lone surrogates, which no database or page can store.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeError is a ValueError
        raise EdgeError("bad-json") from None
    return data


def read_json() -> Any:
    """The request's JSON body (None when it sends none), bounded: see parse_json."""
    if not request.is_json:
        return None
    if (request.content_length or 0) > JSON_MAX_BYTES:
        raise EdgeError("json-too-large", status=413)
    return parse_json(request.get_data(cache=True))


# Error answers ----------------------------------------------------------------------------------

def wants_json() -> bool:
    """JSON callers: a JSON body, a .json address, or an Accept header preferring JSON."""
    return (request.is_json or request.path.endswith(".json")
            or request.accept_mimetypes.best == "application/json")


def _max_mb() -> int:
    from flask import current_app

    return max(1, int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024))


#: The JSON API (readiness/api) answers its errors as {"code", "reason", "status"}.
API_PREFIX = "/api/"


def error_response(code: int, error: Exception | None = None):
    key = CODES.get(code, "bad-request")
    params = {"mb": _max_mb()} if code == 413 else {}
    if request.path.startswith(API_PREFIX):
        return jsonify({"code": key, "reason": MESSAGES.message(key, **params),
                        "status": code}), code
    if wants_json():
        return MESSAGES.json(key, code, **params)
    return render_template("errors/error.html", code=code, error=error,
                           message=MESSAGES.message(key, **params)), code


def init_edge(app: Flask) -> None:
    """Install the bounded `int` converter (before any blueprint adds its rules) and the one set of
    error answers."""
    app.url_map.converters["int"] = IdConverter
    for code in CODES:
        app.register_error_handler(code, lambda e, code=code: error_response(code, e))

    @app.errorhandler(EdgeError)
    def _edge_error(error: EdgeError):
        if request.path.startswith(API_PREFIX):
            return jsonify({"code": error.code, "reason": MESSAGES.message(error),
                            "status": error.status}), error.status
        if wants_json():
            return MESSAGES.json(error)
        return render_template("errors/error.html", code=error.status, error=error,
                               message=MESSAGES.message(error)), error.status
