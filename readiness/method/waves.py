"""Reassessment waves: R-WAVE-1 (items matched by id), R-WAVE-2 (deltas, "no clear change"),
R-WAVE-3 (a department earned its next level). Pure: two assessments in, a comparison out."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from .assess import READS_ANSWERS
from .definition import BLOCK_IDS, Settings
from .levels import RUN, ready_level
from .types import Assessment, DepartmentInput, Finding, Stat

#: "up" / "down": a change larger than the spread; "none": no clear change; "no-data": a side
#: has no scored answers (R-DATA-1), so nothing can be said.
K = TypeVar("K", int, str)
Direction = Literal["up", "down", "none", "no-data"]
#: Red lights that read answers: only these can change between waves (sponsor, team and pains
#: are today's facts, the same for every wave).
ANSWER_RED_LIGHTS = tuple(READS_ANSWERS)


@dataclass(frozen=True)
class ItemMatch:
    """R-WAVE-1: the items both waves ask, and those only one of them asks."""

    matched: tuple[str, ...]
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]


@dataclass(frozen=True)
class Delta:
    """R-WAVE-2: one block's change in one group (everyone, a department or a role)."""

    block_id: str
    before: float | None
    after: float | None
    n_before: int
    n_after: int
    spread: float | None  # the larger IQR of the two waves
    direction: Direction

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def clear(self) -> bool:
        return self.direction in ("up", "down")


@dataclass(frozen=True)
class EarnedLevel:
    """R-WAVE-3 for one department: the level it works at, the next one, and whether it earned it.

    `reasons` are codes: review-pending, not-ready, dropped, at-run, no-level, no-data."""

    department_id: int
    name: str
    level: int
    next_level: int | None
    earned: bool
    reasons: tuple[str, ...]
    drops: tuple[tuple[str, float], ...]  # prerequisite blocks that dropped too far, by how much


@dataclass(frozen=True)
class Comparison:
    before: int  # wave numbers
    after: int
    items: ItemMatch
    blocks: tuple[Delta, ...]
    by_department: Mapping[int, tuple[Delta, ...]]
    by_role: Mapping[str, tuple[Delta, ...]]
    cleared: tuple[Finding, ...]  # red lights of the earlier wave gone in the later one
    raised: tuple[Finding, ...]  # red lights new in the later wave
    earned: tuple[EarnedLevel, ...]

    @property
    def clear_changes(self) -> int:
        return sum(1 for d in self.blocks if d.clear)


def match_items(before: Iterable[str], after: Iterable[str]) -> ItemMatch:
    """R-WAVE-1: items are the same when their ids are; the rest is listed, in id order."""
    first, second = set(before), set(after)
    return ItemMatch(tuple(sorted(first & second)), tuple(sorted(first - second)),
                     tuple(sorted(second - first)))


def delta(block_id: str, before: Stat | None, after: Stat | None) -> Delta:
    """R-WAVE-2: a change no larger than the spread (the larger IQR of the two waves) is "no clear
    change", not progress; so is no change at all, even between two single answers (IQR 0)."""
    empty = Stat(0, None, None, None, None, True)
    b, a = before or empty, after or empty
    if b.mean is None or a.mean is None:
        return Delta(block_id, b.mean, a.mean, b.n, a.n, None, "no-data")
    spread = max(b.iqr or 0.0, a.iqr or 0.0)
    # Rounded like to_percent: float noise in the means must not read as a change.
    change = round(a.mean - b.mean, 9)
    direction: Direction = ("none" if abs(change) <= spread or change == 0
                            else "up" if change > 0 else "down")
    return Delta(block_id, b.mean, a.mean, b.n, a.n, spread, direction)


def block_deltas(before: Mapping[str, Stat], after: Mapping[str, Stat]) -> tuple[Delta, ...]:
    return tuple(delta(b, before.get(b), after.get(b)) for b in BLOCK_IDS)


def _grouped(before: Mapping[K, Mapping[str, Stat]],
             after: Mapping[K, Mapping[str, Stat]]) -> dict[K, tuple[Delta, ...]]:
    """Per department or role; a group present in one wave only shows "no data" on the other side."""
    return {group: block_deltas(before.get(group, {}), after.get(group, {}))
            for group in sorted(set(before) | set(after))}


def red_light_changes(before: Assessment, after: Assessment
                      ) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Red lights cleared (in the earlier wave, not the later) and newly raised; matched by rule
    and code, since their numbers change from wave to wave. R-DATA-1: a light counts as changed
    only where both waves have scored answers in every block it reads; a light that is gone
    because nobody answered its blocks is not cleared."""
    def measured(rule: str) -> bool:
        return all(a.blocks[b].stat.n > 0 for a in (before, after) for b in READS_ANSWERS[rule]
                   if b in a.blocks)

    earlier = {(f.rule, f.code): f for f in before.red_lights
               if f.rule in ANSWER_RED_LIGHTS and measured(f.rule)}
    later = {(f.rule, f.code): f for f in after.red_lights
             if f.rule in ANSWER_RED_LIGHTS and measured(f.rule)}
    return (tuple(f for key, f in earlier.items() if key not in later),
            tuple(f for key, f in later.items() if key not in earlier))


def _prerequisites(level: int, settings: Settings) -> Mapping[str, float]:
    return settings.walk_prerequisites if level == 2 else settings.run_prerequisites


def earned_level(department: DepartmentInput, reviewed: bool, before: Mapping[str, Stat],
                 after: Mapping[str, Stat], settings: Settings) -> EarnedLevel:
    """R-WAVE-3: earned = the current level's adoption review is done (R-TRACK-2), and in the
    latest wave the next level's prerequisite blocks meet R-CWR-1 with none dropped by more than
    `wave_max_drop` points since the earlier wave."""
    level = department.current_level
    if level >= RUN:
        return EarnedLevel(department.id, department.name, level, None, False, ("at-run",), ())
    if level < 1:  # no level worked at yet: there is no adoption review to have done
        return EarnedLevel(department.id, department.name, level, 1, False, ("no-level",), ())
    target = level + 1
    reasons: list[str] = []
    if not any(s.mean is not None for s in after.values()):
        reasons.append("no-data")  # R-DATA-1: no conclusion without data
    elif ready_level(after, settings) < target:
        reasons.append("not-ready")
    drops = []
    for block_id in _prerequisites(target, settings):
        change = delta(block_id, before.get(block_id), after.get(block_id)).change
        if change is not None and round(-change, 9) > settings.wave_max_drop:
            drops.append((block_id, round(-change, 1)))
    if drops:
        reasons.append("dropped")
    if not reviewed:
        reasons.append("review-pending")
    return EarnedLevel(department.id, department.name, level, target, not reasons,
                       tuple(reasons), tuple(drops))


def compare(before: Assessment, after: Assessment, *, before_number: int, after_number: int,
            items: ItemMatch, departments: Iterable[DepartmentInput],
            reviewed: Collection[int], settings: Settings) -> Comparison:
    """R-WAVE-2/3 between two waves' assessments (each scored on the matched items only)."""
    cleared, raised = red_light_changes(before, after)
    by_department = _grouped(before.by_department, after.by_department)
    by_role = _grouped(before.by_role, after.by_role)
    earned = tuple(earned_level(d, d.id in reviewed, before.by_department.get(d.id, {}),
                                after.by_department.get(d.id, {}), settings) for d in departments)
    return Comparison(before_number, after_number, items,
                      block_deltas({b: r.stat for b, r in before.blocks.items()},
                                   {b: r.stat for b, r in after.blocks.items()}),
                      by_department, by_role, cleared, raised, earned)
