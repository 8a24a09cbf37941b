"""Login, logout, CSRF, throttling, and the create-user command."""
import pytest
import sqlalchemy as sa

from readiness.auth.models import User
from readiness.auth.services import throttle
from readiness.extensions import db
from tests.helpers import csrf_token, make_user


@pytest.fixture(autouse=True)
def _fresh_throttle():
    throttle.clear()


def test_create_user_command_hashes_the_password(app, runner):
    result = runner.invoke(args=["create-user", "--email", "Ann@Example.com", "--name", "Ann"])
    assert result.exit_code == 0, result.output
    password = result.output.strip().rsplit(": ", 1)[1]
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        assert user.email == "ann@example.com"
        assert password not in user.password_hash and user.password_hash.startswith("scrypt:")
        assert user.check_password(password) and not user.check_password(password + "x")


def test_create_user_refuses_duplicates_and_short_passwords(app, runner):
    assert runner.invoke(args=["create-user", "--email", "a@b.c", "--password", "long enough!"]).exit_code == 0
    dup = runner.invoke(args=["create-user", "--email", "a@b.c"])
    assert dup.exit_code != 0 and "already exists" in dup.output
    short = runner.invoke(args=["create-user", "--email", "x@b.c", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output


def test_pages_need_login(client):
    response = client.get("/engagements")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/engagements/1").status_code == 302


def test_login_and_logout(app, client, auth):
    make_user(app)
    response = auth.login()
    assert response.status_code == 302 and response.headers["Location"].endswith("/engagements")
    assert client.get("/engagements").status_code == 200
    auth.logout()
    assert client.get("/engagements").status_code == 302


def test_wrong_password_rerenders_with_email_kept(app, client, auth):
    make_user(app)
    response = auth.login(password="wrong password")
    assert response.status_code == 401
    assert "Wrong email or password" in response.text
    assert 'value="consultant@example.com"' in response.text


def test_login_without_csrf_token_is_refused(app, client):
    make_user(app)
    response = client.post("/auth/login", data={"email": "consultant@example.com",
                                                "password": "correct horse battery"})
    assert response.status_code == 400
    assert client.get("/engagements").status_code == 302


def test_logout_needs_csrf_token(app, client, auth):
    make_user(app)
    auth.login()
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/engagements").status_code == 200


def test_failed_logins_are_throttled(app, client, auth):
    make_user(app)
    for _ in range(5):
        assert auth.login(password="wrong password").status_code == 401
    assert auth.login().status_code == 429  # even the right password waits now


def test_login_never_redirects_off_site(app, client):
    make_user(app)
    page = client.get("/auth/login")
    response = client.post("/auth/login?next=//evil.example/x", data={
        "email": "consultant@example.com", "password": "correct horse battery",
        "csrf_token": csrf_token(page.text)})
    assert response.headers["Location"].endswith("/engagements")
