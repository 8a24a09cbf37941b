"""The JSON API: access per role, pagination, JSON errors, invitations and checkpoint status."""
from __future__ import annotations

import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Respondent
from readiness.tracking.models import TrackedCheckpoint
from tests.helpers import make_user
from tests.tracking.helpers import share

from .conftest import token_for


def _h(token):
    return {"Authorization": f"Bearer {token}"}


def test_no_or_bad_token_is_401_json(client, demo):
    for headers in ({}, {"Authorization": "Bearer rdy_nope"}, {"Authorization": "Basic abc"}):
        response = client.get(f"/api/v1/engagements/{demo.engagement_id}", headers=headers)
        assert response.status_code == 401
        assert response.json["code"] == "unauthorized" and response.json["reason"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_session_cookie_is_not_enough(client, auth, demo):
    auth.login(demo.email, demo.password)
    assert client.get("/api/v1/engagements").status_code == 401


def test_owner_reads_everything(client, bearer, tracked):
    base = f"/api/v1/engagements/{tracked}"
    engagement = client.get(base, headers=bearer).json
    assert engagement["client"] == "Northwind Retail" and engagement["can_edit"]
    for path in ("/departments", "/respondents", "/pains", "/checkpoints"):
        page = client.get(base + path, headers=bearer)
        assert page.status_code == 200, path
        assert page.json["total"] > 0 and page.json["items"], path
    scores = client.get(base + "/scores", headers=bearer).json
    assert scores["respondents"] > 0 and scores["blocks"]
    roadmap = client.get(base + "/roadmap", headers=bearer).json
    assert roadmap["stored"] and roadmap["phases"][0]["checkpoints"]
    respondent = client.get(base + "/respondents", headers=bearer).json["items"][0]
    answers = client.get(f"{base}/respondents/{respondent['id']}/answers", headers=bearer)
    assert answers.status_code == 200 and answers.json["items"]
    assert "token" not in respondent and "link" not in respondent


def test_pagination_bounds(client, bearer, demo):
    base = f"/api/v1/engagements/{demo.engagement_id}/respondents"
    everyone = client.get(base + "?limit=100", headers=bearer).json
    first = client.get(base + "?limit=2", headers=bearer).json
    second = client.get(base + "?limit=2&offset=2", headers=bearer).json
    assert first["total"] == everyone["total"] and len(first["items"]) == 2
    assert [r["id"] for r in first["items"] + second["items"]] == \
        [r["id"] for r in everyone["items"][:4]]
    for bad in ("limit=0", "limit=101", "offset=-1", "limit=x", "offset=99999999999"):
        response = client.get(f"{base}?{bad}", headers=bearer)
        assert response.status_code == 422, bad
        assert response.json["code"] == "invalid" and response.json["errors"]


def test_other_consultants_engagement_is_404(app, client, demo):
    make_user(app, "other@example.com")
    token = token_for(app, "other@example.com")
    assert client.get("/api/v1/engagements", headers=_h(token)).json["total"] == 0
    response = client.get(f"/api/v1/engagements/{demo.engagement_id}/pains", headers=_h(token))
    assert response.status_code == 404 and response.json["code"] == "not-found"


def test_viewer_reads_but_cannot_invite_or_track(app, client, tracked):
    share(app, tracked, "viewer@client.example", "viewer")
    headers = _h(token_for(app, "viewer@client.example"))
    base = f"/api/v1/engagements/{tracked}"
    assert client.get(base + "/respondents", headers=headers).status_code == 200
    response = client.post(base + "/respondents", headers=headers,
                           json={"name": "Ann", "role": "manager"})
    assert response.status_code == 403 and response.json["code"] == "forbidden"
    checkpoint = client.get(base + "/checkpoints", headers=headers).json["items"][0]
    response = client.patch(f"{base}/checkpoints/{checkpoint['id']}", headers=headers,
                            json={"status": "in_progress"})
    assert response.status_code == 403


def test_project_team_tracks_but_cannot_invite(app, client, tracked):
    share(app, tracked, "team@client.example", "project_team")
    headers = _h(token_for(app, "team@client.example"))
    base = f"/api/v1/engagements/{tracked}"
    with app.app_context():
        row = db.session.scalar(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == tracked, TrackedCheckpoint.status == "planned")
            .order_by(TrackedCheckpoint.id))
        checkpoint_id = row.id
    url = f"{base}/checkpoints/{checkpoint_id}"
    response = client.patch(url, headers=headers, json={"status": "in_progress"})
    assert response.status_code == 200 and response.json["status"] == "in_progress"
    # R-TRACK-1: done needs evidence; refused with the rule's code, nothing changed.
    response = client.patch(url, headers=headers, json={"status": "done", "evidence": ""})
    assert response.status_code == 422 and response.json["code"] == "invalid"
    assert client.get(url, headers=headers).json["status"] == "in_progress"
    response = client.patch(url, headers=headers,
                            json={"status": "done", "evidence": "Signed minutes"})
    assert response.status_code == 200 and response.json["done_on"]
    with app.app_context():
        fields = {a.field for a in db.session.get(TrackedCheckpoint, checkpoint_id).audit}
        assert "status" in fields
    assert client.post(base + "/respondents", headers=headers,
                       json={"name": "Ann", "role": "manager"}).status_code == 403


def test_consultant_invites_a_respondent(app, client, bearer, demo):
    base = f"/api/v1/engagements/{demo.engagement_id}/respondents"
    response = client.post(base, headers=bearer,
                           json={"name": "Ann Lee", "email": "ann@client.example",
                                 "role": "manager"})
    assert response.status_code == 201
    assert "/r/" in response.json["link"] or response.json["link"].startswith("http")
    with app.app_context():
        row = db.session.get(Respondent, response.json["id"])
        assert row.name == "Ann Lee" and row.token in response.json["link"]
    again = client.post(base, headers=bearer, json={"name": "Ann", "email": "ann@client.example",
                                                    "role": "manager"})
    assert again.status_code == 409 and again.json["code"] == "conflict"
    for body in ({"name": "A", "role": "boss"}, {"role": "manager"},
                 {"name": "A", "role": "manager", "department_id": 999999},
                 {"name": "A", "role": "manager", "extra": 1}, [1, 2]):
        bad = client.post(base, headers=bearer, json=body)
        assert bad.status_code == 422, body
        assert bad.json["code"] == "invalid"


def test_errors_are_json_with_code_and_reason(client, bearer, demo):
    assert client.get("/api/v1/nowhere", headers=bearer).json["code"] == "not-found"
    response = client.delete(f"/api/v1/engagements/{demo.engagement_id}", headers=bearer)
    assert response.status_code == 405 and response.json["code"] == "method-not-allowed"
    response = client.post(f"/api/v1/engagements/{demo.engagement_id}/respondents",
                           headers={**bearer, "Content-Type": "application/json"},
                           data=b"{nope")
    assert response.status_code in (400, 422) and response.json["code"]
    response = client.get("/api/v1/engagements/0", headers=bearer)
    assert response.status_code == 404
    url = f"/api/v1/engagements/{demo.engagement_id}/respondents"
    for body, status in ((b"[" * 50_000, 400), (b'{"name": NaN, "role": "it"}', 400),
                         (b'{"name": "' + b"x" * 70_000 + b'"}', 413)):
        response = client.post(url, data=body, headers={**bearer,
                                                        "Content-Type": "application/json"})
        assert response.status_code == status and response.json["code"], body[:20]


def test_openapi_document_is_valid_3_1(client):
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert "bearerAuth" in document["components"]["securitySchemes"]


def test_too_many_bad_tokens_is_429(client):
    for _ in range(20):
        client.get("/api/v1/engagements", headers={"Authorization": "Bearer rdy_wrong"})
    response = client.get("/api/v1/engagements", headers={"Authorization": "Bearer rdy_wrong"})
    assert response.status_code == 429 and response.json["code"] == "too-many"
