"""Fixtures of the API tests: the demo with its tracking, and tokens for accounts by role."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness.api.tokens import create_token
from readiness.auth.models import User
from readiness.demo.tracking import load_demo_tracking
from readiness.engagements.models import Engagement
from readiness.extensions import db


def token_for(app, email: str) -> str:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        _row, token = create_token(user, "test")
        db.session.commit()
        return token


@pytest.fixture
def tracked(app, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        load_demo_tracking(engagement, db.session.get(User, engagement.owner_id))
        db.session.commit()
    return demo.engagement_id


@pytest.fixture
def bearer(app, demo):
    """Headers with a token of the demo's consultant (the engagement's owner)."""
    return {"Authorization": "Bearer " + token_for(app, demo.email)}
