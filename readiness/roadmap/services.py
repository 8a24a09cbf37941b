"""Generate, store, edit and regenerate an engagement's roadmap."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..engagements.models import Department, Engagement
from ..engagements.services import (assess_engagement, department_inputs, engagement_facts,
                                    pain_inputs)
from ..auth.models import utcnow
from ..extensions import db
from ..method.roadmap import build_roadmap
from ..method.roadmap_io import (CHECKPOINT_FIELDS, PHASE_FIELDS, apply_edits, roadmap_from_dict,
                                 roadmap_to_dict)
from ..method.roadmap_types import Roadmap
from .models import RoadmapEdit, RoadmapPlan


class RoadmapError(ValueError):
    pass


class EditsWouldBeLost(RoadmapError):
    def __init__(self, edits: list[RoadmapEdit]):
        self.edits = edits
        super().__init__(f"{len(edits)} edits would be discarded")


@dataclass(frozen=True)
class CurrentRoadmap:
    plan: RoadmapPlan
    roadmap: Roadmap  # with the consultant's edits applied
    edited: set[str]  # "checkpoint:kickoff.owner", ...
    orphans: list[tuple[str, str]]  # edits whose phase/checkpoint the generator no longer makes


def project_lead(engagement: Engagement) -> str:
    """Default owner of level phases: the first business-side team member (R-RED-4 wants one)."""
    business = [m.name for m in engagement.team if m.side == "business"]
    return (business or [m.name for m in engagement.team] or [""])[0]


def generate(engagement: Engagement) -> Roadmap:
    questionnaire = engagement.questionnaire_version.parsed()
    return build_roadmap(
        assess_engagement(engagement), questionnaire.settings, department_inputs(engagement),
        pain_inputs(engagement), engagement_facts(engagement, questionnaire),
        engagement.start_date, project_lead(engagement), [a.name for a in engagement.assets])


def _plan(engagement: Engagement) -> RoadmapPlan | None:
    return db.session.scalar(sa.select(RoadmapPlan).where(RoadmapPlan.engagement_id == engagement.id))


def current(engagement: Engagement) -> CurrentRoadmap:
    """The stored roadmap with edits applied; generated and stored on first use."""
    plan = _plan(engagement)
    if plan is None:
        plan = RoadmapPlan(engagement_id=engagement.id, snapshot=roadmap_to_dict(generate(engagement)))
        db.session.add(plan)
        db.session.flush()
    roadmap, edited, orphans = apply_edits(
        roadmap_from_dict(plan.snapshot), [(e.target, e.field, e.value) for e in plan.edits])
    return CurrentRoadmap(plan, roadmap, edited, orphans)


def regenerate(engagement: Engagement, discard_edits: bool = False) -> RoadmapPlan:
    """Replace the snapshot with a fresh proposal; refuses while edits exist unless told to discard."""
    plan = _plan(engagement)
    if plan is None:
        return current(engagement).plan
    if plan.edits and not discard_edits:
        raise EditsWouldBeLost(list(plan.edits))
    plan.edits.clear()
    plan.snapshot = roadmap_to_dict(generate(engagement))
    plan.generated_at = utcnow()
    db.session.flush()
    return plan


def _targets(roadmap: Roadmap) -> dict[str, tuple[str, ...]]:
    targets = {}
    for phase in roadmap.phases:
        targets[f"phase:{phase.key}"] = PHASE_FIELDS
        for point in phase.checkpoints:
            targets[f"checkpoint:{point.key}"] = CHECKPOINT_FIELDS
    return targets


def save_edit(engagement: Engagement, target: str, field: str, value: str,
              user_id: int | None) -> RoadmapEdit:
    state = current(engagement)
    allowed = _targets(state.roadmap).get(target)  # edits never change the keys
    if allowed is None:
        raise RoadmapError(f"unknown roadmap element {target!r}")
    if field not in allowed:
        raise RoadmapError(f"{field!r} cannot be edited on {target}")
    value = (value or "").strip()
    if field in ("start", "end"):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise RoadmapError("dates are written YYYY-MM-DD") from None
    elif not value:
        raise RoadmapError("the new text is empty")
    if len(value) > 4000:
        raise RoadmapError("the text is longer than 4000 characters")
    edit = db.session.scalar(sa.select(RoadmapEdit).where(
        RoadmapEdit.plan_id == state.plan.id, RoadmapEdit.target == target,
        RoadmapEdit.field == field))
    if edit is None:
        edit = RoadmapEdit(plan_id=state.plan.id, target=target, field=field)
        db.session.add(edit)
    edit.value, edit.edited_by = value, user_id
    db.session.flush()
    return edit


def revert_edit(engagement: Engagement, target: str, field: str) -> None:
    plan = _plan(engagement)
    if plan is not None:
        db.session.execute(sa.delete(RoadmapEdit).where(
            RoadmapEdit.plan_id == plan.id, RoadmapEdit.target == target, RoadmapEdit.field == field))


def set_cap(engagement: Engagement, department_id: int, cap: int | None, reason: str) -> Department:
    """R-CWR-3 from the roadmap page: the consultant caps a department's level, with a reason."""
    department = next((d for d in engagement.departments if d.id == department_id), None)
    if department is None:
        raise RoadmapError("no such department in this engagement")
    if cap is not None and cap not in (1, 2, 3):
        raise RoadmapError("the cap is crawl, walk or run")
    if cap is not None and not reason.strip():
        raise RoadmapError("say why the department is capped")
    department.level_cap, department.cap_reason = cap, reason.strip() if cap else ""
    db.session.flush()
    return department
