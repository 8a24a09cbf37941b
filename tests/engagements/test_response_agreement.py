"""Issue 13: the roster, the dashboard, the overview and the report say the same response numbers
on a demo-like engagement with workshop participants (before: 44% "4 of 9" on the roster, 67%
"4 of 6" on the dashboard, "7 respondents" counting people who answered one workshop question)."""
import re

import pytest

from readiness.auth.models import User
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Respondent
from readiness.respondents.services import save_answer
from readiness.workshop import controls
from readiness.workshop import services as ws
from tests.respondents.helpers import OWNER, add_respondent, login, make_engagement

FULL = {f"B{b}.{i}": 3 for b in range(1, 9) for i in range(1, 3)}


def _answer(app, respondent_id, levels):
    with app.app_context():
        r = db.session.get(Respondent, respondent_id)
        engagement = db.session.get(Engagement, r.engagement_id)
        for item_id, level in levels.items():
            save_answer(r, engagement.questionnaire_version.parsed(),
                        engagement.questionnaire_version_id, item_id, level, "medium")
        db.session.commit()


def demo_like(app):
    """6 invited with personal links (4 completed, 1 started, 1 not started), 1 revoked, and a
    closed workshop session whose 3 participants (one without a name) answered one question."""
    eng = make_engagement(app)
    sales = eng.departments["Sales"]
    for n in range(4):
        person = add_respondent(app, eng.id, f"Done {n}", ("executive", "front_line", "it",
                                                           "manager")[n], sales)
        _answer(app, person.id, FULL)
        with app.app_context():
            db.session.get(Respondent, person.id).status = "completed"
            db.session.commit()
    half = add_respondent(app, eng.id, "Half Way", "it", None)
    _answer(app, half.id, {"B1.1": 2, "B1.2": None})
    add_respondent(app, eng.id, "Not Yet", "front_line", sales)
    gone = add_respondent(app, eng.id, "Gone", "other", sales)
    _answer(app, gone.id, {"B1.1": 5})
    with app.app_context():
        db.session.get(Respondent, gone.id).revoked = True
        engagement = db.session.get(Engagement, eng.id)
        questionnaire = engagement.questionnaire_version.parsed()
        owner = db.session.scalar(db.select(User).where(User.email == OWNER))
        session = ws.open_session(engagement, owner, questionnaire)
        for name in ("Ann", "", "Bo"):
            participant, _token = ws.join(session, name, "front_line", sales)
            save_answer(db.session.get(Respondent, participant.respondent_id), questionnaire,
                        engagement.questionnaire_version_id, "B2.1", 2)
        controls.set_status(session, "closed")
        db.session.commit()
    return eng


def test_roster_dashboard_overview_and_report_agree(app, client, auth):
    from readiness.report.context import build_context

    eng = demo_like(app)
    login(auth, OWNER)
    roster = client.get(f"/engagements/{eng.id}/respondents").text
    assert "<strong>67%</strong>" in roster
    assert "4 of 6 invited respondents completed" in roster
    assert "1 started" in roster and "1 not started" in roster and "1 revoked" in roster
    assert "3 workshop participants, listed apart below" in roster
    # The participants are listed apart, completed now that their session is closed.
    section = roster.split('data-testid="workshop-participants"')[1]
    assert section.count('data-testid="participant-status">completed<') == 3
    assert "Anonymous participant" in section
    # The respondents' table: the 7 personal links (the revoked one included), no participant.
    assert roster.count("<tr data-respondent=") == 7
    assert roster.count("<tr data-participant=") == 3

    dashboard = client.get(f"/engagements/{eng.id}/dashboard").text
    assert re.search(r'data-testid="response-rate">67%<', dashboard)
    assert "4 of 6 invited completed, 1 started" in dashboard
    assert "3 workshop participants, not counted in the rate" in dashboard
    scored = "Answers from 5 respondents and 3 workshop participants"
    assert scored in dashboard
    assert re.search(r'data-testid="n">8<', dashboard)  # everyone who answered is scored

    overview = client.get(f"/engagements/{eng.id}").text
    assert "67% response rate: 4 of 6 invited respondents completed" in overview
    assert scored + "." in overview

    with app.test_request_context():
        engagement = db.session.get(Engagement, eng.id)
        context = build_context(engagement, "en")
    assert context["response"].rate == "67% response rate: 4 of 6 invited respondents completed"
    assert context["respondents_text"] == scored
    figures = context["response"].figures
    assert (figures.invited, figures.completed, figures.rate) == (6, 4, 4 / 6)
    assert context["assessment"].respondents == figures.scored == 8


def test_a_participant_is_in_session_until_the_session_closes(app, client, auth):
    eng = make_engagement(app)
    with app.app_context():
        engagement = db.session.get(Engagement, eng.id)
        owner = db.session.scalar(db.select(User).where(User.email == OWNER))
        session = ws.open_session(engagement, owner, engagement.questionnaire_version.parsed())
        ws.join(session, "Cy", "it", None)
        db.session.commit()
    login(auth, OWNER)
    roster = client.get(f"/engagements/{eng.id}/respondents").text
    assert 'data-testid="participant-status">in session<' in roster
    assert "No respondents yet." in roster  # a participant is not a respondent
    dashboard = client.get(f"/engagements/{eng.id}/dashboard").text
    assert 'data-testid="response-rate">—<' in dashboard


@pytest.mark.postgres
def test_the_response_query_on_postgresql(pg_app):
    from readiness.engagements.response import engagement_figures
    from readiness.respondents.invitations import workshop_participants

    eng = demo_like(pg_app)
    with pg_app.app_context():
        engagement = db.session.get(Engagement, eng.id)
        figures = engagement_figures(engagement)
        participants = workshop_participants(engagement)
    assert (figures.invited, figures.started, figures.completed, figures.revoked) == (6, 1, 4, 1)
    assert (figures.participants, figures.participants_completed, figures.scored) == (3, 3, 8)
    assert [p.status for p in participants] == ["completed"] * 3
