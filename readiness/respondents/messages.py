"""Invitation, CSV import and answer refusals in words: InvitationError, CsvError and AnswerError
codes, and the codes of the CSV rows an import rejects (RowError)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import Catalogue

MESSAGES = Catalogue({
    # InvitationError: one respondent added by hand (shown beside its field)
    "duplicate-email": _l("This email is already invited to this engagement."),
    "unknown-department": _l("Choose one of this engagement's departments."),
    "unknown-role": _l("Choose a role."),
    # CsvError: the text as a whole is unusable
    "empty": _l("The CSV is empty."),
    "encoding": _l("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (comma "
                   "delimited)\" and upload it again."),
    "header": _l("The first row must name the columns name, email, role, department "
                 "(missing: %(missing)s)."),
    "too-many": _l("At most %(max)d rows can be imported at once."),
    "unreadable-row": _l("The CSV could not be read near row %(row)d: check its quotes."),
    "field-too-long": _l("Row %(row)d has a cell longer than %(max)d characters: check its "
                         "quotes (a missing closing quote swallows the rest of the file)."),
    # RowError: one rejected row of an import
    "row-missing": _l("row %(row)d: %(column)s is empty"),
    "row-too-long": _l("row %(row)d: %(column)s is longer than %(max)d characters"),
    "row-bad-email": _l("row %(row)d: '%(value)s' is not an email address"),
    "row-unknown-role": _l("row %(row)d: unknown role '%(value)s' (use executive, manager, "
                           "front line, IT or other)"),
    "row-unknown-department": _l("row %(row)d: unknown department '%(value)s'"),
    "row-duplicate-email": _l("row %(row)d: %(value)s is already invited to this engagement"),
    "row-duplicate-in-file": _l("row %(row)d: %(value)s appears twice (first on row %(first)d)"),
    "row-columns": _l("row %(row)d: %(found)d values but the header has %(expected)d columns "
                      "(put a name containing the separator in quotes)"),
    # AnswerError: an answer the method cannot score
    "unknown-item": _l("unknown item"),
    "bad-level": _l("level must be 1-5, or null for don't know"),
    "bad-confidence": _l("confidence must be low, medium or high"),
})
message = MESSAGES.message
