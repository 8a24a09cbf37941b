"""The roadmap (R-MAP-1..9, R-PAIN-2) on top of the assessment: pure and dated.

Phase 0 and its gate first (gate.py), then a track per department (tracks.py): the pilot after
phase 0, the other departments after the pilot's first review, each on its own path.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from .definition import Questionnaire
from .foundations import assess_foundations
from .gate import STRATEGY_RULES, build_phase0, gate_condition, open_red_lights
from .objectives import ItemMeans
from .owners import Owners, TeamInput
from .roadmap_types import Bi, Phase, Roadmap, Track
from .tracks import (
    RIGID_MONTHS,
    TrackOptions,
    add_months,
    choose_pilot,
    department_path,
    is_above_readiness,
    level_phase,
    stabilise_phase,
    track_note,
)
from .types import Assessment, DepartmentInput, DepartmentLevel, EngagementFacts, PainInput

__all__ = ["TeamInput", "TrackOptions", "add_months", "build_roadmap", "department_path"]

STRATEGY_BLOCKS = {"B1", "B2", "B4"}
ONE_DAY = timedelta(days=1)


def _first_review(phase: Phase) -> date:
    """The pilot's first review session: when the other departments may start (R-MAP-6)."""
    reviews = [c.start for c in phase.checkpoints if c.kind == "review"]
    return min(reviews) if reviews else phase.end


def _build_track(questionnaire: Questionnaire, level: DepartmentLevel, index: int, pilot: bool,
                 first_start: date, level_floor: date, owners: Owners,
                 means: ItemMeans | None, assessment: Assessment, gate: Bi | None,
                 in_phase0: frozenset[str] = frozenset()) -> Track:
    """`in_phase0`: the rules-before-system items phase 0 already aims at (one rule for the whole
    organisation, agreed once: no level phase repeats them)."""
    scores = assessment.by_department.get(level.department_id, {})
    path = department_path(level)
    above = is_above_readiness(level)
    phases: list[Phase] = []
    cursor = first_start
    if above:
        stabilise = stabilise_phase(questionnaire, level, cursor, owners, index, means, scores)
        phases.append(stabilise)
        cursor = max(stabilise.end + ONE_DAY, level_floor)
    taken: set[str] = set(in_phase0)
    for step in path:
        phase = level_phase(questionnaire, level, step, len(phases) + 1, cursor, owners, index,
                            means, scores, gate, taken if step < 3 else set(in_phase0))
        taken |= {o.item_id for o in phase.objectives if o.item_id}
        phases.append(phase)
        # The next level starts only after this one has been used rigidly (R-MAP-4, R-CWR-2).
        cursor = add_months(phase.end, RIGID_MONTHS[step]) + ONE_DAY
    kind = "stabilise" if above else "climb" if path else "hold"
    target = path[-1] if path else level.today
    return Track(level.department_id, level.name, kind, pilot and bool(phases), level.today, target,
                 tuple(phases), track_note(level, kind, pilot, target), level.scored,
                 level.low_sample)


def _assign_pains(key: list[PainInput], open_lights: tuple[str, ...], phase0: Phase,
                  tracks: list[Track], pilot: Track | None) -> dict[str, list[int]]:
    """R-PAIN-2: each key pain goes to the phase that solves it: strategy and change pains to
    phase 0 while their red light is on; others to their own department's first phase."""
    assigned: dict[str, list[int]] = {}
    strategy_open = bool(set(open_lights) & STRATEGY_RULES)
    for pain in key:
        home = phase0
        if not (strategy_open and set(pain.blocks) & STRATEGY_BLOCKS):
            own = next((t for t in tracks if t.department_id == pain.department_id), None)
            # A holding department's pain is solved by phase 0's rules, never by another
            # department's phase; a pain of no department goes with the pilot.
            track = own if own is not None else pilot
            if track is not None and track.phases:
                home = track.phases[0]
        assigned.setdefault(home.key, []).append(pain.id)
    return assigned


def build_roadmap(
    assessment: Assessment,
    questionnaire: Questionnaire,
    departments: Iterable[DepartmentInput],
    pains: Iterable[PainInput],
    facts: EngagementFacts,
    start: date,
    team: Iterable[TeamInput] = (),
    assets: Iterable[str] = (),
    item_means: Mapping[int | None, ItemMeans] | None = None,
    options: TrackOptions = TrackOptions(),
) -> Roadmap:
    """`item_means` maps a department id (None: the whole engagement) to its items' mean levels."""
    item_means = item_means or {}
    known = {d.id for d in departments}
    pain_by_id = {p.id: p for p in pains}
    levels = [lv for lv in assessment.levels if lv.department_id in known] or list(assessment.levels)
    owners = Owners(facts.sponsor_name, team)
    open_lights = open_red_lights(assessment)
    key_pains = [pain_by_id[p.id] for p in assessment.pains if p.key and p.id in pain_by_id]

    answered = assessment.scored
    phase0, rules_status = build_phase0(questionnaire, open_lights, item_means.get(None, {}), start,
                                        owners.sponsor, (), answered)
    gate = (gate_condition(phase0.end, open_lights, answered)
            if open_lights or not answered else None)
    level_start = phase0.end + ONE_DAY  # R-MAP-7: nothing before phase 0 ends
    in_phase0 = frozenset(r.item_id for r in rules_status if r.status == "objective")
    pilot_id = choose_pilot(levels, [p.department_id for p in key_pains], assessment.by_department,
                            options.pilot_department_id)

    def first_start(department_id: int, default: date) -> date:
        chosen = options.track_starts.get(department_id)
        return max(chosen or default, level_start)

    ordered = sorted(levels, key=lambda lv: lv.department_id != pilot_id)  # pilot first, stable
    tracks: list[Track] = []
    after_pilot = level_start
    for index, level in enumerate(ordered):
        is_pilot = level.department_id == pilot_id
        if is_pilot:
            default, floor = level_start, level_start
        else:
            floor = after_pilot
            default = level_start if is_above_readiness(level) else after_pilot
        track = _build_track(questionnaire, level, index, is_pilot,
                             first_start(level.department_id, default), floor, owners,
                             item_means.get(level.department_id), assessment, gate, in_phase0)
        if is_pilot and track.phases:
            after_pilot = _first_review(track.phases[0]) + ONE_DAY
        tracks.append(track)

    pilot = next((t for t in tracks if t.pilot), None)
    assigned = _assign_pains(key_pains, open_lights, phase0, tracks, pilot)
    phase0 = dataclasses.replace(phase0, pain_ids=tuple(assigned.get(phase0.key, ())))
    tracks = [dataclasses.replace(t, phases=tuple(
        dataclasses.replace(p, pain_ids=tuple(assigned.get(p.key, ()))) for p in t.phases))
        for t in tracks]
    has_levels = any(p.kind == "level" for t in tracks for p in t.phases)
    notes = tuple(Bi(f.message("en"), f.message("zh")) for f in assessment.flags
                  if f.code == "no-clear-priority")
    return Roadmap(
        phase0=phase0,
        tracks=tuple(tracks),
        foundations=assess_foundations(assessment, facts, has_levels, questionnaire.settings),
        assets=tuple(assets),
        key_pain_ids=tuple(p.id for p in key_pains),
        unaddressed_pain_ids=(),
        pilot_department_id=pilot.department_id if pilot else None,
        open_red_lights=open_lights,
        rules_status=rules_status,
        notes=notes,
    )
