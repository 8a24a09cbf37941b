"""Questionnaire definition schema (METHOD.md section 1 and the per-questionnaire *defaults*)."""
from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .types import Confidence

BLOCK_IDS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8")
LEVEL_NAMES = {0: "none", 1: "crawl", 2: "walk", 3: "run"}
LEVEL_NUMBERS = {name: number for number, name in LEVEL_NAMES.items()}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in every language the tool speaks."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @field_validator("en", "zh")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value.strip()


class Item(_Strict):
    id: str
    weight: float = Field(gt=0, le=10)
    text: Text
    #: Items measuring whether customers' own voice informs the work (R-RED-5).
    customer_input: bool = False
    #: Items asking whether a rule that must precede the system is in place (R-MAP-8, seed 001):
    #: customer grading, lead ownership and sharing, the lead-return period.
    rules_topic: Literal["grading", "sharing", "lead-return"] | None = None
    #: Anchored maturity levels 1 absent, 2 ad hoc, 3 defined, 4 managed, 5 optimised.
    levels: dict[int, Text]

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, levels: dict[int, Text]) -> dict[int, Text]:
        missing = [n for n in range(1, 6) if n not in levels]
        if missing:
            raise ValueError("levels " + ", ".join(map(str, missing)) + " missing (need 1-5)")
        extra = sorted(set(levels) - set(range(1, 6)))
        if extra:
            raise ValueError("unknown levels " + ", ".join(map(str, extra)) + " (only 1-5)")
        return levels


class Block(_Strict):
    id: Literal["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"]
    title: Text
    description: Text | None = None
    weight: float = Field(default=1.0, gt=0)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _item_ids_belong_to_block(self) -> Block:
        for item in self.items:
            if not item.id.startswith(self.id + "."):
                raise ValueError(f"item id {item.id!r} must start with {self.id}.")
        return self


class FitOption(_Strict):
    id: str
    text: Text
    level: Literal["crawl", "walk", "run"]


class FitQuestion(_Strict):
    id: str
    text: Text
    options: list[FitOption] = Field(min_length=2)


class Settings(_Strict):
    """METHOD.md *defaults*, configurable per questionnaire. Bounded so an uploaded or edited
    questionnaire cannot ask the method for something meaningless (a negative sample, a
    prerequisite on block B9, run needing less than walk)."""

    low_sample: int = Field(default=3, ge=1, le=1000)  # R-SCORE-2
    confidence_weights: dict[Confidence, float] = {
        "low": 0.5, "medium": 0.8, "high": 1.0}  # R-SCORE-4
    dont_know_flag: float = Field(default=0.30, ge=0, le=1)  # R-SCORE-4
    gap_threshold: float = Field(default=1.0, gt=0, le=4)  # R-GAP-1
    walk_prerequisites: dict[str, float] = {"B4": 50, "B5": 50, "B6": 50}  # R-CWR-1
    run_prerequisites: dict[str, float] = {"B4": 70, "B5": 70, "B6": 70, "B8": 70, "B7": 50}
    tech_ahead_margin: float = Field(default=25, ge=0, le=100)  # R-CWR-4
    red_strategy_threshold: float = Field(default=40, ge=0, le=100)  # R-RED-1
    red_change_threshold: float = Field(default=40, ge=0, le=100)  # R-RED-2
    lead_return_days: int = Field(default=30, ge=1, le=365)  # R-MAP-1
    votes_per_participant: int = Field(default=3, ge=1, le=20)  # R-PAIN-1
    top_pains: int = Field(default=3, ge=1, le=20)  # R-PAIN-2
    phase0_weeks: int = Field(default=3, ge=1, le=52)  # R-MAP-7: phase 0 without red lights ...
    weeks_per_red_light: int = Field(default=2, ge=0, le=52)  # ... plus this per open red light ...
    phase0_max_weeks: int = Field(default=12, ge=1, le=104)  # ... at most this
    max_objectives: int = Field(default=5, ge=1, le=20)  # R-MAP-8
    # R-TRACK-1: a gate or review this many days overdue lights amber
    amber_days: int = Field(default=30, ge=1, le=365)
    # R-WAVE-3: a prerequisite block may drop at most this between waves
    wave_max_drop: float = Field(default=5, ge=0, le=100)

    @field_validator("confidence_weights")
    @classmethod
    def _weights(cls, weights: dict[str, float]) -> dict[str, float]:
        missing = [c for c in ("low", "medium", "high") if c not in weights]
        if missing:
            raise ValueError("confidence weight missing for " + ", ".join(missing))
        if not all(0 < w <= 1 for w in weights.values()):
            raise ValueError("confidence weights must be more than 0 and at most 1")
        return weights

    @field_validator("walk_prerequisites", "run_prerequisites")
    @classmethod
    def _prerequisites(cls, prerequisites: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(prerequisites) - set(BLOCK_IDS))
        if unknown:
            raise ValueError("unknown block " + ", ".join(unknown) + " (B1-B8 only)")
        if not all(0 <= v <= 100 for v in prerequisites.values()):
            raise ValueError("a prerequisite is a score from 0 to 100")
        return prerequisites

    @model_validator(mode="after")
    def _coherent(self) -> Settings:
        lower = [b for b, v in self.walk_prerequisites.items() if self.run_prerequisites.get(b, v) < v]
        if lower:
            raise ValueError("run prerequisites below walk for " + ", ".join(sorted(lower)))
        if self.phase0_weeks > self.phase0_max_weeks:
            raise ValueError("phase0_weeks is more than phase0_max_weeks")
        return self


class Questionnaire(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str
    title: Text
    description: Text | None = None
    settings: Settings = Settings()
    blocks: list[Block]
    fit: list[FitQuestion] = []

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        ids = [b.id for b in self.blocks]
        if sorted(ids) != list(BLOCK_IDS):
            missing = sorted(set(BLOCK_IDS) - set(ids))
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"blocks must be B1-B8 once each (missing {missing}, repeated {dup})")
        seen: set[str] = set()
        for block in self.blocks:
            for item in block.items:
                if item.id in seen:
                    raise ValueError(f"item id {item.id} is used twice")
                seen.add(item.id)
        return self

    # Lookups used by scoring and pages -------------------------------------------------
    def block(self, block_id: str) -> Block:
        return next(b for b in self.blocks if b.id == block_id)

    def items(self) -> list[Item]:
        return [item for block in self.blocks for item in block.items]

    def item_index(self) -> dict[str, tuple[str, float, bool]]:
        """item id -> (block id, weight, customer_input). Built once per (frozen) questionnaire:
        every autosave looks its item up here. Callers only read it."""
        return self._item_index

    @cached_property
    def _item_index(self) -> dict[str, tuple[str, float, bool]]:
        return {i.id: (b.id, i.weight, i.customer_input) for b in self.blocks for i in b.items}
