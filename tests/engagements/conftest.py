"""Fixtures of the engagement tests: an owner logged in, an engagement created through the form."""
from __future__ import annotations

import re

import pytest

from tests.engagements.helpers import OWNER, builtin_version, post
from tests.helpers import make_user


@pytest.fixture
def owner(app, auth):
    make_user(app, OWNER)
    auth.login(OWNER)
    return auth


@pytest.fixture
def engagement_id(app, client, owner):
    response = post(client, "/engagements/new", {
        "client": "Acme Legal", "sector": "Law firm", "sponsor_name": "Pat Partner",
        "sponsor_hours_per_month": "2", "start_date": "2027-03-01",
        "questionnaire_version_id": builtin_version(client)}, page="/engagements/new")
    assert response.status_code == 302
    return int(re.search(r"/engagements/(\d+)/setup", response.headers["Location"]).group(1))
