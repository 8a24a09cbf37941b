"""Roadmap <-> JSON (for the stored snapshot) and applying the consultant's edits. Pure.

Snapshots made before department tracks (R-MAP-6) still load: their phase 0 stays phase 0 and
their shared level phases become one "legacy" track, so the consultant's edits keep their targets
until the roadmap is generated again.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any, overload

from .roadmap_types import (
    AdoptionStep,
    Bi,
    Checkpoint,
    Foundation,
    Objective,
    Phase,
    Roadmap,
    RuleStatus,
    Track,
)

#: Fields a consultant may edit, per target kind.
PHASE_FIELDS = ("title", "objectives", "quick_wins")
CHECKPOINT_FIELDS = ("start", "end", "owner", "title")
SCHEMA = 2

#: A roadmap snapshot as stored: JSON decoded by the database layer.
Json = dict[str, Any]


def _plain(value: object) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def roadmap_to_dict(roadmap: Roadmap) -> Json:
    return {"schema": SCHEMA, **_plain(roadmap)}


@overload
def _day(value: str) -> date: ...
@overload
def _day(value: None) -> None: ...
def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@overload
def _bi(d: Json) -> Bi: ...
@overload
def _bi(d: None) -> None: ...
def _bi(d: Json | None) -> Bi | None:
    return None if d is None else Bi(d["en"], d["zh"])


def _objective(d: Json) -> Objective:
    if "text" not in d:  # before R-MAP-8 an objective was a bare text
        return Objective(_bi(d))
    return Objective(_bi(d["text"]), d.get("item_id", ""), _bi(d.get("block")), d.get("target"),
                     d.get("mean"))


def _checkpoint(d: Json) -> Checkpoint:
    return Checkpoint(d["key"], _bi(d["title"]), d["kind"], _day(d["start"]), _day(d["end"]),
                      d["days"], d["owner"], tuple(map(_bi, d["exit_criteria"])), d["rule"])


def _phase(d: Json) -> Phase:
    return Phase(
        d["key"], d["number"], d["level"], _bi(d["title"]), tuple(d["departments"]),
        tuple(d["pain_ids"]), tuple(map(_objective, d["objectives"])),
        tuple(map(_bi, d["quick_wins"])), tuple(map(_checkpoint, d["checkpoints"])),
        tuple(AdoptionStep(a["key"], _bi(a["title"]), _day(a["start"]), _day(a["end"]))
              for a in d["adoption"]),
        _day(d["start"]), _day(d["end"]), tuple(map(_bi, d["conditions"])), tuple(d["rules"]),
        d.get("kind", "prerequisites" if d["level"] == 0 else "level"), d.get("department_id"),
        d.get("gated", False))


def _track(d: Json) -> Track:
    return Track(d["department_id"], d["name"], d["kind"], d["pilot"], d["today"], d["target"],
                 tuple(map(_phase, d["phases"])), _bi(d["note"]), d.get("scored", True),
                 d.get("low_sample", False))


def _legacy_tracks(phases: list[Phase]) -> tuple[Track, ...]:
    """Before R-MAP-6 the level phases were shared by all departments: one track holds them."""
    if not phases:
        return ()
    names = sorted({n for p in phases for n in p.departments})
    return (Track(None, ", ".join(names), "climb", False, 0, max(p.level for p in phases),
                  tuple(phases), Bi("", "")),)


def roadmap_from_dict(d: Json) -> Roadmap:
    foundations = tuple(Foundation(f["number"], _bi(f["title"]), f["status"], _bi(f["evidence"]))
                        for f in d["foundations"])
    if "tracks" not in d:  # a snapshot from before department tracks
        phases = list(map(_phase, d["phases"]))
        return Roadmap(phases[0], _legacy_tracks(phases[1:]), foundations, tuple(d["assets"]),
                       tuple(d["key_pain_ids"]), tuple(d.get("unaddressed_pain_ids", ())),
                       legacy=True)
    return Roadmap(
        _phase(d["phase0"]), tuple(map(_track, d["tracks"])), foundations, tuple(d["assets"]),
        tuple(d["key_pain_ids"]), tuple(d.get("unaddressed_pain_ids", ())),
        d.get("pilot_department_id"), tuple(d.get("open_red_lights", ())),
        tuple(RuleStatus(r["topic"], _bi(r["title"]), r["item_id"], r["status"], r["mean"])
              for r in d.get("rules_status", ())),
        d.get("legacy", False), tuple(map(_bi, d.get("notes", ()))))


def targets(roadmap: Roadmap) -> dict[str, tuple[str, ...]]:
    """Every editable element ("phase:KEY", "checkpoint:KEY") and the fields it allows."""
    out: dict[str, tuple[str, ...]] = {}
    for phase in roadmap.phases:
        out[f"phase:{phase.key}"] = PHASE_FIELDS
        for point in phase.checkpoints:
            out[f"checkpoint:{point.key}"] = CHECKPOINT_FIELDS
    return out


def _text(value: str) -> Bi:
    """An edited text is the consultant's words, shown in both languages as typed."""
    return Bi(value, value)


def _lines(value: str) -> tuple[Bi, ...]:
    return tuple(_text(line.strip()) for line in value.splitlines() if line.strip())


def _edit_checkpoint(point: Checkpoint, fields: dict[str, str], edited: set[str]) -> Checkpoint:
    target = f"checkpoint:{point.key}"
    changes: dict[str, Any] = {}
    for field, value in fields.items():
        if field in ("start", "end"):
            changes[field] = date.fromisoformat(value)
        elif field == "owner":
            changes["owner"] = value
        elif field == "title":
            changes["title"] = _text(value)
        else:
            continue
        edited.add(f"{target}.{field}")
    if "start" in changes and "end" not in changes and point.end < changes["start"]:
        changes["end"] = changes["start"]
    return dataclasses.replace(point, **changes) if changes else point


def _edit_phase(phase: Phase, by_target: dict[str, dict[str, str]], edited: set[str]) -> Phase:
    changes: dict[str, Any] = {}
    for field, value in by_target.get(f"phase:{phase.key}", {}).items():
        if field == "title":
            changes["title"] = _text(value)
        elif field == "objectives":
            changes["objectives"] = tuple(Objective(t) for t in _lines(value))
        elif field == "quick_wins":
            changes["quick_wins"] = _lines(value)
        else:
            continue
        edited.add(f"phase:{phase.key}.{field}")
    points = [_edit_checkpoint(c, by_target.get(f"checkpoint:{c.key}", {}), edited)
              for c in phase.checkpoints]
    changes["checkpoints"] = tuple(sorted(points, key=lambda c: (c.start, c.key)))
    return dataclasses.replace(phase, **changes)


def apply_edits(roadmap: Roadmap, edits: Iterable[tuple[str, str, str]]
                ) -> tuple[Roadmap, set[str], list[tuple[str, str]]]:
    """Apply (target, field, value) edits. Returns the edited roadmap, the set of edited
    "target.field" names (to mark them in page and PDF), and edits whose target no longer exists."""
    by_target: dict[str, dict[str, str]] = {}
    for target, field, value in edits:
        by_target.setdefault(target, {})[field] = value
    edited: set[str] = set()
    phase0 = _edit_phase(roadmap.phase0, by_target, edited)
    tracks = tuple(dataclasses.replace(t, phases=tuple(_edit_phase(p, by_target, edited)
                                                       for p in t.phases)) for t in roadmap.tracks)
    known = targets(roadmap)
    orphans = [(t, f) for t, fields in by_target.items() for f in fields if t not in known]
    return dataclasses.replace(roadmap, phase0=phase0, tracks=tracks), edited, orphans
