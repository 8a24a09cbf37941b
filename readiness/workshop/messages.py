"""Human words for the stable reason codes of WorkshopError (JSON carries both)."""
from __future__ import annotations

from flask_babel import gettext as _


def message(code: str) -> str:
    return {
        "closed": _("This session is closed: it accepts no more answers or votes. Thank you for "
                    "taking part."),
        "paused": _("The facilitator has paused the session. Wait a moment and try again."),
        "not-current": _("The facilitator has moved on to another question."),
        "round-revealed": _("The answers to this round have been revealed; wait for the re-vote."),
        "bad-level": _("Choose one of the five levels or 'don't know'."),
        "not-capturing": _("Pain points are not being collected right now."),
        "title-required": _("Give the pain a short title."),
        "title-too-long": _("Keep the title under 200 characters."),
        "scenario-too-long": _("Keep the story under 2,000 characters."),
        "bad-party": _("Choose who suffers most."),
        "not-voting": _("Dot-voting is not open right now."),
        "votes-revealed": _("The votes have been revealed; voting is over."),
        "no-votes-left": _("You have used all your votes. Take one back to vote for another pain "
                           "point."),
        "unknown-pain": _("That pain point is not on the ballot."),
        "not-joined": _("You have not joined this session on this device. Join with the code "
                        "first."),
        "no-session": _("No session has this code. Check the code on the screen."),
        "bad-role": _("Choose your role."),
        "bad-department": _("Choose one of the departments."),
        "bad-input": _("The request could not be read."),
        "csrf": _("The page has expired. Reload it and try again."),
        "no-question": _("No question is on the screen."),
        "reveal-first": _("Reveal the answers before opening a re-vote."),
        "no-more-rounds": _("This question has had its re-vote already."),
        "bad-votes": _("Choose between 1 and 20 votes per participant."),
        "unknown-item": _("Choose an item of the questionnaire."),
        "bad-action": _("Unknown action."),
        "already-handled": _("That submission has been handled already."),
        "bad-merge": _("Choose another open submission to merge with."),
        "out-of-range": _("Choose a value from 1 to 5."),
        "no-code": _("No free join code could be found; try again."),
    }.get(code, code)
