"""The one definition of a respondent and of the response rate (readiness.method.response)."""
from readiness.method.response import PersonRow, ResponseFigures, person_status, response_figures


def row(source="survey", status="invited", revoked=False, answered=False, closed=False, n=1):
    return PersonRow(source, status, revoked, answered, closed, n)


def test_rate_is_completed_over_invited_personal_links():
    figures = response_figures([
        row(status="completed", answered=True, n=4), row(status="started", answered=True),
        row(), row(status="completed", revoked=True, answered=True),
        row("workshop", "started", answered=True, closed=True, n=3)])
    assert (figures.invited, figures.completed, figures.started, figures.not_started) == (6, 4, 1, 1)
    assert figures.rate == 4 / 6
    assert figures.revoked == 1
    # Workshop participants are neither invited nor respondents, however much they answered.
    assert (figures.participants, figures.participants_answered,
            figures.participants_completed) == (3, 3, 3)
    assert (figures.answered, figures.scored) == (5, 8)


def test_nobody_invited_has_no_rate_not_zero():
    assert response_figures([]).rate is None
    assert response_figures([row("workshop", answered=True)]).rate is None


def test_participant_is_completed_when_the_session_closes():
    assert person_status(row("workshop", "started", answered=True)) == "in-session"
    assert person_status(row("workshop", "started", answered=True, closed=True)) == "completed"
    assert person_status(row("workshop", revoked=True)) == "revoked"
    assert response_figures([row("workshop", closed=False)]).participants_in_session == 1


def test_statuses_of_respondents():
    assert person_status(row()) == "invited"
    assert person_status(row(status="started", answered=True)) == "started"
    assert person_status(row(status="completed", revoked=True)) == "revoked"


def test_figures_add_up_by_department():
    a = response_figures([row(status="completed", answered=True)])
    b = response_figures([row(), row("workshop", answered=True)])
    total = a + b
    assert total == ResponseFigures(invited=2, completed=1, answered=1, participants=1,
                                    participants_answered=1)
    assert total.rate == 0.5
