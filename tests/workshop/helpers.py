"""Shared helpers of the workshop route tests (test_workshop_routes_*.py): opening and
controlling a session, a participant's phone, the running session fixture."""
from __future__ import annotations

import re

from tests.helpers import csrf_token

VIEWER, SHARED, STRANGER = "viewer@client.example", "shared@example.com", "stranger@example.com"


def open_session(client, engagement_id, votes="3"):
    page = client.get(f"/engagements/{engagement_id}/workshops")
    response = client.post(f"/engagements/{engagement_id}/workshops",
                           data={"csrf_token": csrf_token(page.text), "votes": votes})
    assert response.status_code == 302
    session_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    console = client.get(response.headers["Location"])
    code = re.search(r'data-testid="code">(\w+)<', console.text).group(1)
    return session_id, code


def control(client, engagement_id, session_id, action, **extra):
    page = client.get(f"/engagements/{engagement_id}/workshops/{session_id}")
    return client.post(f"/engagements/{engagement_id}/workshops/{session_id}/control",
                       data={"csrf_token": csrf_token(page.text), "action": action, **extra})


class Phone:
    """A participant's phone: its own cookie jar, the CSRF token of its page, JSON posts."""

    def __init__(self, app, code):
        self.client, self.code = app.test_client(), code
        self.csrf = None

    def join(self, name="", role="manager", department=""):
        page = self.client.get(f"/w/{self.code}")
        response = self.client.post(f"/w/{self.code}/join", data={
            "csrf_token": csrf_token(page.text), "display_name": name, "role": role,
            "department_id": department})
        self.refresh()
        return response

    def refresh(self):
        page = self.client.get(f"/w/{self.code}")
        match = re.search(r'data-csrf="([^"]+)"', page.text)
        self.csrf = match.group(1) if match else self.csrf
        return page

    def post(self, path, body, csrf=True):
        headers = {"X-CSRFToken": self.csrf} if csrf else {}
        return self.client.post(f"/w/{self.code}/{path}", json=body, headers=headers)


