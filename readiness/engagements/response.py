"""Reading the people of an engagement's current wave for the one response definition
(readiness.method.response): the roster, the dashboard, the overview and the report all count
through here, so they cannot disagree.

One GROUP BY: a 10,000-respondent engagement gives a handful of rows (department x source x
status x answered x session closed), not 10,000.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from ..extensions import db
from ..method.response import WORKSHOP, PersonRow, ResponseFigures, response_figures
from ..respondents.models import Answer, Respondent
from ..waves.models import wave_filter
from ..workshop.models import WorkshopParticipant, WorkshopSession
from .models import Engagement


def answered_expression() -> sa.ColumnElement[bool]:
    return sa.exists().where(Answer.respondent_id == Respondent.id)


def session_closed_expression() -> sa.ColumnElement[bool]:
    """A workshop participant's session is closed (False for everyone else: the CASE spares the
    10,000 invited respondents of a large engagement the lookup)."""
    closed = sa.exists().where(WorkshopParticipant.respondent_id == Respondent.id,
                               WorkshopSession.id == WorkshopParticipant.session_id,
                               WorkshopSession.status == "closed")
    return sa.case((Respondent.source == WORKSHOP, closed), else_=sa.false())


def response_query(engagement: Engagement, conditions: Sequence = ()) -> sa.Select:
    """(department_id, source, status, revoked, answered, session closed, count) of the current
    wave's people, revoked links included (counted apart), narrowed by `conditions`."""
    people = (sa.select(Respondent.department_id.label("department_id"),
                        Respondent.source.label("source"), Respondent.status.label("status"),
                        Respondent.revoked.label("revoked"),
                        answered_expression().label("answered"),
                        session_closed_expression().label("closed"))
              .where(Respondent.engagement_id == engagement.id, wave_filter(engagement.id),
                     *conditions)
              .subquery())
    columns = (people.c.department_id, people.c.source, people.c.status, people.c.revoked,
               people.c.answered, people.c.closed)
    return sa.select(*columns, sa.func.count()).group_by(*columns)


def person_rows(rows: Iterable) -> list[tuple[int | None, PersonRow]]:
    """The query's rows as (department id, PersonRow)."""
    return [(department_id, PersonRow(source, status, bool(revoked), bool(answered),
                                      bool(closed), count))
            for department_id, source, status, revoked, answered, closed, count in rows]


def figures_by_department(rows: Iterable) -> tuple[ResponseFigures, dict[int | None,
                                                                          ResponseFigures]]:
    """The query's rows -> the engagement's figures and each department's (None: no department)."""
    grouped: dict[int | None, list[PersonRow]] = {}
    for department_id, row in person_rows(rows):
        grouped.setdefault(department_id, []).append(row)
    per_department = {d: response_figures(people) for d, people in grouped.items()}
    return sum(per_department.values(), ResponseFigures()), per_department


def engagement_figures(engagement: Engagement, conditions: Sequence = ()) -> ResponseFigures:
    """The engagement's (current wave's) respondents, participants and response rate."""
    return figures_by_department(db.session.execute(response_query(engagement, conditions)))[0]


def rate_text(figures: ResponseFigures) -> str:
    """"67% response rate: 4 of 6 invited respondents completed" (the reader's language)."""
    if not figures.invited:
        return _("No respondents invited with a personal link yet.")
    return _("%(rate)s response rate: %(completed)d of %(invited)d invited respondents completed",
             rate=f"{round(100 * (figures.rate or 0))}%", completed=figures.completed,
             invited=figures.invited)


def scored_text(figures: ResponseFigures) -> str:
    """Whose answers the scores rest on, respondents and workshop participants named apart."""
    respondents = ngettext("%(num)d respondent", "%(num)d respondents", figures.answered)
    if not figures.participants_answered:
        return _("Answers from %(respondents)s", respondents=respondents)
    participants = ngettext("%(num)d workshop participant", "%(num)d workshop participants",
                            figures.participants_answered)
    return _("Answers from %(respondents)s and %(participants)s", respondents=respondents,
             participants=participants)


@dataclass(frozen=True)
class ResponseTexts:
    figures: ResponseFigures
    rate: str
    scored: str


def response_texts(figures: ResponseFigures) -> ResponseTexts:
    """The figures with their two sentences, for a page or the report."""
    return ResponseTexts(figures, rate_text(figures), scored_text(figures))
