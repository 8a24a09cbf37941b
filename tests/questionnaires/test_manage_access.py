"""Questionnaire management is for admins and consultants: client accounts (viewers, project
team) get 403 on every page and action, anonymous visitors (respondents) go to the login."""
from __future__ import annotations

import io

import pytest

from tests.helpers import csrf_token, make_user
from tests.questionnaires.manage_helpers import PULSE_TEXT, renamed, version_id, versions


def _pages(app):
    v = version_id(app, "crm-pulse")
    return [("get", "/questionnaires"), ("get", f"/questionnaires/{v}"),
            ("get", f"/questionnaires/{v}/download.yaml"), ("get", f"/questionnaires/{v}/download.json"),
            ("get", f"/questionnaires/{v}/copy"), ("get", f"/questionnaires/{v}/edit"),
            ("get", f"/questionnaires/{v}/edit/B1"), ("get", f"/questionnaires/diff?old={v}&new={v}"),
            ("post", "/questionnaires/upload"), ("post", f"/questionnaires/{v}/copy"),
            ("post", f"/questionnaires/{v}/edit"), ("post", f"/questionnaires/{v}/edit/B1")]


@pytest.mark.parametrize("role", ["viewer", "project_team"])
def test_client_accounts_get_403(app, client, auth, role):
    make_user(app, f"{role}@example.com", role=role)
    auth.login(f"{role}@example.com")
    token = csrf_token(client.get("/engagements").text)
    before = versions(app)
    for method, url in _pages(app):
        data = {"csrf_token": token, "file": (io.BytesIO(renamed(PULSE_TEXT, "x").encode()), "x.yaml")}
        response = client.get(url) if method == "get" else client.post(
            url, data=data, content_type="multipart/form-data")
        assert response.status_code == 403, (method, url)
    assert versions(app) == before
    assert "/questionnaires" not in client.get("/engagements").text  # no menu entry either


def test_anonymous_visitors_are_sent_to_the_login(app, client):
    for method, url in _pages(app):
        response = getattr(client, method)(url)
        assert response.status_code in (302, 400), (method, url)  # POST without CSRF: 400
        if response.status_code == 302:
            assert "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["consultant", "admin"])
def test_consultants_and_admins_manage(app, client, auth, role):
    make_user(app, f"{role}@example.com", role=role)
    auth.login(f"{role}@example.com")
    assert 'href="/questionnaires"' in client.get("/engagements").text
    for method, url in _pages(app):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_unknown_versions_are_404(app, client, auth):
    make_user(app, "c@example.com")
    auth.login("c@example.com")
    for url in ("/questionnaires/99999", "/questionnaires/99999/edit", "/questionnaires/99999/edit/B1",
                "/questionnaires/99999/copy", "/questionnaires/99999/download.yaml"):
        assert client.get(url).status_code == 404, url
    v = version_id(app, "crm-pulse")
    assert client.get(f"/questionnaires/{v}/edit/B9").status_code == 404
    assert client.get(f"/questionnaires/{v}/download.exe").status_code == 404
