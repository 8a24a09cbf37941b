"""Roadmap <-> JSON (for the stored snapshot) and applying the consultant's edits. Pure."""
from __future__ import annotations

import dataclasses
from datetime import date
from typing import Iterable

from .roadmap_types import AdoptionStep, Bi, Checkpoint, Foundation, Phase, Roadmap

#: Fields a consultant may edit, per target kind.
PHASE_FIELDS = ("title", "objectives", "quick_wins")
CHECKPOINT_FIELDS = ("start", "end", "owner", "title")


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def roadmap_to_dict(roadmap: Roadmap) -> dict:
    return _plain(roadmap)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _bi(d: dict) -> Bi:
    return Bi(d["en"], d["zh"])


def _checkpoint(d: dict) -> Checkpoint:
    return Checkpoint(d["key"], _bi(d["title"]), d["kind"], _day(d["start"]), _day(d["end"]),
                      d["days"], d["owner"], tuple(map(_bi, d["exit_criteria"])), d["rule"])


def _phase(d: dict) -> Phase:
    return Phase(
        d["key"], d["number"], d["level"], _bi(d["title"]), tuple(d["departments"]),
        tuple(d["pain_ids"]), tuple(map(_bi, d["objectives"])), tuple(map(_bi, d["quick_wins"])),
        tuple(map(_checkpoint, d["checkpoints"])),
        tuple(AdoptionStep(a["key"], _bi(a["title"]), _day(a["start"]), _day(a["end"]))
              for a in d["adoption"]),
        _day(d["start"]), _day(d["end"]), tuple(map(_bi, d["conditions"])), tuple(d["rules"]))


def roadmap_from_dict(d: dict) -> Roadmap:
    return Roadmap(
        tuple(map(_phase, d["phases"])),
        tuple(Foundation(f["number"], _bi(f["title"]), f["status"], _bi(f["evidence"]))
              for f in d["foundations"]),
        tuple(d["assets"]), tuple(d["key_pain_ids"]), tuple(d["unaddressed_pain_ids"]))


def _text(value: str) -> Bi:
    """An edited text is the consultant's words, shown in both languages as typed."""
    return Bi(value, value)


def _lines(value: str) -> tuple[Bi, ...]:
    return tuple(_text(line.strip()) for line in value.splitlines() if line.strip())


def apply_edits(roadmap: Roadmap, edits: Iterable[tuple[str, str, str]]
                ) -> tuple[Roadmap, set[str], list[tuple[str, str]]]:
    """Apply (target, field, value) edits. Returns the edited roadmap, the set of edited
    "target.field" names (to mark them in page and PDF), and edits whose target no longer exists."""
    by_target: dict[str, dict[str, str]] = {}
    for target, field, value in edits:
        by_target.setdefault(target, {})[field] = value
    edited, used = set(), set()
    phases = []
    for phase in roadmap.phases:
        changes = {}
        for field, value in by_target.get(f"phase:{phase.key}", {}).items():
            if field == "title":
                changes["title"] = _text(value)
            elif field in ("objectives", "quick_wins"):
                changes[field] = _lines(value)
            else:
                continue
            edited.add(f"phase:{phase.key}.{field}")
        if changes:
            used.add(f"phase:{phase.key}")
        checkpoints = []
        for point in phase.checkpoints:
            target = f"checkpoint:{point.key}"
            cp_changes = {}
            for field, value in by_target.get(target, {}).items():
                if field in ("start", "end"):
                    cp_changes[field] = date.fromisoformat(value)
                elif field == "owner":
                    cp_changes["owner"] = value
                elif field == "title":
                    cp_changes["title"] = _text(value)
                else:
                    continue
                edited.add(f"{target}.{field}")
            if cp_changes:
                used.add(target)
                if "start" in cp_changes and "end" not in cp_changes and point.end < cp_changes["start"]:
                    cp_changes["end"] = cp_changes["start"]
                point = dataclasses.replace(point, **cp_changes)
            checkpoints.append(point)
        changes["checkpoints"] = tuple(sorted(checkpoints, key=lambda c: (c.start, c.key)))
        phases.append(dataclasses.replace(phase, **changes))
    orphans = [(t, f) for t, fields in by_target.items() for f in fields if t not in used]
    return dataclasses.replace(roadmap, phases=tuple(phases)), edited, orphans
