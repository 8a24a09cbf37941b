"""Dashboard fixtures."""
from __future__ import annotations

import pytest

from readiness.engagements.models import Engagement
from readiness.extensions import db


@pytest.fixture
def northwind(app, demo):
    """Ids of the demo's departments by name."""
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        return {d.name: d.id for d in engagement.departments}
