"""Shared helpers of the invitation tests (test_invitations_*.py, test_respond_*.py and the
browser tests): engagements and respondents made directly in the database, the `eng`
fixture, logging in and reading the roster."""
from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import sqlalchemy as sa

from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.helpers import csrf_token, make_user

OWNER = "owner@example.com"


def make_engagement(app, owner_email=OWNER, departments=("Sales", "Customer Service"),
                    client="Acme Tools"):
    """An engagement on the built-in questionnaire, with departments, owned by a new consultant."""
    from readiness.questionnaires.services import load_builtin

    owner_id = make_user(app, owner_email)
    with app.app_context():
        engagement = Engagement(owner_id=owner_id, client=client, sector="Manufacturing",
                                start_date=date(2027, 3, 1), questionnaire_version=load_builtin())
        engagement.departments = [Department(name=name) for name in departments]
        db.session.add(engagement)
        db.session.commit()
        return SimpleNamespace(id=engagement.id, owner=owner_email,
                               departments={d.name: d.id for d in engagement.departments})


def add_respondent(app, engagement_id, name="Pat Doe", role="manager", department_id=None,
                   email="", status="invited"):
    with app.app_context():
        respondent = Respondent(engagement_id=engagement_id, name=name, role=role, email=email,
                                department_id=department_id, status=status)
        db.session.add(respondent)
        db.session.commit()
        return SimpleNamespace(id=respondent.id, token=respondent.token)


def respondent(app, respondent_id) -> Respondent:
    with app.app_context():
        row = db.session.get(Respondent, respondent_id)
        db.session.expunge(row)
        return row


def login(auth, email):
    assert auth.login(email).status_code == 302


def page_token(client, engagement_id):
    return csrf_token(client.get(f"/engagements/{engagement_id}/respondents").text)


def respondents_of(app, engagement_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == engagement_id).order_by(Respondent.id)).all()
        return [(r.name, r.email, r.role, r.department_id, r.status) for r in rows]


def _answer(app, respondent_id, levels):
    from readiness.respondents.services import save_answer

    with app.app_context():
        r = db.session.get(Respondent, respondent_id)
        engagement = db.session.get(Engagement, r.engagement_id)
        for item_id, level in levels.items():
            save_answer(r, engagement.questionnaire_version.parsed(),
                        engagement.questionnaire_version_id, item_id, level, "medium")
        db.session.commit()


def _row(page, respondent_id):
    match = re.search(rf'<tr data-respondent="{respondent_id}".*?</tr>', page, re.S)
    assert match, f"no row for respondent {respondent_id}"
    return match.group(0)
