"""Fixtures of the tracking tests: the demo with its tracking, and who is logged in."""
from __future__ import annotations

import pytest

from readiness.auth.models import User
from readiness.demo.tracking import load_demo_tracking
from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.tracking.helpers import TEAM, share


@pytest.fixture
def tracked(app, demo):
    """The demo engagement with its roadmap kept and under way (done, in progress, overdue)."""
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        load_demo_tracking(engagement, db.session.get(User, engagement.owner_id))
        db.session.commit()
    return demo.engagement_id


@pytest.fixture
def consultant(auth, demo):
    auth.login(demo.email, demo.password)
    return auth.client


@pytest.fixture
def team(app, auth, tracked):
    """A client project-team account the demo is shared with, logged in."""
    share(app, tracked, TEAM, "project_team")
    auth.login(TEAM)
    return auth.client
