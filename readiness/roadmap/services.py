"""Generate, store, edit and regenerate an engagement's roadmap.

Viewing never writes: without a stored plan the page and the report show a fresh proposal. A plan
is stored by an explicit action (generate, an edit, a pilot or track-start choice).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from ..auth.models import utcnow
from ..engagements.assessment import (
    assess_engagement,
    department_inputs,
    engagement_facts,
    pain_inputs,
    team_inputs,
)
from ..engagements.models import Department, Engagement
from ..engagements.scores import item_means
from ..errors import DomainError
from ..extensions import db
from ..method.gate import GateLight, gate_lights
from ..method.headline import headline
from ..method.roadmap import TrackOptions, build_roadmap
from ..method.roadmap_io import apply_edits, roadmap_from_dict, roadmap_to_dict, targets
from ..method.roadmap_types import Headline, Roadmap
from ..method.types import Assessment
from ..pains.models import PainPoint
from ..tracking.sync import sync_checkpoints
from .models import RoadmapEdit, RoadmapPlan

logger = logging.getLogger(__name__)


MAX_TEXT = 4000


class RoadmapError(DomainError):
    """A roadmap change refused; its words are in messages.py."""


class EditsWouldBeLost(RoadmapError):
    """Regenerating would leave these edits without their phase or checkpoint."""

    def __init__(self, edits: list[RoadmapEdit]):
        super().__init__("edits-would-be-lost", status=409, count=len(edits))
        self.edits = edits


@dataclass(frozen=True)
class CurrentRoadmap:
    plan: RoadmapPlan | None  # None: a proposal, not stored yet
    roadmap: Roadmap  # with the consultant's edits applied
    edited: set[str]  # "checkpoint:kickoff.owner", ...
    orphans: list[tuple[str, str]]  # edits whose phase/checkpoint the generator no longer makes


def options_of(plan: RoadmapPlan | None) -> TrackOptions:
    raw = (plan.options or {}) if plan is not None else {}
    starts = {}
    for key, value in (raw.get("starts") or {}).items():
        try:
            starts[int(key)] = date.fromisoformat(value)
        except (TypeError, ValueError):
            continue  # a malformed stored choice is ignored, not fatal
    return TrackOptions(raw.get("pilot"), starts)


def generate(engagement: Engagement, options: TrackOptions = TrackOptions(),
             assessment: Assessment | None = None) -> Roadmap:
    questionnaire = engagement.questionnaire_version.parsed()
    return build_roadmap(
        assessment or assess_engagement(engagement), questionnaire, department_inputs(engagement),
        pain_inputs(engagement), engagement_facts(engagement, questionnaire), engagement.start_date,
        team_inputs(engagement), [a.name for a in engagement.assets], item_means(engagement), options)


def _plan(engagement: Engagement) -> RoadmapPlan | None:
    return db.session.scalar(sa.select(RoadmapPlan).where(RoadmapPlan.engagement_id == engagement.id))


def current(engagement: Engagement, assessment: Assessment | None = None) -> CurrentRoadmap:
    """The stored roadmap with edits applied, or a fresh proposal when none is stored (read-only)."""
    plan = _plan(engagement)
    if plan is None:
        return CurrentRoadmap(None, generate(engagement, assessment=assessment), set(), [])
    roadmap, edited, orphans = apply_edits(
        roadmap_from_dict(plan.snapshot), [(e.target, e.field, e.value) for e in plan.edits])
    return CurrentRoadmap(plan, roadmap, edited, orphans)


def red_light_drift(engagement: Engagement, roadmap: Roadmap) -> tuple[GateLight, ...]:
    """The gate's red lights that today's answers no longer raise, and today's red lights the
    stored roadmap was not made with (the roadmap page asks the consultant to generate it
    again; the PDF marks them in the gate box)."""
    lights = gate_lights(roadmap.open_red_lights, assess_engagement(engagement).red_lights)
    return tuple(g for g in lights if g.state != "open")


def verdict(engagement: Engagement, assessment: Assessment, roadmap: Roadmap) -> Headline:
    """R-HEAD-1 for the overview (and, with the next report issue, the PDF's first page)."""
    titles = dict(db.session.execute(sa.select(PainPoint.id, PainPoint.title)
                                     .where(PainPoint.engagement_id == engagement.id)).all())
    low = engagement.questionnaire_version.parsed().settings.low_sample
    return headline(assessment, roadmap, titles, low)


def _store(engagement: Engagement, plan: RoadmapPlan | None, options: dict | None = None) -> RoadmapPlan:
    new = plan is None
    if plan is None:
        plan = RoadmapPlan(engagement_id=engagement.id, options=options or {}, snapshot={})
        db.session.add(plan)
    elif options is not None:
        plan.options = options
    roadmap = generate(engagement, options_of(plan))
    plan.snapshot = roadmap_to_dict(roadmap)
    plan.generated_at = utcnow()
    db.session.flush()
    _track(engagement)
    logger.info("roadmap %s for engagement %s: %d tracks, %d phases, %d key pains, "
                "%d open red lights", "generated" if new else "regenerated", engagement.id,
                len(roadmap.tracks), len(roadmap.phases), len(roadmap.key_pain_ids),
                len(roadmap.open_red_lights))
    return plan


def _track(engagement: Engagement) -> None:
    """R-TRACK-1: the stored roadmap's checkpoints (edits applied) are the tracked ones, matched
    by key, so regenerating or editing never loses what the team recorded."""
    plan = _plan(engagement)
    if plan is not None:  # an edit just added or deleted is not in an already loaded list
        db.session.expire(plan, ["edits"])
    sync_checkpoints(engagement, current(engagement).roadmap)


def is_stored(engagement: Engagement) -> bool:
    """A plan is stored (and its checkpoints tracked)."""
    return _plan(engagement) is not None


def ensure_stored(engagement: Engagement) -> RoadmapPlan:
    return _plan(engagement) or _store(engagement, None)


def regenerate(engagement: Engagement, discard_edits: bool = False) -> RoadmapPlan:
    """Replace the snapshot with a fresh proposal. Edits whose phase or checkpoint still exists
    survive; the others are listed first (EditsWouldBeLost) and dropped only when confirmed."""
    plan = _plan(engagement)
    if plan is None:
        return _store(engagement, None)
    fresh = targets(generate(engagement, options_of(plan)))
    lost = [e for e in plan.edits if e.target not in fresh]
    if lost and not discard_edits:
        raise EditsWouldBeLost(lost)
    for edit in lost:
        plan.edits.remove(edit)
    if lost:
        logger.info("roadmap of engagement %s: %d edits dropped on regenerating", engagement.id,
                    len(lost))
    return _store(engagement, plan)


def save_edit(engagement: Engagement, target: str, field: str, value: str,
              user_id: int | None) -> RoadmapEdit:
    plan = ensure_stored(engagement)
    state = current(engagement)
    allowed = targets(state.roadmap).get(target)  # edits never change the keys
    if allowed is None:
        raise RoadmapError("unknown-element", target=target)
    if field not in allowed:
        raise RoadmapError("not-editable", field=field, target=target)
    value = (value or "").strip()
    if field in ("start", "end"):
        try:
            date.fromisoformat(value)
        except ValueError:
            raise RoadmapError("bad-date") from None
    elif not value:
        raise RoadmapError("empty-text")
    if len(value) > MAX_TEXT:
        raise RoadmapError("text-too-long", max=MAX_TEXT)
    edit = db.session.scalar(sa.select(RoadmapEdit).where(
        RoadmapEdit.plan_id == plan.id, RoadmapEdit.target == target, RoadmapEdit.field == field))
    if edit is None:
        edit = RoadmapEdit(plan_id=plan.id, target=target, field=field)
        db.session.add(edit)
    edit.value, edit.edited_by = value, user_id
    db.session.flush()
    _track(engagement)
    return edit


def revert_edit(engagement: Engagement, target: str, field: str) -> None:
    plan = _plan(engagement)
    if plan is not None:
        db.session.execute(sa.delete(RoadmapEdit).where(
            RoadmapEdit.plan_id == plan.id, RoadmapEdit.target == target, RoadmapEdit.field == field))
        _track(engagement)


def _department(engagement: Engagement, department_id: int | None) -> Department:
    department = next((d for d in engagement.departments if d.id == department_id), None)
    if department is None:
        raise RoadmapError("unknown-department")
    return department


def set_pilot(engagement: Engagement, department_id: int | None) -> RoadmapPlan:
    """R-MAP-6: the consultant picks another pilot (None: back to the generator's choice)."""
    if department_id is not None:
        _department(engagement, department_id)
    plan = _plan(engagement)
    options = dict((plan.options or {}) if plan else {})
    options["pilot"] = department_id
    return _store(engagement, plan, options)


def set_track_start(engagement: Engagement, department_id: int, start: date | None) -> RoadmapPlan:
    """R-MAP-6: a track's own start; never before phase 0 ends (R-MAP-7)."""
    _department(engagement, department_id)
    plan = _plan(engagement)
    if start is not None:
        phase0 = current(engagement).roadmap.phase0
        if start <= phase0.end:
            first = (phase0.end + timedelta(days=1)).isoformat()
            raise RoadmapError("track-too-early", first=first)
    options = dict((plan.options or {}) if plan else {})
    starts = dict(options.get("starts") or {})
    if start is None:
        starts.pop(str(department_id), None)
    else:
        starts[str(department_id)] = start.isoformat()
    options["starts"] = starts
    return _store(engagement, plan, options)


def set_cap(engagement: Engagement, department_id: int, cap: int | None, reason: str) -> Department:
    """R-CWR-3 from the roadmap page: the consultant caps a department's level, with a reason."""
    department = _department(engagement, department_id)
    if cap is not None and cap not in (1, 2, 3):
        raise RoadmapError("bad-cap")
    if cap is not None and not reason.strip():
        raise RoadmapError("cap-reason-required")
    department.level_cap, department.cap_reason = cap, reason.strip() if cap else ""
    db.session.flush()
    return department
