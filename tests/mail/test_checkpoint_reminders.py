"""Checkpoint reminders: the owning account gets one email when a checkpoint falls due within a
week and one when it is overdue, in the language of its profile, never twice."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from readiness.auth.models import User
from readiness.demo.tracking import load_demo_tracking
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.tracking.models import TrackedCheckpoint
from tests.tracking.helpers import share


def _own(app, engagement_id, user_id, due, status="planned"):
    with app.app_context():
        rows = db.session.scalars(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == engagement_id).order_by(TrackedCheckpoint.id)).all()
        for row in rows:
            row.owner_user_id = None
        row = rows[0]
        row.owner_user_id, row.due, row.status = user_id, due, status
        db.session.commit()
        return row.id, row.title_en, row.title_zh


def test_due_soon_and_overdue_reach_the_owner_once_each(mail_app, runner, demo):
    app, inbox = mail_app
    app.config["PUBLIC_URL"] = "https://readiness.example.org"
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        load_demo_tracking(engagement, db.session.get(User, engagement.owner_id))
        db.session.commit()
    owner = share(app, demo.engagement_id, "pm@client.example", "project_team")
    checkpoint_id, title, _zh = _own(app, demo.engagement_id, owner, date.today() + timedelta(days=3))
    for _ in range(2):
        result = runner.invoke(args=["send-reminders", "--engagement", str(demo.engagement_id)])
        assert result.exit_code == 0, result.output
    to_pm = inbox.to("pm@client.example")
    assert len(to_pm) == 1 and "Due soon" in to_pm[0]["Subject"]
    body = to_pm[0].get_body(("plain",)).get_content()
    assert title in body
    assert f"https://readiness.example.org/engagements/{demo.engagement_id}/tracking/{checkpoint_id}" in body
    # Overdue now, and the owner reads Chinese: a second, Chinese message.
    with app.app_context():
        db.session.get(User, owner).locale = "zh"
        db.session.commit()
    _own(app, demo.engagement_id, owner, date.today() - timedelta(days=2))
    runner.invoke(args=["send-reminders", "--engagement", str(demo.engagement_id)])
    to_pm = inbox.to("pm@client.example")
    assert len(to_pm) == 2
    assert "您好" in to_pm[1].get_body(("plain",)).get_content()


def test_done_and_far_checkpoints_send_nothing(mail_app, runner, demo):
    app, inbox = mail_app
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        load_demo_tracking(engagement, db.session.get(User, engagement.owner_id))
        db.session.commit()
    owner = share(app, demo.engagement_id, "pm@client.example", "project_team")
    _own(app, demo.engagement_id, owner, date.today() + timedelta(days=30))
    runner.invoke(args=["send-reminders", "--engagement", str(demo.engagement_id)])
    _own(app, demo.engagement_id, owner, date.today() - timedelta(days=5), status="done")
    runner.invoke(args=["send-reminders", "--engagement", str(demo.engagement_id)])
    assert inbox.to("pm@client.example") == []
