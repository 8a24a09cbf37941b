"""Admin user management at /admin/users: admins only (everyone else 404), passwords shown once."""
import re

import pytest
import sqlalchemy as sa

from readiness.auth.models import User
from readiness.extensions import db
from tests.helpers import Auth, csrf_token, make_user

ADMIN = "admin@example.com"


@pytest.fixture
def admin(app, auth):
    make_user(app, ADMIN, role="admin")
    auth.login(ADMIN)
    return auth


def _post(client, url, data=None, token_page="/admin/users"):
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client.get(token_page).text)})


def _shown_password(html: str) -> str:
    match = re.search(r'id="new-password" class="secret-value"', html) and re.search(
        r'<input type="text" readonly value="([^"]+)" id="new-password"', html)
    assert match, "no password shown"
    return match.group(1)


def _user(app, email):
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.email == email))


def test_admin_creates_a_user_and_the_password_is_shown_once(app, client, admin):
    page = client.get("/admin/users")
    assert page.status_code == 200 and ADMIN in page.text
    response = _post(client, "/admin/users", {"email": "Nina@Client.example", "name": "Nina Novak",
                                              "role": "viewer"})
    assert response.status_code == 302  # post/redirect/get: Back or reload creates nobody
    shown = client.get(response.headers["Location"])
    password = _shown_password(shown.text)
    assert len(password) >= 16 and "shown once" in shown.text
    # Reloading the page the create redirected to shows the password no more.
    assert password not in client.get(response.headers["Location"]).text
    user = _user(app, "nina@client.example")
    assert (user.name, user.role, user.active) == ("Nina Novak", "viewer", True)
    assert password not in user.password_hash and user.password_hash.startswith("scrypt:")
    # Never again: the list shows the account but not the password.
    again = client.get("/admin/users")
    assert "nina@client.example" in again.text and password not in again.text
    # The generated password logs the new user in.
    other = app.test_client()
    assert Auth(other).login("nina@client.example", password).status_code == 302


def test_bad_user_form_rerenders_with_input_and_errors(app, client, admin):
    response = _post(client, "/admin/users", {"email": "not-an-email", "name": "<b>Bo</b>",
                                              "role": "consultant"})
    assert response.status_code == 422
    assert "Enter a valid email address." in response.text
    assert 'value="not-an-email"' in response.text and 'value="&lt;b&gt;Bo&lt;/b&gt;"' in response.text
    duplicate = _post(client, "/admin/users", {"email": ADMIN, "name": "Twin", "role": "admin"})
    assert duplicate.status_code == 422 and "already exists" in duplicate.text
    bad_role = _post(client, "/admin/users", {"email": "r@example.com", "name": "R", "role": "root"})
    assert bad_role.status_code == 422 and "Not a valid choice" in bad_role.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_deactivate_and_reactivate(app, client, admin):
    user_id = make_user(app, "cons@example.com")
    consultant = app.test_client()
    Auth(consultant).login("cons@example.com")
    assert consultant.get("/engagements").status_code == 200

    response = _post(client, f"/admin/users/{user_id}/active", {"active": "0"})
    assert response.status_code == 302
    assert "is deactivated" in client.get("/admin/users").text
    assert _user(app, "cons@example.com").active is False
    # The open session ends and a new login is refused.
    assert consultant.get("/engagements").status_code == 302
    assert Auth(app.test_client()).login("cons@example.com").status_code == 401

    _post(client, f"/admin/users/{user_id}/active", {"active": "1"})
    assert _user(app, "cons@example.com").active is True
    assert Auth(app.test_client()).login("cons@example.com").status_code == 302


def test_admin_cannot_deactivate_themselves(app, client, admin):
    me = _user(app, ADMIN).id
    _post(client, f"/admin/users/{me}/active", {"active": "0"})
    assert "You cannot deactivate your own account." in client.get("/admin/users").text
    assert _user(app, ADMIN).active is True


def test_reset_password_shows_a_new_one_once(app, client, admin):
    user_id = make_user(app, "cons@example.com")
    response = _post(client, f"/admin/users/{user_id}/password")
    assert response.status_code == 302
    response = client.get(response.headers["Location"])
    assert "Password reset" in response.text
    password = _shown_password(response.text)
    assert Auth(app.test_client()).login("cons@example.com").status_code == 401  # old one is gone
    assert Auth(app.test_client()).login("cons@example.com", password).status_code == 302


def test_unknown_user_is_404(app, client, admin):
    assert _post(client, "/admin/users/999/password").status_code == 404
    assert _post(client, "/admin/users/999/active", {"active": "0"}).status_code == 404


def test_post_without_csrf_token_is_refused(app, client, admin):
    user_id = make_user(app, "cons@example.com")
    assert client.post("/admin/users", data={"email": "x@example.com", "name": "X",
                                             "role": "admin"}).status_code == 400
    assert client.post(f"/admin/users/{user_id}/active", data={"active": "0"}).status_code == 400
    assert client.post(f"/admin/users/{user_id}/password").status_code == 400
    assert _user(app, "x@example.com") is None and _user(app, "cons@example.com").active


ADMIN_ROUTES = [("GET", "/admin"), ("GET", "/admin/users"), ("POST", "/admin/users"),
                ("POST", "/admin/users/{id}/active"), ("POST", "/admin/users/{id}/password")]


def test_admin_routes_list_is_complete(app):
    rules = {(m, r.rule) for r in app.url_map.iter_rules() if r.endpoint.startswith("admin.")
             for m in r.methods - {"HEAD", "OPTIONS"}}
    assert rules == {(m, p.replace("{id}", "<int:user_id>")) for m, p in ADMIN_ROUTES}


@pytest.mark.parametrize("role", ["consultant", "viewer"])
@pytest.mark.parametrize("method,path", ADMIN_ROUTES)
def test_non_admins_get_404_on_every_admin_url(app, client, auth, role, method, path):
    target = make_user(app, "target@example.com")
    make_user(app, "someone@example.com", role=role)
    auth.login("someone@example.com")
    url = path.format(id=target)
    if method == "GET":
        assert client.get(url).status_code == 404
    else:
        token = csrf_token(client.get("/engagements").text)
        data = {"csrf_token": token, "active": "0", "email": "n@example.com", "name": "N",
                "role": "admin"}
        assert client.post(url, data=data).status_code == 404
    assert _user(app, "target@example.com").active and _user(app, "n@example.com") is None


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_engagement_list_links_admins_to_users(app, client, admin):
    assert 'href="/admin/users"' in client.get("/engagements").text
    assert client.get("/admin").headers["Location"].endswith("/admin/users")
