"""`readiness demo` loads the roadmap under way: done with evidence, in progress, one amber review."""
from __future__ import annotations

from collections import Counter

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.tracking.models import TrackedCheckpoint


def test_demo_command_tracks_the_roadmap(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        engagement = db.session.scalar(db.select(Engagement))
        rows = db.session.scalars(db.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == engagement.id)).all()
        statuses = Counter(r.status for r in rows)
        assert statuses["done"] == 3 and statuses["in_progress"] == 1 and statuses["slipped"] == 1
        assert all(r.evidence for r in rows if r.status == "done")
        assert all(r.done_on is not None for r in rows if r.status == "done")
