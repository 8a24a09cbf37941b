"""The roadmap page: generated once, edited by the consultant, regenerated only on confirmation."""
import pytest
import sqlalchemy as sa

from readiness.engagements.models import Department, EngagementAccess
from readiness.extensions import db
from readiness.roadmap.models import RoadmapEdit, RoadmapPlan
from tests.helpers import csrf_token, make_user


@pytest.fixture
def consultant(client, auth, demo):
    auth.login(demo.email, demo.password)
    return client


def _post(client, engagement_id, path, data):
    page = client.get(f"/engagements/{engagement_id}/roadmap")
    return client.post(f"/engagements/{engagement_id}/roadmap/{path}",
                       data={"csrf_token": csrf_token(page.text), **data})


def test_first_view_generates_and_stores_the_roadmap(app, consultant, demo):
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert page.status_code == 200
    for title in ("Phase 0", "Crawl", "Walk", "Run", "ten foundations"):
        assert title in page.text
    assert "Loyalty data warehouse" in page.text  # R-MAP-5 asset
    assert "Members are unknown at the till" in page.text  # key pain assigned to a phase
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RoadmapPlan.id))) == 1


def test_edit_owner_is_kept_and_marked(app, consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:kickoff", "field": "owner", "value": "Grace <Hopper>"})
    assert response.status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert "Grace &lt;Hopper&gt;" in page.text and 'class="edited"' in page.text


def test_bad_date_is_refused_with_a_reason(consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:kickoff", "field": "start", "value": "next Tuesday"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text


def test_unknown_target_is_refused(consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:nope", "field": "owner", "value": "x"})
    assert response.status_code == 400 and "unknown roadmap element" in response.text


def test_regenerate_asks_before_discarding_edits(app, consultant, demo):
    _post(consultant, demo.engagement_id, "edit",
          {"target": "phase:walk", "field": "objectives", "value": "Pipeline live\nDaily sync"})
    asked = _post(consultant, demo.engagement_id, "regenerate", {})
    assert asked.status_code == 409 and "discards these 1 edits" in asked.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RoadmapEdit.id))) == 1
    done = _post(consultant, demo.engagement_id, "regenerate", {"discard_edits": "y"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RoadmapEdit.id))) == 0


def test_cap_needs_a_reason_and_changes_the_next_generation(app, consultant, demo):
    with app.app_context():
        service = db.session.scalar(sa.select(Department).where(Department.name == "Customer Service"))
        dept_id = service.id
    refused = _post(consultant, demo.engagement_id, "cap", {"department_id": dept_id, "cap": "1", "reason": ""})
    assert refused.status_code == 400 and "say why" in refused.text
    assert _post(consultant, demo.engagement_id, "cap",
                 {"department_id": dept_id, "cap": "1", "reason": "Pilot first"}).status_code == 302
    _post(consultant, demo.engagement_id, "regenerate", {"discard_edits": "y"})
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    # Customer Service was the only department headed for run; capped at crawl, no run phase remains.
    assert 'id="phase-run"' not in page.text and 'id="phase-walk"' in page.text


def test_viewer_reads_but_cannot_edit_and_stranger_sees_nothing(app, client, auth, demo):
    viewer = make_user(app, "viewer@client.example", role="viewer")
    make_user(app, "stranger@example.com")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer))
        db.session.commit()
    auth.login("viewer@client.example")
    page = client.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert page.status_code == 200 and "<details class=\"edit\"" not in page.text
    for path in ("edit", "regenerate", "cap"):
        response = client.post(f"/engagements/{demo.engagement_id}/roadmap/{path}",
                               data={"csrf_token": csrf_token(page.text), "target": "checkpoint:kickoff",
                                     "field": "owner", "value": "x", "department_id": 1})
        assert response.status_code == 403
    auth.logout()
    auth.login("stranger@example.com")
    assert client.get(f"/engagements/{demo.engagement_id}/roadmap").status_code == 404
    for path in ("edit", "regenerate", "cap"):
        assert client.post(f"/engagements/{demo.engagement_id}/roadmap/{path}").status_code in (400, 404)


def test_roadmap_post_without_csrf_is_refused(consultant, demo):
    response = consultant.post(f"/engagements/{demo.engagement_id}/roadmap/edit",
                               data={"target": "checkpoint:kickoff", "field": "owner", "value": "x"})
    assert response.status_code == 400
