"""Who is a respondent, and what the response rate is: one definition for the roster, the
dashboard, the overview and the report, so that they never say different numbers.

Two kinds of people give answers:

- **Respondents** were invited with a personal link (source "survey"). A revoked link is counted
  apart and nowhere else.
  - *invited*: every respondent whose link is not revoked (the rate's denominator);
  - *started*: has answered at least one item and not submitted. "Answered" means an answer is
    saved for the item; "don't know" is an answer (R-SCORE-4);
  - *completed*: submitted the questionnaire;
  - *not started*: invited, nothing answered yet.
  - **response rate = completed / invited** (None while nobody is invited).
- **Workshop participants** joined a live session with the room's code (source "workshop"). They
  were never invited, so they are neither respondents nor in the rate, however many questions they
  answered. Their status is *completed* once their session is closed, *in session* before.

Everyone's answers count in the scores (R-SCORE-1): `scored` is how many people have answers,
split into respondents and participants so that a text never calls a participant a respondent.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

SURVEY = "survey"
WORKSHOP = "workshop"


class PersonRow(NamedTuple):
    """One person (or a GROUP BY of `n` identical people) as the database has it."""

    source: str  # "survey" or "workshop"
    status: str  # the Respondent's: invited / started / completed
    revoked: bool
    answered: bool  # at least one answer saved
    session_closed: bool = False  # workshop participants: their session is closed
    n: int = 1


@dataclass(frozen=True)
class ResponseFigures:
    invited: int = 0
    started: int = 0
    completed: int = 0
    revoked: int = 0
    #: Respondents (personal links, not revoked) with at least one answer: started + completed
    #: unless a completed questionnaire was emptied.
    answered: int = 0
    participants: int = 0
    participants_answered: int = 0
    participants_completed: int = 0

    @property
    def not_started(self) -> int:
        return self.invited - self.started - self.completed

    @property
    def rate(self) -> float | None:
        """completed / invited; None (not 0%) while nobody is invited."""
        return self.completed / self.invited if self.invited else None

    @property
    def scored(self) -> int:
        """People whose answers are in the scores: respondents and participants who answered."""
        return self.answered + self.participants_answered

    @property
    def participants_in_session(self) -> int:
        return self.participants - self.participants_completed

    def __add__(self, other: ResponseFigures) -> ResponseFigures:
        return ResponseFigures(*(getattr(self, f) + getattr(other, f) for f in _FIELDS))


_FIELDS = ("invited", "started", "completed", "revoked", "answered", "participants",
           "participants_answered", "participants_completed")


def person_status(row: PersonRow) -> str:
    """The status a roster shows for one person: revoked / invited (not started) / started /
    completed for respondents; in-session / completed for workshop participants."""
    if row.revoked:
        return "revoked"
    if row.source == WORKSHOP:
        return "completed" if row.session_closed else "in-session"
    return row.status if row.status in ("started", "completed") else "invited"


def response_figures(rows: Iterable[PersonRow]) -> ResponseFigures:
    """The one count of respondents, participants and the response rate (see the module's text)."""
    c = dict.fromkeys(_FIELDS, 0)
    for row in rows:
        n = row.n
        if row.revoked:  # the link is withdrawn: its answers do not count either
            c["revoked"] += n
            continue
        if row.source == WORKSHOP:
            c["participants"] += n
            c["participants_answered"] += n if row.answered else 0
            c["participants_completed"] += n if row.session_closed else 0
            continue
        c["invited"] += n
        c["answered"] += n if row.answered else 0
        status = person_status(row)
        if status in ("started", "completed"):
            c[status] += n
    return ResponseFigures(**c)
