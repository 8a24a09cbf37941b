"""R-MAP-1 and R-MAP-7: phase 0 (prerequisites, rules before system) and the red-light gate.

While any red light is open, every level phase is conditional on a "red lights cleared" gate at the
end of phase 0 (owner: the sponsor), and phase 0 lasts 3 weeks plus 2 per open light (at most 12):
nothing schedules requirement or system work before that gate.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from . import roadmap_texts as T
from .definition import Questionnaire
from .objectives import ItemMeans, rules_before_system, weakest_items
from .roadmap_types import Bi, Checkpoint, Objective, Phase, RuleStatus
from .types import Assessment, Finding

#: Red lights whose answers point at blocks: phase 0 objectives come from those blocks' items.
RED_LIGHT_BLOCKS = {"R-RED-1": ("B1", "B2"), "R-RED-2": ("B4",), "R-CWR-4": ("B5",)}
#: Red lights about facts, not answers: their own objective sentence.
FACT_RED_LIGHTS = ("R-RED-3", "R-RED-4", "R-PAIN-3")
STRATEGY_RULES = {"R-RED-1", "R-RED-2"}


def open_red_lights(assessment: Assessment) -> tuple[str, ...]:
    """Rule ids of the open red lights, each once, in a stable order."""
    return tuple(sorted({f.rule for f in assessment.red_lights}))


def phase0_weeks(open_lights: Sequence[str], questionnaire: Questionnaire) -> int:
    """R-MAP-7: 3 weeks plus 2 per open red light, at most 12 (*defaults*)."""
    s = questionnaire.settings
    return min(s.phase0_max_weeks, s.phase0_weeks + s.weeks_per_red_light * len(open_lights))


def light_names(open_lights: Sequence[str], lang: str) -> str:
    names = [T.RED_LIGHT_NAMES[r].get(lang) for r in open_lights if r in T.RED_LIGHT_NAMES]
    return "、".join(names) if lang == "zh" else ", ".join(names)


def gate_condition(gate_day: date, open_lights: Sequence[str], answered: bool = True) -> Bi:
    if not answered:  # R-DATA-1: nothing is more than provisional before anyone answered
        return Bi(T.ANSWERS_GATE_CONDITION.en.format(date=gate_day.isoformat()),
                  T.ANSWERS_GATE_CONDITION.zh.format(date=gate_day.isoformat()))
    return Bi(T.GATE_CONDITION.en.format(date=gate_day.isoformat(), lights=light_names(open_lights, "en")),
              T.GATE_CONDITION.zh.format(date=gate_day.isoformat(), lights=light_names(open_lights, "zh")))


def phase0_objectives(questionnaire: Questionnaire, open_lights: Sequence[str], means: ItemMeans
                      ) -> tuple[tuple[Objective, ...], tuple[RuleStatus, ...]]:
    """R-MAP-8 for phase 0: the fact red lights' own objectives, the weakest items of the blocks
    the answer red lights point at (customer-input items for R-RED-5), rules before system."""
    objectives = [Objective(T.RED_LIGHT_OBJECTIVES[r]) for r in open_lights if r in FACT_RED_LIGHTS]
    blocks = [b for r in open_lights for b in RED_LIGHT_BLOCKS.get(r, ())]
    customer = [i.id for i in questionnaire.items() if i.customer_input] if "R-RED-5" in open_lights else []
    if blocks or customer:
        objectives += weakest_items(questionnaire, means, blocks, 3.0, only=customer)
    rules, statuses = rules_before_system(questionnaire, means)
    seen = {o.item_id for o in objectives if o.item_id}
    objectives += [o for o in rules if o.item_id not in seen]
    return tuple(objectives), statuses


def build_phase0(questionnaire: Questionnaire, open_lights: Sequence[str], means: ItemMeans,
                 start: date, sponsor: str, pain_ids: Sequence[int], answered: bool = True
                 ) -> tuple[Phase, tuple[RuleStatus, ...]]:
    """Phase 0 closes on the gate while red lights are open, or while nobody has answered yet
    (R-DATA-1: the plan is provisional until answers exist); otherwise on a prerequisites review."""
    end = start + timedelta(weeks=phase0_weeks(open_lights, questionnaire))
    objectives, statuses = phase0_objectives(questionnaire, open_lights, means)
    kickoff = Checkpoint("kickoff", T.CHECKPOINTS["kickoff"], "kickoff", start, start, 1.0, sponsor,
                         T.EXIT_CRITERIA["kickoff"])
    if not answered:
        closing = Checkpoint("gate", T.CHECKPOINTS["answers-gate"], "gate", end, end, 0.5, sponsor,
                             T.EXIT_CRITERIA["answers-gate"] + tuple(
                                 T.RED_LIGHT_OBJECTIVES[r] for r in open_lights
                                 if r in T.RED_LIGHT_OBJECTIVES), rule="R-DATA-1")
    elif open_lights:
        cleared = tuple(T.RED_LIGHT_OBJECTIVES[r] for r in open_lights if r in T.RED_LIGHT_OBJECTIVES)
        closing = Checkpoint("gate", T.CHECKPOINTS["gate"], "gate", end, end, 0.5, sponsor,
                             T.EXIT_CRITERIA["gate"] + cleared, rule="R-MAP-7")
    else:
        closing = Checkpoint("prereq-review", T.CHECKPOINTS["prereq-review"], "review", end, end, 0.5,
                             sponsor, T.EXIT_CRITERIA["prereq-review"])
    phase = Phase(
        "phase-0", 0, 0, T.PHASE_TITLES[0], (), tuple(pain_ids), objectives, T.QUICK_WINS[0],
        (kickoff, closing), (), start, end, rules=("R-MAP-1", "R-MAP-2", "R-MAP-7", "R-MAP-8",
                                                   *open_lights), kind="prerequisites")
    return phase, statuses


@dataclass(frozen=True)
class GateLight:
    """One red light of the gate as the client reads it: the latest answers' finding when there
    is one, else the light's name; `state` says how the plan and today's answers compare."""

    rule: str
    text: Bi
    state: str  # "open": planned and still raised; "cleared": planned, no longer raised;
    #             "new": raised by answers that came after the plan was made


def gate_lights(planned: Sequence[str], live: Sequence[Finding]) -> tuple[GateLight, ...]:
    """R-MAP-7 against R-HEAD-1: the stored roadmap is what the client saw, and answers may have
    arrived since. The gate keeps the lights it was planned for (the sponsor confirms each one),
    each with today's finding or marked as no longer raised, and today's other red lights follow,
    marked as new: nothing the verdict names is missing from the gate, nothing is silently
    dropped."""
    found = {f.rule: Bi(f.message("en"), f.message("zh")) for f in live}
    out = [GateLight(r, found[r], "open") if r in found
           else GateLight(r, T.RED_LIGHT_NAMES.get(r, Bi(r, r)), "cleared") for r in planned]
    out += [GateLight(r, text, "new") for r, text in found.items() if r not in planned]
    return tuple(out)
