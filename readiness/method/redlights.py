"""Red lights R-RED-1..5 (R-CWR-4 and R-PAIN-3 live with their own sections)."""
from __future__ import annotations

from collections.abc import Mapping

from .definition import Settings
from .numbers import shown, whole
from .types import EngagementFacts, Finding


def crm_before_strategy(scores: Mapping[str, float | None], settings: Settings) -> list[Finding]:
    """R-RED-1 (003): B1 Vision or B2 Strategy below the threshold: buy no technology yet."""
    limit = settings.red_strategy_threshold
    low = {b: shown(score, limit, below=True) for b in ("B1", "B2")
           if (score := scores.get(b)) is not None and score < limit}
    if not low:
        return []
    return [Finding("R-RED-1", "crm-before-strategy",
                    {"low_blocks": tuple(low.items()), "limit": whole(limit)}, red=True)]


def change_not_led(scores: Mapping[str, float | None], settings: Settings) -> list[Finding]:
    """R-RED-2 (003, Gartner: 87% of failures are change management): B4 below the threshold."""
    b4 = scores.get("B4")
    if b4 is None or b4 >= settings.red_change_threshold:
        return []
    return [Finding("R-RED-2", "change-not-led",
                    {"b4": shown(b4, settings.red_change_threshold, below=True),
                     "limit": whole(settings.red_change_threshold)}, red=True)]


def no_sponsor(facts: EngagementFacts) -> list[Finding]:
    """R-RED-3 (000): no executive sponsor named, or the sponsor gives no time at all."""
    if not facts.sponsor_name.strip():
        return [Finding("R-RED-3", "no-sponsor", {}, red=True)]
    if not facts.sponsor_hours_per_month:
        return [Finding("R-RED-3", "sponsor-no-time", {"sponsor": facts.sponsor_name}, red=True)]
    return []


def it_only_team(facts: EngagementFacts) -> list[Finding]:
    """R-RED-4 (001): no business-side member on the project team (an empty team included)."""
    if "business" in facts.team_sides:
        return []
    if not facts.team_sides:  # nobody named yet: say that, not "IT-only (0 members)"
        return [Finding("R-RED-4", "no-team", {}, red=True)]
    return [Finding("R-RED-4", "it-only-team", {"members": len(facts.team_sides)}, red=True)]


def guessing_not_asking(facts: EngagementFacts) -> list[Finding]:
    """R-RED-5 (003): customers' own voice is not in B1/B3 — customer-input items below 'defined'.

    The questionnaire marks the items that ask whether customer input informs vision and value
    proposition; their mean level below 3 means the organisation guesses. No answer to them is no
    evidence either way (R-DATA-1: no red light that reads answers without answers).
    """
    mean = facts.customer_input_mean
    if mean is None or mean >= 3.0:
        return []
    return [Finding("R-RED-5", "guessing", {"mean": None if mean is None else round(mean, 1)},
                    red=True)]
