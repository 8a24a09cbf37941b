"""Roadmap and checkpoint endpoints: read the roadmap (stored, with the consultant's edits, or a
proposal), read tracked checkpoints, and change a checkpoint's status by the rules of R-TRACK-1
(tracking.services.update: done needs evidence, dropped a reason, dates not in the future)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import g
from flask.views import MethodView

from ..engagements.access import get_engagement, get_trackable
from ..extensions import db
from ..roadmap import services as roadmap_services
from ..tracking import services as tracking
from ..tracking.messages import MESSAGES as TRACKING_MESSAGES
from ..tracking.models import TrackedCheckpoint
from . import bp
from .guard import error_body
from .routes import ENGAGEMENT, page
from .schemas import (
    CheckpointChangeSchema,
    CheckpointPage,
    PageArgs,
    RoadmapSchema,
    TrackedCheckpointSchema,
)


def _checkpoint_dict(row: TrackedCheckpoint) -> dict:
    return {"id": row.id, "key": row.key, "title": row.title_en, "kind": row.kind,
            "phase_key": row.phase_key, "department_id": row.department_id,
            "planned_start": row.planned_start, "due": row.due, "status": row.status,
            "owner": row.owner_name, "started_on": row.started_on, "done_on": row.done_on,
            "evidence": row.evidence, "drop_reason": row.drop_reason,
            "updated_at": row.updated_at}


def _phase_dict(phase) -> dict:
    return {"key": phase.key, "level": phase.level, "title": phase.title.en,
            "department_id": phase.department_id, "start": phase.start, "end": phase.end,
            "checkpoints": [{"key": c.key, "title": c.title.en, "kind": c.kind, "start": c.start,
                             "end": c.end, "owner": c.owner} for c in phase.checkpoints]}


@bp.route(ENGAGEMENT + "/roadmap")
class Roadmap(MethodView):
    @bp.response(200, RoadmapSchema)
    def get(self, engagement_id: int):
        """The roadmap: phase 0, then each department track's phases, with their checkpoints."""
        engagement = get_engagement(engagement_id, g.api_user)
        current = roadmap_services.current(engagement)
        roadmap = current.roadmap
        phases = [roadmap.phase0, *(p for t in roadmap.tracks for p in t.phases)]
        return {"stored": current.plan is not None,
                "generated_at": current.plan.generated_at if current.plan else None,
                "pilot_department_id": roadmap.pilot_department_id,
                "phases": [_phase_dict(p) for p in phases]}


@bp.route(ENGAGEMENT + "/checkpoints")
class Checkpoints(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, CheckpointPage)
    def get(self, args, engagement_id: int):
        """The tracked checkpoints (empty until the roadmap is kept), by due date."""
        engagement = get_engagement(engagement_id, g.api_user)
        return page(sa.select(TrackedCheckpoint)
                    .where(TrackedCheckpoint.engagement_id == engagement.id)
                    .order_by(TrackedCheckpoint.due, TrackedCheckpoint.id), args, _checkpoint_dict)


@bp.route(ENGAGEMENT + "/checkpoints/<int:checkpoint_id>")
class OneCheckpoint(MethodView):
    @bp.response(200, TrackedCheckpointSchema)
    def get(self, engagement_id: int, checkpoint_id: int):
        """One tracked checkpoint."""
        engagement = get_engagement(engagement_id, g.api_user)
        row = tracking.get_checkpoint(engagement, checkpoint_id)
        if row is None:
            return error_body(404)
        return _checkpoint_dict(row)

    @bp.arguments(CheckpointChangeSchema)
    @bp.response(200, TrackedCheckpointSchema)
    def patch(self, data, engagement_id: int, checkpoint_id: int):
        """Change a checkpoint's status (and evidence, drop reason, real dates). Who may: those
        who edit the engagement and the client's project team it is shared with."""
        engagement = get_trackable(engagement_id, g.api_user)
        row = tracking.get_checkpoint(engagement, checkpoint_id)
        if row is None:
            return error_body(404)
        owner = (f"m{row.owner_member_id}" if row.owner_member_id
                 else f"u{row.owner_user_id}" if row.owner_user_id else "")
        change = tracking.Change(
            status=data["status"], owner=owner,
            started_on=data.get("started_on", row.started_on),
            done_on=data.get("done_on", row.done_on),
            evidence=data.get("evidence", row.evidence),
            drop_reason=data.get("drop_reason", row.drop_reason))
        try:
            tracking.update(engagement, row, change, g.api_user, date.today())
        except tracking.TrackingError as exc:
            db.session.rollback()
            return error_body(422, TRACKING_MESSAGES.message(exc), {"json.status": [exc.code]})
        db.session.commit()
        return _checkpoint_dict(row)
