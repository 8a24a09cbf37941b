"""Sharing and access control on every set-up and sharing URL: owner, shared consultant, client
viewer, stranger; CSRF refusal."""
from __future__ import annotations

import pytest

from readiness.engagements.models import Asset, Department, Engagement, EngagementAccess, TeamMember
from readiness.extensions import db
from tests.engagements.helpers import post, rows
from tests.helpers import Auth, make_user


@pytest.fixture
def world(app, demo):
    """The demo engagement with one department, member and asset id, plus other accounts."""
    ids = {"e": demo.engagement_id}
    for key, model in (("d", Department), ("m", TeamMember), ("a", Asset)):
        ids[key] = rows(app, model, engagement_id=demo.engagement_id)[0].id
    for email, role in (("peer@example.com", "consultant"), ("viewer@client.example", "viewer"),
                        ("stranger@example.com", "consultant")):
        ids[email] = make_user(app, email, role=role)
    ids["u"] = ids["viewer@client.example"]
    return ids


GET_ROUTES = ["/engagements/{e}/setup", "/engagements/{e}/sharing"]
POST_ROUTES = [
    "/engagements/{e}/setup/facts", "/engagements/{e}/setup/departments",
    "/engagements/{e}/setup/departments/{d}", "/engagements/{e}/setup/departments/{d}/delete",
    "/engagements/{e}/setup/team", "/engagements/{e}/setup/team/{m}",
    "/engagements/{e}/setup/team/{m}/delete", "/engagements/{e}/setup/assets",
    "/engagements/{e}/setup/assets/{a}", "/engagements/{e}/setup/assets/{a}/delete",
    "/engagements/{e}/sharing", "/engagements/{e}/sharing/{u}/revoke"]
VALID = {"client": "C", "start_date": "2027-01-01", "name": "N", "current_level": "0",
         "side": "business", "email": "peer@example.com", "confirm": "y"}


def test_route_lists_cover_every_engagement_url(app, world):
    """Every set-up and sharing endpoint, and every row kind, is in the lists tested below."""
    from readiness.engagements.services import ROW_KINDS

    adapter = app.url_map.bind("localhost")
    covered = {(adapter.match(p.format(**world), m)[0], adapter.match(p.format(**world), m)[1].get("kind"))
               for m, paths in (("GET", GET_ROUTES), ("POST", POST_ROUTES)) for p in paths}
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("engagements.")
                 and "engagement_id" in r.arguments and r.endpoint != "engagements.overview"}
    assert {endpoint for endpoint, _kind in covered} == endpoints
    for endpoint in ("engagements.add_row", "engagements.edit_row", "engagements.delete_row"):
        assert {kind for e, kind in covered if e == endpoint} == set(ROW_KINDS)


def _share(app, engagement_id, user_id):
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=engagement_id, user_id=user_id))
        db.session.commit()


@pytest.mark.parametrize("path", GET_ROUTES + POST_ROUTES)
def test_stranger_gets_404_on_every_url(app, client, auth, world, path):
    _share(app, world["e"], world["u"])
    auth.login("stranger@example.com")
    url = path.format(**world)
    status = (client.get(url) if path in GET_ROUTES else post(client, url, VALID)).status_code
    assert status == 404
    assert len(rows(app, Department, engagement_id=world["e"])) == 4


@pytest.mark.parametrize("path", POST_ROUTES)
def test_client_viewer_gets_403_on_every_post(app, client, auth, world, path):
    _share(app, world["e"], world["u"])
    auth.login("viewer@client.example")
    assert post(client, path.format(**world), VALID).status_code == 403
    assert len(rows(app, Department, engagement_id=world["e"])) == 4
    assert len(rows(app, EngagementAccess)) == 1


def test_client_viewer_reads_the_setup_page(app, client, auth, world):
    _share(app, world["e"], world["u"])
    auth.login("viewer@client.example")
    page = client.get(f"/engagements/{world['e']}/setup")
    assert page.status_code == 200 and "You can read this set-up but not change it." in page.text
    assert "Store Operations" in page.text and "Save department" not in page.text
    assert "disabled" in page.text and "Add a department" not in page.text
    assert client.get(f"/engagements/{world['e']}").status_code == 200
    assert client.get(f"/engagements/{world['e']}/sharing").status_code == 403  # owner's business


def test_owner_shares_with_a_consultant_who_can_edit(app, client, auth, world, demo):
    auth.login(demo.email, demo.password)
    sharing = f"/engagements/{world['e']}/sharing"
    response = post(client, sharing, {"email": "Peer@Example.com"}, page=sharing)
    assert response.status_code == 302
    page = client.get(sharing).text
    assert "Shared with Peer (peer@example.com)." in page and "consultant: can edit" in page
    for email, message in (("nobody@example.com", "No account has the email nobody@example.com."),
                           (demo.email, "owns this engagement already"),
                           ("peer@example.com", "already shared with peer@example.com")):
        refused = post(client, sharing, {"email": email}, page=sharing)
        assert refused.status_code == 422 and message in refused.text
    assert [a.user_id for a in rows(app, EngagementAccess)] == [world["peer@example.com"]]

    peer = app.test_client()
    Auth(peer).login("peer@example.com")
    url = f"/engagements/{world['e']}/setup"
    assert peer.get(url).status_code == 200
    assert post(peer, f"{url}/departments/{world['d']}", {"name": "Stores", "current_level": "2"},
                page=url).status_code == 302
    assert rows(app, Department, id=world["d"])[0].name == "Stores"
    assert peer.get(sharing).status_code == 403  # only the owner (or an admin) shares
    assert post(peer, sharing, {"email": "viewer@client.example"}).status_code == 403

    revoke = post(client, f"{sharing}/{world['peer@example.com']}/revoke", page=sharing)
    assert revoke.status_code == 302 and rows(app, EngagementAccess) == []
    assert peer.get(url).status_code == 404
    assert post(client, f"{sharing}/{world['peer@example.com']}/revoke", page=sharing).status_code == 404


def test_rows_of_another_engagement_are_404(app, client, world, engagement_id):
    """The owner of engagement A cannot reach the demo's department through A's URLs."""
    base = f"/engagements/{engagement_id}/setup"
    for url in (f"{base}/departments/{world['d']}", f"{base}/team/{world['m']}/delete",
                f"{base}/assets/{world['a']}", f"{base}/nothing"):
        assert post(client, url, VALID).status_code == 404
    assert rows(app, Department, id=world["d"])[0].name == "Store Operations"


@pytest.mark.parametrize("path", [*POST_ROUTES, "/engagements/new"])
def test_post_without_csrf_token_is_refused(app, client, auth, world, demo, path):
    _share(app, world["e"], world["u"])
    auth.login(demo.email, demo.password)
    assert client.post(path.format(**world), data=VALID).status_code == 400
    assert len(rows(app, Department, engagement_id=world["e"])) == 4
    assert len(rows(app, Engagement)) == 1 and len(rows(app, EngagementAccess)) == 1
