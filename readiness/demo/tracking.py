"""The demo's roadmap under way (issue 10): kept, with checkpoints done with evidence, in progress
and one review long overdue (an amber light).

The demo engagement starts on a fixed date (its report and tests read it); a roadmap "under way"
needs checkpoints in the past of whatever day the demo is loaded. So the consultant's edits move
the few checkpoints the team has worked on back from today, as a consultant re-planning would;
every other date stays as generated, and the state is recorded through the tracking services,
audit log included.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ..auth.models import User
from ..engagements.models import Engagement
from ..extensions import db
from ..roadmap import services as roadmap_services
from ..tracking import services as tracking
from ..tracking.models import TrackedCheckpoint

#: checkpoint key -> (days before today it is planned (negative: ahead), status, started, done, owner, evidence)
PLAN = {
    "kickoff": (70, "done", 70, 70, "Li Wei",
                "Kick-off held with Helen Park (COO); minutes and the signed project charter filed."),
    "d2-L1-req-1": (49, "done", 49, 48, "Sarah Chen",
                    "Requirement session 1: 14 member-service scenarios agreed and signed off."),
    "d2-L1-req-2": (35, "done", 35, 33, "Sarah Chen",
                    "Requirement session 2: grading and sharing rules written down."),
    "d2-L1-config": (-10, "in_progress", 18, None, "Ivan Petrov", ""),
    "d2-L1-review-1": (40, "slipped", None, None, "Sarah Chen", ""),
}
COMMENTS = {
    "d2-L1-review-1": "Review postponed twice: the store managers are in the Christmas peak.",
    "d2-L1-config": "Loyalty ID matching against the web shop accounts is the slow part.",
}


def load_demo_tracking(engagement: Engagement, consultant: User, today: date | None = None) -> None:
    today = today or date.today()
    roadmap_services.ensure_stored(engagement)
    for key, (planned, *_rest) in PLAN.items():
        day = (today - timedelta(days=planned)).isoformat()
        for field in ("start", "end"):
            roadmap_services.save_edit(engagement, f"checkpoint:{key}", field, day, consultant.id)
    rows = {r.key: r for r in db.session.scalars(sa.select(TrackedCheckpoint).where(
        TrackedCheckpoint.engagement_id == engagement.id))}
    members = {m.name: m.id for m in engagement.team}
    for key, (_planned, status, started, done, owner, evidence) in PLAN.items():
        row = rows[key]
        change = tracking.Change(
            status, f"m{members[owner]}",
            today - timedelta(days=started) if started is not None else None,
            today - timedelta(days=done) if done is not None else None, evidence, "")
        tracking.update(engagement, row, change, consultant, today)
        if key in COMMENTS:
            tracking.add_comment(row, COMMENTS[key], consultant)
    db.session.flush()
