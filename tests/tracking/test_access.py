"""Who may track (R-TRACK-1 with issue 10's project-team role), route by route: consultants and
the client's project team update checkpoints; the project team changes nothing else (403 on every
other POST of an engagement); viewers read only; strangers get 404."""
from __future__ import annotations

import pytest

from readiness.engagements import access
from tests.engagements.test_access_permissions import ENGAGEMENT, OTHER, OWNER, SHARED, _user
from tests.helpers import make_user
from tests.tracking.helpers import STRANGER, VIEWER, by_key, post, share

#: (role, who) -> may track
EXPECTED = {("admin", OTHER): True, ("consultant", OWNER): True, ("consultant", SHARED): True,
            ("consultant", OTHER): False, ("viewer", SHARED): False, ("viewer", OWNER): False,
            ("project_team", SHARED): True, ("project_team", OTHER): False,
            ("project_team", OWNER): True}


@pytest.mark.parametrize(("role", "who"), EXPECTED)
def test_can_track(role, who):
    user = _user(role, who)
    assert access.can_track(user, ENGAGEMENT) is EXPECTED[(role, who)]
    if role == "project_team":  # reads like a viewer, edits nothing but checkpoints
        assert not access.can_edit(user, ENGAGEMENT) and not access.can_share(user, ENGAGEMENT)


#: Values for the other URL parts of an engagement's POST routes (the ids need not exist: the
#: engagement's edit check comes first).
PARTS = {"kind": "team", "row_id": 1, "pain_id": 1, "user_id": 1, "respondent_id": 1,
         "session_id": 1, "submission_id": 1, "action": "merge"}
#: POST routes a project team may use besides tracking: the PDF report, like every reader.
READER_POSTS = {"reports.create"}
#: Left out: the tracking routes (the team's own) and the JSON API, which takes no session
#: cookie (401 here); tests/api checks the API's access per role with tokens.
NOT_OTHER_POSTS = ("tracking.", "api.")


def _other_posts(app, engagement_id):
    for rule in app.url_map.iter_rules():
        if ("POST" in rule.methods and "engagement_id" in rule.arguments
                and not rule.endpoint.startswith(NOT_OTHER_POSTS) and rule.endpoint not in READER_POSTS):
            values = {k: PARTS[k] for k in rule.arguments if k != "engagement_id"}
            yield rule.endpoint, rule.build({"engagement_id": engagement_id, **values})[1]


def test_project_team_gets_403_on_every_other_post(app, team, tracked):
    answers = {endpoint: post(team, url, {"client": "Hijacked", "email": "x@example.com"},
                              page=f"/engagements/{tracked}").status_code
               for endpoint, url in _other_posts(app, tracked)}
    assert len(answers) > 15
    assert {e: s for e, s in answers.items() if s != 403} == {}


def _urls(app, engagement_id):
    row = by_key(app, engagement_id, "d2-L1-config")
    base = f"/engagements/{engagement_id}/tracking"
    return row, {
        "update": (f"{base}/{row.id}/update", {"status": "in_progress", "evidence": ""}),
        "comment": (f"{base}/{row.id}/comment", {"body": "On it."}),
        "new_calendar": (f"{base}/calendar/new", {}),
    }


@pytest.mark.parametrize("route", ["update", "comment", "new_calendar"])
def test_project_team_may_track(app, team, tracked, route):
    _row, urls = _urls(app, tracked)
    url, data = urls[route]
    assert post(team, url, data, page=f"/engagements/{tracked}").status_code == 302


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("stranger", 404)])
@pytest.mark.parametrize("route", ["update", "comment", "new_calendar"])
def test_viewers_read_only_and_strangers_see_nothing(app, auth, client, tracked, who, status,
                                                     route):
    if who == "viewer":
        share(app, tracked, VIEWER, "viewer")
        auth.login(VIEWER)
    else:  # a consultant the engagement is not shared with
        make_user(app, STRANGER)
        auth.login(STRANGER)
    row, urls = _urls(app, tracked)
    url, data = urls[route]
    assert post(client, url, data).status_code == status
    page = client.get(f"/engagements/{tracked}/tracking")
    assert page.status_code == (200 if who == "viewer" else 404)
    if who == "viewer":
        assert "Keep the roadmap" not in page.text
        detail = client.get(f"/engagements/{tracked}/tracking/{row.id}").text
        assert 'action="/engagements' not in detail.split("History")[0]  # no form to change it
    assert by_key(app, tracked, "d2-L1-config").status == "in_progress"  # unchanged (demo state)
    assert client.get(f"/engagements/{tracked}/tracking/calendar").status_code == status


def test_only_consultants_start_tracking(app, team, tracked):
    assert post(team, f"/engagements/{tracked}/tracking/start",
                page=f"/engagements/{tracked}").status_code == 403


def test_sharing_page_names_what_the_project_team_may_do(app, consultant, tracked):
    share(app, tracked, "crew@client.example", "project_team")
    page = consultant.get(f"/engagements/{tracked}/sharing").text
    assert "client project team: updates checkpoints" in page
