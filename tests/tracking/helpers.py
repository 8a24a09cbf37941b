"""Helpers of the tracking tests: the demo's roadmap stored and tracked, rows, form posts."""
from __future__ import annotations

import re

import sqlalchemy as sa

from readiness.engagements.models import Engagement, EngagementAccess
from readiness.extensions import db
from readiness.tracking.models import TrackedCheckpoint
from tests.helpers import csrf_token, make_user

TEAM = "team@client.example"
VIEWER = "viewer@client.example"
STRANGER = "stranger@example.com"


def share(app, engagement_id: int, email: str, role: str) -> int:
    user_id = make_user(app, email, role=role)
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=engagement_id, user_id=user_id))
        db.session.commit()
    return user_id


def checkpoints(app, engagement_id: int) -> list[TrackedCheckpoint]:
    with app.app_context():
        rows = db.session.scalars(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == engagement_id).order_by(TrackedCheckpoint.id)).all()
        for row in rows:
            _ = row.audit, row.files, row.comments
        db.session.expunge_all()
        return rows


def by_key(app, engagement_id: int, key: str) -> TrackedCheckpoint:
    return next(r for r in checkpoints(app, engagement_id) if r.key == key)


def post(client, url, data=None, page="/engagements", **kwargs):
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client.get(page).text)},
                       **kwargs)


def engagement(app, engagement_id: int):
    with app.app_context():
        return db.session.get(Engagement, engagement_id)


def first_link(html: str, pattern: str) -> str:
    return re.search(pattern, html).group(0)
