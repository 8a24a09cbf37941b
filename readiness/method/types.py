"""Typed inputs and results of the method. Inputs are plain rows; results carry rule ids."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .texts import finding_message

ROLES = ("executive", "manager", "front_line", "it", "other")
#: R-GAP-1 compares executive vs front line vs IT.
GAP_ROLES = ("executive", "front_line", "it")
CONFIDENCES = ("low", "medium", "high")
#: How sure a respondent is of an answer; weights the answer (R-SCORE-4).
Confidence = Literal["low", "medium", "high"]


@dataclass(frozen=True)
class AnswerInput:
    respondent_id: int
    item_id: str
    level: int | None  # 1-5, or None for "don't know" (not scored, counted)
    confidence: Confidence = "high"


class RespondentInput(NamedTuple):
    """A named tuple like BlockSums: a large dashboard builds 10,000 per request."""

    id: int
    role: str
    department_id: int | None


class BlockSums(NamedTuple):
    """One respondent's answers to one block, pre-aggregated (by SQL or one pass over rows).

    A named tuple, not a dataclass: a 10,000-respondent dashboard builds 80,000 of them per request
    and the scoring loops unpack them (5x cheaper to build, immutable all the same)."""

    respondent_id: int
    block_id: str
    weighted_sum: float  # sum of item weight x confidence weight x level
    weight_total: float  # sum of item weight x confidence weight (answered items only)
    answered: int
    dont_know: int

    @property
    def mean_level(self) -> float | None:
        return self.weighted_sum / self.weight_total if self.weight_total > 0 else None


@dataclass(frozen=True)
class DepartmentInput:
    id: int
    name: str
    current_level: int = 0  # 0 none, 1 crawl, 2 walk, 3 run
    fit_answers: Mapping[str, str] = field(default_factory=dict)  # fit question id -> option id
    cap: int | None = None  # R-CWR-3: consultant's cap (1-3)
    cap_reason: str = ""


@dataclass(frozen=True)
class PainInput:
    id: int
    title: str
    severity: int
    frequency: int
    votes: int = 0
    department_id: int | None = None
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class EngagementFacts:
    sponsor_name: str = ""
    sponsor_hours_per_month: float | None = None
    team_sides: tuple[str, ...] = ()  # "business" / "it", one per project team member
    customer_input_mean: float | None = None  # mean level of customer-input items (R-RED-5)


@dataclass(frozen=True)
class Finding:
    """A red light or flag: the rule it implements, a stable code, and message parameters."""

    rule: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    red: bool = False

    def message(self, lang: str = "en") -> str:
        return finding_message(self, lang)


@dataclass(frozen=True)
class Stat:
    """R-SCORE-2: n, mean, median and spread of 0-100 scores; low-sample below the threshold."""

    n: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    low_sample: bool

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1


@dataclass(frozen=True)
class BlockResult:
    block_id: str
    stat: Stat
    dont_know_rate: float | None  # share of the block's items answered "don't know"
    dont_know_flag: bool  # R-SCORE-4

    @property
    def score(self) -> float | None:
        return self.stat.mean


@dataclass(frozen=True)
class Gap:
    """R-GAP-1: spread of role means (1-5 scale) for one block."""

    block_id: str
    role_means: Mapping[str, float]
    high_role: str
    low_role: str
    gap: float
    flagged: bool


@dataclass(frozen=True)
class DepartmentLevel:
    department_id: int
    name: str
    today: int
    needed: int | None  # R-CWR-0, None when the fit section is unanswered
    ready: int  # R-CWR-1
    recommended: int  # R-CWR-2 / R-CWR-3
    cap: int | None
    cap_reason: str
    build_gap: int  # needed - ready when needed > ready: what the roadmap must build
    reasons: tuple[Finding, ...]
    scored: bool = True  # R-DATA-1: any scored answer from the department
    n: int = 0  # respondents behind its block scores (the largest block's n)
    low_sample: bool = False  # R-DATA-2: a conclusion from fewer than `low_sample` respondents


@dataclass(frozen=True)
class PainRank:
    id: int
    title: str
    severity: int
    frequency: int
    votes: int
    priority: int  # R-PAIN-1
    rank: int  # competition ranking: equal priorities share a rank
    key: bool  # R-PAIN-2: one of the top pains the roadmap is anchored on


@dataclass(frozen=True)
class Assessment:
    respondents: int
    overall: float | None  # R-SCORE-3
    blocks: Mapping[str, BlockResult]
    by_department: Mapping[int, Mapping[str, Stat]]
    by_role: Mapping[str, Mapping[str, Stat]]
    gaps: tuple[Gap, ...]
    levels: tuple[DepartmentLevel, ...]
    pains: tuple[PainRank, ...]
    red_lights: tuple[Finding, ...]
    flags: tuple[Finding, ...]

    @property
    def scored(self) -> bool:
        """R-DATA-1: at least one scored answer ("don't know" alone scores nothing)."""
        return any(b.stat.n for b in self.blocks.values())
