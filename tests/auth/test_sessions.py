"""Issue 11: sessions end on logout, password change, reset and deactivation; the throttle counts
the normalised email; `next` never leaves the site."""
from __future__ import annotations

import pytest

from readiness.auth.models import User
from readiness.extensions import db
from readiness.security import safe_next
from tests.helpers import Auth, csrf_token, make_user

PASSWORD = "correct horse battery"


def _copy_cookie(app, client):
    """A second browser holding a copy of `client`'s session cookie (a stolen or kept cookie)."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def _logged_in(client) -> bool:
    return client.get("/engagements").status_code == 200


def test_a_copied_cookie_stops_working_after_logout(app, client, auth):
    make_user(app)
    auth.login()
    copy = _copy_cookie(app, client)
    assert _logged_in(copy)
    auth.logout()
    assert not _logged_in(client) and not _logged_in(copy)
    auth.login()  # logging in again works, with a new session
    assert _logged_in(client) and not _logged_in(copy)


def test_changing_the_password_ends_other_sessions_but_not_this_one(app, client, auth):
    make_user(app)
    auth.login()
    other_browser = app.test_client()
    Auth(other_browser).login()
    page = client.get("/account/password")
    assert page.status_code == 200 and "Change password" in page.text
    response = client.post("/account/password", data={
        "current": PASSWORD, "new": "a new long passphrase", "confirm": "a new long passphrase",
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    shown = client.get(response.headers["Location"])
    assert "Your password is changed." in shown.text
    assert _logged_in(client) and not _logged_in(other_browser)
    assert Auth(app.test_client()).login(password=PASSWORD).status_code == 401
    assert Auth(app.test_client()).login(password="a new long passphrase").status_code == 302


@pytest.mark.parametrize(("data", "error"), [
    ({"current": "wrong password!", "new": "a new long passphrase",
      "confirm": "a new long passphrase"}, "This is not your current password."),
    ({"current": PASSWORD, "new": "short", "confirm": "short"}, "at least 10"),
    ({"current": PASSWORD, "new": "a new long passphrase", "confirm": "another one here"},
     "The two new passwords differ."),
])
def test_password_change_refusals_keep_the_old_password(app, client, auth, data, error):
    make_user(app)
    auth.login()
    page = client.get("/account/password")
    response = client.post("/account/password", data=dict(data, csrf_token=csrf_token(page.text)))
    assert response.status_code == 422 and error in response.text
    assert _logged_in(client)
    assert Auth(app.test_client()).login(password=PASSWORD).status_code == 302


def test_admin_reset_and_deactivation_end_the_users_sessions(app, client, auth):
    make_user(app, "admin@example.com", role="admin")
    user_id = make_user(app)
    victim = app.test_client()
    Auth(victim).login()
    assert _logged_in(victim)
    auth.login("admin@example.com")
    token = csrf_token(client.get("/admin/users").text)
    assert client.post(f"/admin/users/{user_id}/password",
                       data={"csrf_token": token}).status_code == 302
    assert not _logged_in(victim)

    Auth(victim).login(password=_reset_password(app, user_id))
    assert _logged_in(victim)
    client.post(f"/admin/users/{user_id}/active", data={"csrf_token": token, "active": "0"})
    assert not _logged_in(victim)


def _reset_password(app, user_id) -> str:
    with app.app_context():
        user = db.session.get(User, user_id)
        user.set_password("known long password")
        db.session.commit()
    return "known long password"


def test_a_session_of_the_old_format_or_a_forged_id_loads_nobody(app, client, auth):
    make_user(app)
    for token in ("1", "1:abc", "x:0", "1:0:0", "9" * 500 + ":0"):
        with client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        assert not _logged_in(client), token


# Throttle ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [" consultant@example.com", "CONSULTANT@example.com ",
                                      "\tConsultant@Example.com"])
def test_the_throttle_counts_every_spelling_of_one_email(app, client, auth, spelling):
    make_user(app)
    for _ in range(5):
        assert auth.login(spelling, "wrong password").status_code == 401
    # Neither the plain nor a padded spelling gets past it, even with the right password.
    assert auth.login("consultant@example.com").status_code == 429
    assert auth.login(spelling).status_code == 429


def test_the_throttle_is_per_address(app, client, auth):
    make_user(app)
    for _ in range(5):
        auth.login(password="wrong password")
    elsewhere = app.test_client()
    page = elsewhere.get("/auth/login")
    response = elsewhere.post("/auth/login", environ_base={"REMOTE_ADDR": "192.0.2.7"}, data={
        "email": "consultant@example.com", "password": PASSWORD,
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302


# Redirects ----------------------------------------------------------------------------------------

OFF_SITE = ["//evil.example", "/\\evil.example", "/%09/evil.example", "/\t/evil.example",
            "/%2F%2Fevil.example", "/%252F%252Fevil.example", "https://evil.example/",
            "/\nLocation: https://evil.example", "/%0d%0aSet-Cookie:x=1", "\\\\evil.example",
            "javascript:alert(1)", "/%5Cevil.example", " //evil.example", "", "/" + "a" * 5000,
            "/\u2028x", "\x00/"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_safe_next_refuses_every_spelling_of_another_host(target):
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", ["/engagements/3", "/engagements/3/report?job=abc&lang=zh",
                                    "/w/ABC123"])
def test_safe_next_keeps_our_own_pages(target):
    assert safe_next(target, "/fallback") == target


@pytest.mark.parametrize("target", [*OFF_SITE, "%", "/%", "/%zz", "%E2%80%A8"])
def test_login_with_any_next_lands_on_our_site_without_500(app, client, target):
    make_user(app)
    page = client.get("/auth/login")
    response = client.post("/auth/login", query_string={"next": target}, data={
        "email": "consultant@example.com", "password": PASSWORD,
        "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/engagements" or (target in ("/%", "/%zz") and location == target)
