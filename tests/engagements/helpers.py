"""Helpers of the engagement and set-up tests: browser-like posts, rows, the built-in version."""
from __future__ import annotations

import re

import sqlalchemy as sa

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.helpers import csrf_token

OWNER = "owner@example.com"


def post(client, url, data=None, page="/engagements"):
    """POST like a browser: with the CSRF token of a page the user can see."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client.get(page).text)})


def assessment(app, engagement_id):
    with app.app_context():
        return assess_engagement(db.session.get(Engagement, engagement_id))


def rows(app, model, **where):
    with app.app_context():
        order = sa.inspect(model).primary_key
        return db.session.scalars(sa.select(model).filter_by(**where).order_by(*order)).all()


def builtin_version(client) -> str:
    page = client.get("/engagements/new").text
    return re.search(r'<option selected value="(\d+)">CRM readiness assessment', page).group(1)
