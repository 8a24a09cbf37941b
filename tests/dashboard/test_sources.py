"""Results dashboard: the same numbers on PostgreSQL, and workshop answers shown apart."""
from __future__ import annotations

import pytest

from readiness.dashboard.exports import answer_rows
from readiness.dashboard.services import Filters, dashboard_data
from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.dashboard.helpers import _expected


@pytest.mark.postgres
def test_dashboard_data_on_postgresql_equals_the_engine(pg_app):
    """The dashboard reads through the DBAPI cursor: same numbers on PostgreSQL."""
    from readiness.demo import load_demo

    with pg_app.app_context():
        demo = load_demo()
        db.session.commit()
        engagement = db.session.get(Engagement, demo.engagement_id)
        assert dashboard_data(engagement).assessment == assess_engagement(engagement)
        department_id = engagement.departments[1].id
        for filters in (Filters(role="front_line"), Filters(department_id=department_id),
                        Filters(department_id=department_id, role="executive")):
            expected = _expected(engagement, filters.department_id, filters.role)
            assert dashboard_data(engagement, filters).assessment == expected
        rows = list(answer_rows(engagement))
        assert len(rows) == 24 * 48


def test_workshop_answers_count_and_can_be_shown_apart(app, demo):
    """Issue 4: answers given in a session count in the scores, and the dashboard shows them
    apart (source filter); the response rate stays about the people invited by link."""
    from readiness.dashboard.services import Filters, dashboard_data
    from readiness.engagements.models import Engagement
    from readiness.respondents.models import Respondent
    from readiness.respondents.services import save_answer

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        questionnaire = engagement.questionnaire_version.parsed()
        participant = Respondent(engagement_id=engagement.id, role="executive", source="workshop",
                                 department_id=engagement.departments[0].id, status="started")
        db.session.add(participant)
        db.session.flush()
        save_answer(participant, questionnaire, engagement.questionnaire_version_id, "B1.1", 5, "high")
        db.session.commit()
        everyone = dashboard_data(engagement, Filters())
        workshop = dashboard_data(engagement, Filters(source="workshop"))
        survey = dashboard_data(engagement, Filters(source="survey"))
        assert everyone.assessment.respondents == 25 and survey.assessment.respondents == 24
        assert workshop.assessment.respondents == 1
        assert workshop.assessment.blocks["B1"].score == 100.0  # level 5 -> 100 (R-SCORE-1)
        assert everyone.response.invited == 24 and everyone.response.completed == 24
