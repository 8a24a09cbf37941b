"""Human words for the stable reason codes of WorkshopError (JSON carries both)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    "closed": _l("This session is closed: it accepts no more answers or votes. Thank you for "
                 "taking part."),
    "paused": _l("The facilitator has paused the session. Wait a moment and try again."),
    "not-current": _l("The facilitator has moved on to another question."),
    "round-revealed": _l("The answers to this round have been revealed; wait for the re-vote."),
    "bad-level": _l("Choose one of the five levels or 'don't know'."),
    "not-capturing": _l("Pain points are not being collected right now."),
    "title-required": _l("Give the pain a short title."),
    "title-too-long": _l("Keep the title under 200 characters."),
    "scenario-too-long": _l("Keep the story under 2,000 characters."),
    "bad-party": _l("Choose who suffers most."),
    "not-voting": _l("Dot-voting is not open right now."),
    "votes-revealed": _l("The votes have been revealed; voting is over."),
    "no-votes-left": _l("You have used all your votes. Take one back to vote for another pain "
                        "point."),
    "unknown-pain": _l("That pain point is not on the ballot."),
    "not-joined": _l("You have not joined this session on this device. Join with the code "
                     "first."),
    "no-session": _l("No session has this code. Check the code on the screen."),
    "too-many-codes": _l("Too many wrong codes from this network. Wait five minutes, then type the "
                         "code shown on the screen."),
    "bad-role": _l("Choose your role."),
    "bad-department": _l("Choose one of the departments."),
    "bad-input": _l("The request could not be read."),
    "csrf": _l("The page has expired. Reload it and try again."),
    "no-question": _l("No question is on the screen."),
    "reveal-first": _l("Reveal the answers before opening a re-vote."),
    "no-more-rounds": _l("This question has had its re-vote already."),
    "bad-votes": _l("Choose between 1 and 20 votes per participant."),
    "unknown-item": _l("Choose an item of the questionnaire."),
    "bad-action": _l("Unknown action."),
    "already-handled": _l("That submission has been handled already."),
    "bad-merge": _l("Choose another open submission to merge with."),
    "out-of-range": _l("Choose a value from 1 to 5."),
    "no-code": _l("No free join code could be found; try again."),
    "confirm-close": _l("Tick the box to confirm that the session closes for everyone."),
})
message = MESSAGES.message
