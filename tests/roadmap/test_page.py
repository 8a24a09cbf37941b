"""The roadmap page: a proposal until kept, a track per department, the gate, the consultant's
edits, pilot and track starts; edits survive regeneration where their checkpoint still exists."""
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


def _department_id(app, name):
    with app.app_context():
        return db.session.scalar(sa.select(Department.id).where(Department.name == name))


def _plans(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(RoadmapPlan.id)))


def test_viewing_shows_a_track_per_department_and_writes_nothing(app, consultant, demo):
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert page.status_code == 200
    for name in ("Store Operations", "Membership &amp; Marketing", "Corporate Accounts", "Customer Service"):
        assert f'data-department="{name}"' in page.text
    assert "Phase 0" in page.text and "ten foundations" in page.text
    assert "Loyalty data warehouse" in page.text  # R-MAP-5 asset
    assert "Members are unknown at the till" in page.text  # key pain in its department's phase
    assert "Gate on" in page.text  # the demo has open red lights (R-MAP-7)
    assert _plans(app) == 0  # GET is read-only: a proposal until the consultant keeps it


def test_keeping_the_proposal_stores_it(app, consultant, demo):
    assert _post(consultant, demo.engagement_id, "regenerate", {}).status_code == 302
    assert _plans(app) == 1


def test_key_pain_sits_in_its_own_departments_track(consultant, demo):
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap").text
    stores = page[page.index('data-department="Store Operations"'):]
    stores = stores[:stores.index("</article>")]
    assert "Members are unknown at the till" in stores


def test_edit_owner_is_kept_and_marked(app, consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:kickoff", "field": "owner", "value": "Grace <Hopper>"})
    assert response.status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert "Grace &lt;Hopper&gt;" in page.text and 'class="edited"' in page.text
    assert _plans(app) == 1


def test_bad_date_is_refused_with_a_reason(consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:kickoff", "field": "start", "value": "next Tuesday"})
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text


def test_unknown_target_is_refused(consultant, demo):
    response = _post(consultant, demo.engagement_id, "edit",
                     {"target": "checkpoint:nope", "field": "owner", "value": "x"})
    assert response.status_code == 400 and "unknown roadmap element" in response.text


def test_edits_survive_regeneration_where_their_checkpoint_exists(app, consultant, demo):
    stores = _department_id(app, "Store Operations")
    _post(consultant, demo.engagement_id, "edit",
          {"target": f"checkpoint:d{stores}-L2-req-1", "field": "owner", "value": "Helen Park"})
    assert _post(consultant, demo.engagement_id, "regenerate", {}).status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    row = page.text[page.text.index(f'id="checkpoint-d{stores}-L2-req-1"'):]
    assert "Helen Park" in row[:row.index("</tr>")]


def test_regenerate_asks_before_dropping_edits_whose_part_is_gone(app, consultant, demo):
    service = _department_id(app, "Customer Service")
    _post(consultant, demo.engagement_id, "edit",
          {"target": f"phase:d{service}-run", "field": "objectives", "value": "Pipeline live\nDaily sync"})
    _post(consultant, demo.engagement_id, "edit",
          {"target": "checkpoint:kickoff", "field": "owner", "value": "Sarah Chen"})
    # Capping Customer Service at walk removes its run phase: that edit would lose its target.
    _post(consultant, demo.engagement_id, "cap", {"department_id": service, "cap": "2", "reason": "Pilot first"})
    asked = _post(consultant, demo.engagement_id, "regenerate", {})
    assert asked.status_code == 409 and "would be discarded" in asked.text and f"d{service}-run" in asked.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RoadmapEdit.id))) == 2
    done = _post(consultant, demo.engagement_id, "regenerate", {"discard_edits": "y"})
    assert done.status_code == 302
    with app.app_context():
        kept = db.session.scalars(sa.select(RoadmapEdit.target)).all()
    assert kept == ["checkpoint:kickoff"]  # the edit whose checkpoint still exists survives


def test_cap_needs_a_reason_and_changes_the_next_generation(app, consultant, demo):
    service = _department_id(app, "Customer Service")
    refused = _post(consultant, demo.engagement_id, "cap", {"department_id": service, "cap": "1", "reason": ""})
    assert refused.status_code == 400 and "say why" in refused.text
    assert _post(consultant, demo.engagement_id, "cap",
                 {"department_id": service, "cap": "2", "reason": "Pilot first"}).status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert f'id="phase-d{service}-run"' not in page.text and f'id="phase-d{service}-walk"' in page.text


def test_consultant_chooses_the_pilot(app, consultant, demo):
    stores = _department_id(app, "Store Operations")
    assert _post(consultant, demo.engagement_id, "pilot", {"department_id": stores}).status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap").text
    track = page[page.index(f'id="track-{stores}"'):]
    assert 'class="badge pilot"' in track[:track.index("</header>")]
    with app.app_context():
        assert db.session.scalar(sa.select(RoadmapPlan.options))["pilot"] == stores


def test_track_start_is_saved_and_never_before_phase_0(app, consultant, demo):
    service = _department_id(app, "Customer Service")
    too_early = _post(consultant, demo.engagement_id, "track-start", {"department_id": service, "start": "2020-01-01"})
    assert too_early.status_code == 400 and "after phase 0" in too_early.text
    bad = _post(consultant, demo.engagement_id, "track-start", {"department_id": service, "start": "soon"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text
    ok = _post(consultant, demo.engagement_id, "track-start", {"department_id": service, "start": "2027-09-01"})
    assert ok.status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap").text
    assert f'id="phase-d{service}-walk"' in page
    assert 'value="2027-09-01"' in page


def test_unknown_department_is_a_clear_400(consultant, demo):
    for path, data in (("pilot", {"department_id": 999999}), ("track-start", {"department_id": 999999,
                                                                                "start": "2027-09-01"}),
                       ("pilot", {"department_id": "9" * 30})):
        response = _post(consultant, demo.engagement_id, path, data)
        assert response.status_code == 400, (path, data)


def test_snapshot_from_before_tracks_still_loads_with_its_edits(app, consultant, demo):
    legacy = {"phases": [
        {"key": "phase-0", "number": 0, "level": 0, "title": {"en": "Phase 0 · Prerequisites", "zh": "第 0 阶段"},
         "departments": ["Store Operations"], "pain_ids": [], "objectives": [{"en": "Old objective", "zh": "旧目标"}],
         "quick_wins": [], "checkpoints": [{"key": "kickoff", "title": {"en": "Kickoff", "zh": "启动"},
                                            "kind": "kickoff", "start": "2027-01-11", "end": "2027-01-11",
                                            "days": 1.0, "owner": "Li Wei", "exit_criteria": [], "rule": "R-MAP-2"}],
         "adoption": [], "start": "2027-01-11", "end": "2027-02-01", "conditions": [], "rules": ["R-MAP-1"]},
        {"key": "walk", "number": 1, "level": 2, "title": {"en": "Walk · old", "zh": "走"},
         "departments": ["Store Operations", "Customer Service"], "pain_ids": [], "objectives": [],
         "quick_wins": [], "checkpoints": [], "adoption": [], "start": "2027-02-02", "end": "2027-06-02",
         "conditions": [], "rules": []}],
        "foundations": [], "assets": [], "key_pain_ids": [], "unaddressed_pain_ids": []}
    with app.app_context():
        plan = RoadmapPlan(engagement_id=demo.engagement_id, snapshot=legacy)
        db.session.add(plan)
        db.session.flush()
        db.session.add(RoadmapEdit(plan_id=plan.id, target="checkpoint:kickoff", field="owner", value="Sarah Chen"))
        db.session.commit()
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert page.status_code == 200
    assert "before each department had its own track" in page.text
    assert "Old objective" in page.text and "Sarah Chen" in page.text
    # Generating again keeps the kickoff edit: its checkpoint still exists.
    assert _post(consultant, demo.engagement_id, "regenerate", {}).status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert "before each department" not in page.text
    row = page.text[page.text.index('id="checkpoint-kickoff"'):]
    assert "Sarah Chen" in row[:row.index("</tr>")]


def test_viewer_reads_but_cannot_edit_and_stranger_sees_nothing(app, client, auth, demo):
    viewer = make_user(app, "viewer@client.example", role="viewer")
    make_user(app, "stranger@example.com")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer))
        db.session.commit()
    auth.login("viewer@client.example")
    page = client.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert page.status_code == 200 and "<details class=\"edit\"" not in page.text
    assert "R-MAP" not in page.text  # no rule ids for the client
    paths = ("edit", "regenerate", "cap", "pilot", "track-start")
    for path in paths:
        response = client.post(f"/engagements/{demo.engagement_id}/roadmap/{path}",
                               data={"csrf_token": csrf_token(page.text), "target": "checkpoint:kickoff",
                                     "field": "owner", "value": "x", "department_id": 1})
        assert response.status_code == 403
    auth.logout()
    auth.login("stranger@example.com")
    assert client.get(f"/engagements/{demo.engagement_id}/roadmap").status_code == 404
    for path in paths:
        assert client.post(f"/engagements/{demo.engagement_id}/roadmap/{path}").status_code in (400, 404)


def test_roadmap_post_without_csrf_is_refused(consultant, demo):
    response = consultant.post(f"/engagements/{demo.engagement_id}/roadmap/edit",
                               data={"target": "checkpoint:kickoff", "field": "owner", "value": "x"})
    assert response.status_code == 400


def _plan_made_with(app, engagement_id, lights):
    """The stored plan as if generated when other red lights were raised (answers came since)."""
    with app.app_context():
        plan = db.session.scalar(sa.select(RoadmapPlan).where(
            RoadmapPlan.engagement_id == engagement_id))
        plan.snapshot = {**plan.snapshot, "open_red_lights": list(lights)}
        db.session.commit()


def test_answers_that_changed_the_red_lights_since_the_plan_are_said_on_the_page(
        app, consultant, demo):
    assert _post(consultant, demo.engagement_id, "regenerate", {}).status_code == 302
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert "changed since this roadmap was generated" not in page.text  # just made: no drift
    _plan_made_with(app, demo.engagement_id, ("R-RED-3", "R-RED-5"))
    page = consultant.get(f"/engagements/{demo.engagement_id}/roadmap")
    assert "The answers have changed since this roadmap was generated." in page.text
    assert "They no longer raise: no sponsor time." in page.text
    assert "They now also raise: Technology ahead of processes: Technology 71" in page.text
    box = page.text[page.text.index('class="warn-box drift"'):]
    box = box[:box.index("</div>")]
    assert "R-RED-3" not in box and "R-CWR-4" not in box  # words, not rule ids
