"""API tokens on the profile page: created and shown once, hashed at rest, revoked for good."""
from __future__ import annotations

import hashlib

import sqlalchemy as sa

from readiness.api.models import ApiToken
from readiness.extensions import db
from tests.helpers import csrf_token, make_user


def _create(client, name="CRM sync"):
    page = client.get("/profile")
    return client.post("/profile/tokens", data={"token_name": name,
                                                 "csrf_token": csrf_token(page.text)})


def test_token_created_shown_once_and_hashed(app, client, auth):
    make_user(app)
    auth.login()
    response = _create(client)
    assert response.status_code == 302
    page = client.get("/profile")
    token = page.text.split('data-testid="new-token">')[1].split("<")[0]
    assert token.startswith("rdy_") and len(token) > 40
    assert token not in client.get("/profile").text  # shown once
    with app.app_context():
        row = db.session.scalar(sa.select(ApiToken))
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (row.token_hash, row.prefix, row.name)
    answer = client.get("/api/v1/engagements", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.json["total"] == 0


def test_token_revoked_stops_working(app, client, auth):
    make_user(app)
    auth.login()
    _create(client)
    token = client.get("/profile").text.split('data-testid="new-token">')[1].split("<")[0]
    with app.app_context():
        token_id = db.session.scalar(sa.select(ApiToken.id))
    page = client.get("/profile")
    response = client.post(f"/profile/tokens/{token_id}/revoke",
                           data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    answer = client.get("/api/v1/engagements", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401 and answer.json["code"] == "unauthorized"
    assert "You have no API tokens" in client.get("/profile").text


def test_token_of_another_account_cannot_be_revoked(app, client, auth):
    make_user(app)
    other = make_user(app, "other@example.com")
    with app.app_context():
        from readiness.api.tokens import create_token
        from readiness.auth.models import User

        row, _ = create_token(db.session.get(User, other), "theirs")
        db.session.commit()
        token_id = row.id
    auth.login()
    page = client.get("/profile")
    client.post(f"/profile/tokens/{token_id}/revoke", data={"csrf_token": csrf_token(page.text)})
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is None


def test_token_name_required_and_csrf_checked(app, client, auth):
    make_user(app)
    auth.login()
    assert _create(client, name="  ").status_code == 422
    assert client.post("/profile/tokens", data={"token_name": "x"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_inactive_account_token_refused(app, client, bearer, demo):
    from readiness.auth.models import User

    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == demo.email))
        user.active = False
        db.session.commit()
    assert client.get("/api/v1/engagements", headers=bearer).status_code == 401
