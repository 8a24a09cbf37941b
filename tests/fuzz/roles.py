"""The roles the battery plays, each a test client with its session and a CSRF token valid for it,
and the values for the URL rules' variables, all on the demo engagement."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from readiness.engagements.models import Engagement, EngagementAccess
from readiness.extensions import db
from readiness.pains.models import PainPoint
from tests.helpers import Auth, csrf_token, make_user
from tests.respondents.helpers import add_respondent
from tests.workshop.helpers import Phone, open_session

ROLES = ("admin", "consultant", "viewer", "stranger", "respondent", "participant")


def setup_ids(app, demo) -> dict[str, Any]:
    """An open workshop session and the ids every rule's variables take."""
    owner = app.test_client()
    Auth(owner).login(demo.email, demo.password)
    session_id, code = open_session(owner, demo.engagement_id)
    other = make_user(app, "someone.else@example.com")
    respondent = add_respondent(app, demo.engagement_id, "Fuzz Person")  # the demo's all answered
    with app.app_context():
        engagement_id = demo.engagement_id
        pain = db.session.scalar(sa.select(PainPoint).where(
            PainPoint.engagement_id == engagement_id).order_by(PainPoint.id))
        engagement = db.session.get(Engagement, engagement_id)
        department = engagement.departments[0]
        ids = {"engagement_id": engagement_id, "pain_id": pain.id if pain else 1,
               "respondent_id": respondent.id, "token": respondent.token, "user_id": other,
               "session_id": session_id, "code": code, "submission_id": 1,
               "row_id": department.id, "kind": "departments", "number": 1, "action": "merge",
               "job_id": "x", "version_id": engagement.questionnaire_version_id,
               "block_id": "B1", "fmt": "yaml"}
        db.session.remove()
    return ids


def client_for(app, demo, role: str, ids: dict[str, Any]):
    """(client, csrf token) of `role`."""
    client = app.test_client()
    if role == "respondent":
        return client, csrf_token(client.get(f"/r/{ids['token']}/block/1").text)
    if role == "participant":
        phone = Phone(app, ids["code"])
        phone.join("Fuzz", "manager")
        return phone.client, phone.csrf
    if role == "consultant":
        Auth(client).login(demo.email, demo.password)
    else:
        email = f"{role}@fuzz.example"
        user_id = make_user(app, email, role={"admin": "admin", "viewer": "viewer"}.get(
            role, "consultant"))
        if role == "viewer":
            with app.app_context():
                db.session.add(EngagementAccess(engagement_id=ids["engagement_id"],
                                                user_id=user_id))
                db.session.commit()
        Auth(client).login(email)
    return client, csrf_token(client.get("/engagements").text)
