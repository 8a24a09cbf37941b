"""Test helpers: CSRF token extraction, accounts, logging in through the real form."""
import re

from readiness.extensions import db


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def make_user(app, email="consultant@example.com", role="consultant", password="correct horse battery"):
    from readiness.auth.services import create_user

    with app.app_context():
        user, _ = create_user(email, email.split("@")[0].title(), password, role)
        db.session.commit()
        return user.id


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email="consultant@example.com", password="correct horse battery"):
        page = self.client.get("/auth/login")
        return self.client.post("/auth/login", data={
            "email": email, "password": password, "csrf_token": csrf_token(page.text)})

    def logout(self):
        page = self.client.get("/engagements")
        return self.client.post("/auth/logout", data={"csrf_token": csrf_token(page.text)})
