"""Typed roadmap results (R-MAP-1..5). Texts are (en, zh) pairs; `Bi.get(lang)` picks one."""
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
class Checkpoint:
    """R-MAP-2: a dated session with an owner and exit criteria."""

    key: str
    title: Bi
    kind: str  # kickoff / requirements / review / adoption
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
    key: str  # phase-0 / crawl / walk / run
    number: int
    level: int  # 0 prerequisites, 1 crawl, 2 walk, 3 run
    title: Bi
    departments: tuple[str, ...]
    pain_ids: tuple[int, ...]  # R-PAIN-2: key pains this phase solves
    objectives: tuple[Bi, ...]
    quick_wins: tuple[Bi, ...]
    checkpoints: tuple[Checkpoint, ...]
    adoption: tuple[AdoptionStep, ...]
    start: date
    end: date
    conditions: tuple[Bi, ...] = ()  # prerequisites still to meet before this phase starts
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Foundation:
    """R-MAP-3: one of Kale's ten foundations, assessed with its evidence."""

    number: int
    title: Bi
    status: str  # met / partly / not met
    evidence: Bi


@dataclass(frozen=True)
class Roadmap:
    phases: tuple[Phase, ...]
    foundations: tuple[Foundation, ...]
    assets: tuple[str, ...]  # R-MAP-5
    key_pain_ids: tuple[int, ...]
    unaddressed_pain_ids: tuple[int, ...] = field(default=())
