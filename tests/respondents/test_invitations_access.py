"""Invitations: access control on every consultant URL."""
from __future__ import annotations

import pytest

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from tests.helpers import csrf_token, make_user
from tests.respondents.helpers import (
    OWNER,
    add_respondent,
    login,
    respondent,
    respondents_of,
)

# Access control: every consultant URL -------------------------------------------------------------

ROUTES = [
    ("GET", "/respondents"),
    ("GET", "/respondents/sheet"),
    ("POST", "/respondents"),
    ("POST", "/respondents/import"),
    ("POST", "/respondents/{r}/revoke"),
    ("POST", "/respondents/{r}/reissue"),
    ("POST", "/respondents/{r}/reopen"),
]
POST_DATA = {
    "/respondents": {"name": "New Person", "email": "", "role": "it", "department": "0"},
    "/respondents/import": {"csv_text": "name,email,role,department\nNew Person,,it,\n"},
}


def _expected(who, method, path):
    if who == "stranger":
        return {404}
    if who == "viewer":
        # Client viewers read the roster, but personal links (the sheet) are keys to a person's
        # answers: only those who may edit the engagement get them.
        return {200} if (method, path) == ("GET", "/respondents") else {403}
    return {200} if method == "GET" else {302}  # every change redirects (post/redirect/get)


@pytest.mark.parametrize("who", ["owner", "shared consultant", "viewer", "stranger"])
@pytest.mark.parametrize("method, path", ROUTES)
def test_access_control_on_every_route(app, client, auth, eng, who, method, path):
    person = add_respondent(app, eng.id, "Pat Doe", status="completed")
    email = {"owner": OWNER, "shared consultant": "colleague@example.com",
             "viewer": "viewer@client.example", "stranger": "stranger@example.com"}[who]
    if who != "owner":
        user_id = make_user(app, email, role="viewer" if who == "viewer" else "consultant")
        if who != "stranger":
            with app.app_context():
                db.session.add(EngagementAccess(engagement_id=eng.id, user_id=user_id))
                db.session.commit()
    login(auth, email)
    url = f"/engagements/{eng.id}" + path.format(r=person.id)
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client.get("/engagements").text)
        response = client.post(url, data=dict(POST_DATA.get(path, {}), csrf_token=token))
    assert response.status_code in _expected(who, method, path)
    if response.status_code in (403, 404):
        assert len(respondents_of(app, eng.id)) == 1
        assert respondent(app, person.id).status == "completed"
        assert respondent(app, person.id).token == person.token


@pytest.mark.parametrize("method, path", ROUTES)
def test_anonymous_users_are_sent_to_login(app, client, eng, method, path):
    person = add_respondent(app, eng.id)
    url = f"/engagements/{eng.id}" + path.format(r=person.id)
    if method == "GET":
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.location
    else:
        assert client.post(url).status_code in (302, 400)
    assert respondent(app, person.id).token == person.token


def test_viewer_sees_the_roster_without_links(app, client, auth, eng):
    person = add_respondent(app, eng.id, "Pat Doe")
    viewer = make_user(app, "viewer@client.example", role="viewer")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=eng.id, user_id=viewer))
        db.session.commit()
    login(auth, "viewer@client.example")
    page = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Pat Doe" in page and person.token not in page
    assert "Add one respondent" not in page and "Revoke" not in page
    assert "Personal links are shown to the consultants of this engagement only." in page
