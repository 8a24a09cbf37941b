"""The dashboard aggregates rows the database sorted (engagements.scores.sorted_cells); its
assessment is exactly the one assess() computes from respondent_inputs and block_sums."""
from __future__ import annotations

import random

import pytest

from readiness.dashboard.services import Filters, dashboard_data
from readiness.engagements.assessment import department_inputs, engagement_facts, pain_inputs
from readiness.engagements.models import Engagement
from readiness.engagements.scores import block_sums, customer_input_mean, respondent_inputs
from readiness.extensions import db
from readiness.method.assess import assess
from readiness.respondents.models import Respondent
from readiness.respondents.services import store_answer


def reference(engagement, filters):
    from readiness.dashboard.services import _conditions

    questionnaire = engagement.questionnaire_version.parsed()
    conditions = _conditions(filters)
    departments = department_inputs(engagement)
    if filters.department_id is not None:
        departments = [d for d in departments if d.id == filters.department_id]
    facts = engagement_facts(engagement, questionnaire,
                             customer_input_mean(engagement, questionnaire, conditions))
    return assess(questionnaire, respondent_inputs(engagement, conditions),
                  block_sums(engagement, questionnaire, conditions), departments,
                  pain_inputs(engagement), facts)


def _check(engagement):
    department = engagement.departments[0].id
    for filters in (Filters(), Filters(role="front_line"), Filters(department_id=department),
                    Filters(source="survey"), Filters(role="it", department_id=department)):
        assert dashboard_data(engagement, filters).assessment == reference(engagement, filters)


def test_demo_dashboard_equals_the_reference(app, demo):
    with app.app_context():
        _check(db.session.get_one(Engagement, demo.engagement_id))


def test_random_answers_dashboard_equals_the_reference(app, demo):
    """Random changes on top of the demo (don't know, confidences, some blocks emptied)."""
    rng = random.Random(7)
    with app.app_context():
        engagement = db.session.get_one(Engagement, demo.engagement_id)
        questionnaire = engagement.questionnaire_version.parsed()
        ids = [r.id for r in engagement_respondents(engagement)]
        items = [i.id for i in questionnaire.items()]
        for _ in range(300):
            store_answer(rng.choice(ids), questionnaire, engagement.questionnaire_version_id,
                         rng.choice(items), rng.choice([None, None, 1, 2, 3, 4, 5]),
                         rng.choice(["low", "medium", "high"]))
        db.session.commit()
        _check(engagement)


def engagement_respondents(engagement):
    return db.session.query(Respondent).filter_by(engagement_id=engagement.id).all()


@pytest.mark.postgres
def test_postgres_dashboard_equals_the_reference(pg_app):
    from readiness.demo import load_demo

    with pg_app.app_context():
        result = load_demo()
        db.session.commit()
        _check(db.session.get_one(Engagement, result.engagement_id))
