"""Numbers as messages show them: never contradicting the rule that raised the message."""
from __future__ import annotations

import math


def half_up(value: float) -> int:
    """Round half up (Python's round() goes to even: 62.5 -> 62, 37.5 -> 38). Monotone, so
    b7 - b5 >= 25 stays true of the rounded numbers."""
    return math.floor(value + 0.5)


def whole(value: float) -> int | float:
    """40.0 -> 40 for display; 37.5 stays 37.5."""
    return int(value) if float(value).is_integer() else value


def shown(value: float, limit: float, below: bool) -> int | float:
    """`value` rounded as coarsely as possible while still on its side of `limit`:
    39.6 below 40 shows 39.6 (not 40); 30.43 above 30 shows 30.4 (not 30)."""
    for digits in range(0, 7):
        candidate = round(value, digits) if digits else half_up(value)
        if (candidate < limit) if below else (candidate > limit):
            return candidate
    return value
