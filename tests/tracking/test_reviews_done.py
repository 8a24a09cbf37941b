"""R-WAVE-3 reads R-TRACK-2 from the tracked checkpoints: a department's review at the level it
works at counts as done only when every review checkpoint of that phase is done."""
from __future__ import annotations

import sqlalchemy as sa

from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.tracking import services
from readiness.tracking.models import TrackedCheckpoint


def test_nothing_tracked_means_no_answer(app, demo):
    with app.app_context():
        assert services.reviews_done(db.session.get(Engagement, demo.engagement_id)) is None


def test_a_department_counts_once_all_its_reviews_at_its_level_are_done(app, tracked):
    with app.app_context():
        engagement = db.session.get(Engagement, tracked)
        rows = db.session.scalars(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == tracked, TrackedCheckpoint.kind == "review",
            TrackedCheckpoint.department_id.is_not(None))).all()
        target = rows[0]
        department = db.session.get(Department, target.department_id)
        department.current_level = target.phase_level
        same_phase = [r for r in rows if r.department_id == target.department_id
                      and r.phase_level == target.phase_level]
        for row in same_phase:
            row.status = "planned"
        db.session.flush()
        assert target.department_id not in services.reviews_done(engagement)
        for row in same_phase[:-1]:
            row.status = "done"
        db.session.flush()
        if len(same_phase) > 1:  # one review still open: not done
            assert target.department_id not in services.reviews_done(engagement)
        same_phase[-1].status = "done"
        db.session.flush()
        assert target.department_id in services.reviews_done(engagement)
        db.session.rollback()
