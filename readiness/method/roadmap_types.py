"""Typed roadmap results (R-MAP-1..9, R-HEAD-1). Texts are (en, zh) pairs; `Bi.get(lang)` picks one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Bi:
    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Objective:
    """R-MAP-8: an objective in the questionnaire's own words (the item's next anchored level).

    `item_id` is empty for objectives that are not an item (a red light's own objective, or a
    line the consultant typed)."""

    text: Bi
    item_id: str = ""
    block: Bi | None = None  # the item's block, in words
    target: int | None = None  # the anchored level to reach (exit criterion)
    mean: float | None = None  # the current mean level on 1-5

    def get(self, lang: str) -> str:
        return self.text.get(lang)


@dataclass(frozen=True)
class Checkpoint:
    """R-MAP-2: a dated session with an owner and exit criteria."""

    key: str  # stable: tracking (and the consultant's edits) match checkpoints by it
    title: Bi
    kind: str  # kickoff / gate / requirements / configuration / review / stabilise / adoption
    start: date
    end: date
    days: float  # length of the session itself (1-1.5 day requirement sessions, ...)
    owner: str
    exit_criteria: tuple[Bi, ...]
    rule: str = "R-MAP-2"


@dataclass(frozen=True)
class AdoptionStep:
    """R-MAP-4: rigid use -> optimise -> solidify -> re-optimise."""

    key: str
    title: Bi
    start: date
    end: date | None


@dataclass(frozen=True)
class Phase:
    key: str  # phase-0, or d<department id>-crawl / -walk / -run / -stabilise
    number: int
    level: int  # 0 prerequisites, 1 crawl, 2 walk, 3 run (a stabilise phase: the level held)
    title: Bi
    departments: tuple[str, ...]
    pain_ids: tuple[int, ...]  # R-PAIN-2: key pains this phase solves
    objectives: tuple[Objective, ...]
    quick_wins: tuple[Bi, ...]
    checkpoints: tuple[Checkpoint, ...]
    adoption: tuple[AdoptionStep, ...]
    start: date
    end: date
    conditions: tuple[Bi, ...] = ()  # what must hold before this phase starts
    rules: tuple[str, ...] = ()
    kind: str = "level"  # prerequisites / level / stabilise
    department_id: int | None = None
    gated: bool = False  # R-MAP-7: conditional on the "red lights cleared" gate


@dataclass(frozen=True)
class Track:
    """R-MAP-6: one department's own path, its own phases and dates."""

    department_id: int | None
    name: str
    kind: str  # climb / stabilise / hold
    pilot: bool
    today: int
    target: int  # the level the track ends at
    phases: tuple[Phase, ...]
    note: Bi  # why this track looks the way it does, in the client's words
    scored: bool = True  # R-DATA-1: the department has scored answers
    low_sample: bool = False  # R-DATA-2


@dataclass(frozen=True)
class RuleStatus:
    """R-MAP-8 (001 rules before system): is this rule in place, an objective, or unknown?"""

    topic: str  # grading / sharing / lead-return
    title: Bi
    item_id: str
    status: str  # in place / objective / no data
    mean: float | None


@dataclass(frozen=True)
class Foundation:
    """R-MAP-3: one of Kale's ten foundations, assessed with its evidence."""

    number: int
    title: Bi
    status: str  # met / partly / not met
    evidence: Bi


@dataclass(frozen=True)
class Headline:
    """R-HEAD-1: one verdict sentence and up to three supporting facts."""

    kind: str  # no-data / not-ready / ready-to-start / ready-to-climb / hold
    sentence: Bi
    facts: tuple[Bi, ...]


@dataclass(frozen=True)
class Roadmap:
    phase0: Phase
    tracks: tuple[Track, ...]
    foundations: tuple[Foundation, ...]
    assets: tuple[str, ...]  # R-MAP-5
    key_pain_ids: tuple[int, ...]
    unaddressed_pain_ids: tuple[int, ...] = ()
    pilot_department_id: int | None = None
    open_red_lights: tuple[str, ...] = ()  # rule ids gating the level phases (R-MAP-7)
    rules_status: tuple[RuleStatus, ...] = ()
    #: Read from a snapshot made before department tracks existed (one shared level sequence).
    legacy: bool = False
    notes: tuple[Bi, ...] = field(default=())

    @property
    def phases(self) -> tuple[Phase, ...]:
        """Phase 0, then every track's phases in track order."""
        return (self.phase0, *(p for t in self.tracks for p in t.phases))

    @property
    def gate(self) -> Checkpoint | None:
        return next((c for c in self.phase0.checkpoints if c.kind == "gate"), None)

    def track_of(self, department_id: int | None) -> Track | None:
        return next((t for t in self.tracks if t.department_id == department_id), None)
