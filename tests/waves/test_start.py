"""Starting wave 2 (R-WAVE-1): confirm page, re-invitations with new links, earlier links closed
and read-only, current-wave scoping of every page, and who may start a wave."""
from __future__ import annotations

from readiness.extensions import db
from tests.helpers import csrf_token, make_user
from tests.respond.helpers import save
from tests.respondents.helpers import add_respondent, login

from .helpers import answer_all, answered_wave_one, start_wave, wave_rows


def test_start_wave_reinvites_with_new_links_and_closes_the_old_ones(app, client, auth, eng):
    old = answered_wave_one(app, eng)
    login(auth, eng.owner)
    page = client.get(f"/engagements/{eng.id}/waves/start")
    assert page.status_code == 200
    assert "3 respondents of wave 1 are invited again" in page.text
    response = start_wave(client, eng.id)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/engagements/{eng.id}/waves")
    assert "Wave 2 started" in client.get(response.headers["Location"]).text

    first, second = wave_rows(app, eng.id, 1), wave_rows(app, eng.id, 2)
    assert [r[1:3] for r in second] == [r[1:3] for r in first]  # the same people ...
    assert {r[3] for r in second}.isdisjoint({r[3] for r in first})  # ... with new links
    assert {r[4] for r in second} == {"invited"}

    # The earlier link is closed: a clear page, and the autosave refuses.
    closed = client.get(f"/r/{old[0].token}")
    assert closed.status_code == 410
    assert "This round of the questionnaire is closed" in closed.text
    refused = client.post(f"/r/{old[0].token}/answer", json={"item_id": "B1.1", "level": 5})
    assert refused.status_code in (400, 410)  # no CSRF token from a closed page: refused anyway
    # The new link works and saves into wave 2.
    new_token = second[0][3]
    assert client.get(f"/r/{new_token}").status_code == 200
    assert save(client, new_token, {"item_id": "B1.1", "level": 4, "confidence": "high"}
                ).status_code == 200


def test_an_earlier_wave_cannot_change_through_its_link(app, client, auth, eng):
    old = answered_wave_one(app, eng)
    login(auth, eng.owner)
    csrf = csrf_token(client.get(f"/r/{old[0].token}/block/1").text)  # page open before the start
    start_wave(client, eng.id)
    response = client.post(f"/r/{old[0].token}/answer", json={"item_id": "B1.1", "level": 5},
                           headers={"X-CSRFToken": csrf})
    assert response.status_code == 410
    assert "closed" in response.json["message"]
    block = client.post(f"/r/{old[0].token}/block/1", data={"csrf_token": csrf})
    assert block.status_code == 410


def test_scores_roster_and_dashboard_read_the_current_wave_only(app, client, auth, eng):
    answered_wave_one(app, eng)
    login(auth, eng.owner)
    assert "from 3 respondents" in client.get(f"/engagements/{eng.id}").text
    start_wave(client, eng.id)
    overview = client.get(f"/engagements/{eng.id}")
    assert 'data-testid="no-answers"' in overview.text  # wave 2 has no answers yet
    dashboard = client.get(f"/engagements/{eng.id}/dashboard")
    assert dashboard.status_code == 200
    roster = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Wave 2: the respondents and personal links of this wave" in roster
    for token in (r[3] for r in wave_rows(app, eng.id, 2)):
        assert token in roster
    for token in (r[3] for r in wave_rows(app, eng.id, 1)):
        assert token not in roster  # closed links are not handed out again
    # A respondent added now joins wave 2; when two answer, the overview counts them alone.
    late = add_respondent(app, eng.id, "Late Joiner", "executive", eng.departments["Sales"])
    assert late.id in [r[0] for r in wave_rows(app, eng.id, 2)]
    answer_all(app, late.id, 4)
    answer_all(app, wave_rows(app, eng.id, 2)[0][0], 4)
    assert "from 2 respondents" in client.get(f"/engagements/{eng.id}").text
    assert "Since the last wave" in client.get(f"/engagements/{eng.id}").text


def test_a_wave_without_answers_cannot_be_followed(app, client, auth, eng):
    add_respondent(app, eng.id, "Quiet One", "manager", eng.departments["Sales"])
    login(auth, eng.owner)
    response = start_wave(client, eng.id)
    assert response.status_code == 409
    assert "Wave 1 has no answers yet" in response.text
    assert wave_rows(app, eng.id, 2) == []


def test_start_needs_the_confirmation(app, client, auth, eng):
    answered_wave_one(app, eng)
    login(auth, eng.owner)
    assert start_wave(client, eng.id, confirm=False).status_code == 400
    assert wave_rows(app, eng.id, 2) == []


def test_viewers_may_not_start_a_wave_and_strangers_see_nothing(app, client, auth, eng):
    from readiness.engagements.models import EngagementAccess

    answered_wave_one(app, eng)
    viewer = make_user(app, "viewer@example.com", role="viewer")
    make_user(app, "stranger@example.com")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=eng.id, user_id=viewer))
        db.session.commit()
    login(auth, "viewer@example.com")
    assert client.get(f"/engagements/{eng.id}/waves").status_code == 200
    assert client.get(f"/engagements/{eng.id}/waves/start").status_code == 403
    token = csrf_token(client.get(f"/engagements/{eng.id}/waves").text)
    assert client.post(f"/engagements/{eng.id}/waves/start",
                       data={"csrf_token": token, "confirm": "y"}).status_code == 403
    auth.logout()
    login(auth, "stranger@example.com")
    assert client.get(f"/engagements/{eng.id}/waves").status_code == 404
    assert client.get(f"/engagements/{eng.id}/waves/start").status_code == 404
    assert wave_rows(app, eng.id, 2) == []


def test_an_open_workshop_session_keeps_the_wave_open(app, client, auth, eng):
    from tests.workshop.helpers import open_session

    answered_wave_one(app, eng)
    login(auth, eng.owner)
    open_session(client, eng.id)
    response = start_wave(client, eng.id)
    assert response.status_code == 409
    assert "A workshop session is still open" in response.text
    assert wave_rows(app, eng.id, 2) == []
