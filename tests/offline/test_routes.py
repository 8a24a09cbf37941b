"""The phones' offline copy on the server: /sw.js (type, caching, security headers, what it
keeps), /csrf-token, the X-Offline-Forget word on finished links, and a kept page's stale or
foreign CSRF token renewed on the token-authenticated answer path."""
from __future__ import annotations

import re

from readiness.offline.worker import PRECACHE, static_version
from tests.helpers import csrf_token
from tests.respondents.helpers import add_respondent, make_engagement
from tests.workshop.helpers import Phone, control


def test_service_worker_script(app, client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    csp = response.headers["Content-Security-Policy"]
    assert "worker-src 'self'" in csp and "script-src 'self'" in csp
    text = response.text
    assert "{{" not in text and "{%" not in text
    version = static_version(app.static_folder)
    assert f'var VERSION = "{version}";' in text
    assert '["/r/", "/w/"]' in text  # the only pages it keeps
    for name in PRECACHE:
        assert f'"/static/{name}"' in text
    # Only GET is touched: POSTs and the rest of the site pass by.
    assert 'if (request.method !== "GET") { return; }' in text


def test_static_version_follows_the_files(tmp_path):
    (tmp_path / "a.css").write_text("a {}")
    first = static_version(str(tmp_path))
    (tmp_path / "a.css").write_text("a { color: red }")
    static_version.cache_clear()
    assert static_version(str(tmp_path)) != first


def test_csrf_token_is_fresh_json_and_never_stored(client):
    response = client.get("/csrf-token")
    assert response.status_code == 200 and response.is_json
    assert response.headers["Cache-Control"] == "no-store"
    assert len(response.json["csrf_token"]) > 20


def test_phone_pages_register_the_worker_and_staff_pages_do_not(app, client, auth, demo):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Reg", "it", None)
    page = app.test_client().get(f"/r/{person.token}/block/1")
    assert 'id="offline"' in page.text and "js/offline.js" in page.text
    assert f'data-link="/r/{person.token}"' in page.text and "data-forget" not in page.text
    assert 'data-testid="offline-banner"' in page.text
    auth.login(demo.email, demo.password)
    staff = client.get(f"/engagements/{demo.engagement_id}")
    assert "offline.js" not in staff.text
    assert "offline.js" not in client.get(f"/r/{person.token}/block/1").text  # logged-in staff


def test_a_submitted_questionnaire_is_forgotten(app):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Done", "it", None)
    phone = app.test_client()
    assert "X-Offline-Forget" not in phone.get(f"/r/{person.token}").headers
    block = phone.get(f"/r/{person.token}/block/1")
    phone.post(f"/r/{person.token}/answer", json={"item_id": "B1.1", "level": 3},
               headers={"X-CSRFToken": csrf_token(block.text)})
    review = phone.get(f"/r/{person.token}/review")
    phone.post(f"/r/{person.token}/submit", data={"csrf_token": csrf_token(review.text)})
    done = phone.get(f"/r/{person.token}/done")
    assert done.status_code == 200 and done.headers["X-Offline-Forget"] == "1"
    assert "data-forget" in done.text  # the page clears its queues from the phone too
    assert phone.get("/r/no-such-token").headers["X-Offline-Forget"] == "1"


def test_a_closed_session_is_forgotten(app, client, running):
    e, s, code = running
    phone = Phone(app, code)
    phone.join("Ann", role="it")
    assert "X-Offline-Forget" not in phone.refresh().headers
    control(client, e, s, "close", confirm="y")
    closed = phone.client.get(f"/w/{code}")
    assert closed.status_code == 410 and closed.headers["X-Offline-Forget"] == "1"
    assert "data-forget" in closed.text


def test_a_kept_page_with_a_foreign_token_sends_after_renewing_it(app):
    """A page kept on the phone may carry a token of a session cookie the phone lost (or one
    older than WTF_CSRF_TIME_LIMIT): the server refuses it (the page then asks /csrf-token), and
    takes the answer with the renewed token."""
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Kept", "it", None)
    old = app.test_client()
    kept = old.get(f"/r/{person.token}/block/1").text
    stale = csrf_token(kept)
    phone = app.test_client()  # the same phone after its session cookie is gone
    url = f"/r/{person.token}/answer"
    refused = phone.post(url, json={"item_id": "B1.1", "level": 3},
                         headers={"X-CSRFToken": stale})
    assert refused.status_code == 400 and refused.json["error"] == "page-expired"
    fresh = phone.get("/csrf-token").json["csrf_token"]
    saved = phone.post(url, json={"item_id": "B1.1", "level": 3}, headers={"X-CSRFToken": fresh})
    assert saved.status_code == 200 and saved.json["saved"] is True


def test_a_kept_workshop_page_renews_its_token(app, client, running):
    e, s, code = running
    control(client, e, s, "next")
    phone = Phone(app, code)
    phone.join("Bo", role="it")
    page = phone.refresh()
    item = re.search(r'name="item_id" value="([^"]+)"', page.text).group(1)
    phone.csrf = "x" + phone.csrf  # expired, or of a session cookie the phone lost
    refused = phone.post("answer", {"item_id": item, "level": 2})
    assert refused.status_code == 400 and refused.json["error"] == "csrf"
    phone.csrf = phone.client.get("/csrf-token").json["csrf_token"]
    assert phone.post("answer", {"item_id": item, "level": 2}).status_code == 200


def test_only_phone_pages_of_people_not_logged_in_are_keepable(app, client, auth, demo):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Keep", "it", None)
    phone = app.test_client()
    assert phone.get(f"/r/{person.token}/block/1").headers["X-Offline-Keep"] == "1"
    assert "X-Offline-Keep" not in phone.get(f"/r/{person.token}/block/99").headers  # a 404
    assert "X-Offline-Keep" not in phone.get("/csrf-token").headers
    assert "X-Offline-Keep" not in phone.get("/login").headers
    auth.login(demo.email, demo.password)
    assert "X-Offline-Keep" not in client.get(f"/r/{person.token}/block/1").headers
    assert "X-Offline-Keep" not in client.get(f"/engagements/{demo.engagement_id}").headers
