"""R-MAP-8: objectives in the questionnaire's own words, and the rules that come before the system.

An objective is an item's next anchored level text (the client's questionnaire, verbatim), with
"reach that level" as its exit criterion and the current mean beside it. Items without answers give
no objective (R-DATA-1: no conclusion without data).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from . import roadmap_texts as T
from .definition import Questionnaire
from .roadmap_types import Bi, Objective, RuleStatus
from .texts import BLOCK_NAMES
from .types import AnswerInput, RespondentInput

#: item id -> mean level (1-5) of its scored answers, for one department or the whole engagement.
ItemMeans = Mapping[str, float]


def block_words(block_id: str) -> Bi:
    return Bi(BLOCK_NAMES["en"][block_id], BLOCK_NAMES["zh"][block_id])


def next_level(mean: float) -> int:
    """The anchored level just above the current mean: 1.7 -> 2, 2.0 -> 3, never above 5."""
    return min(5, math.floor(mean) + 1)


def objective_for(questionnaire: Questionnaire, item_id: str, mean: float) -> Objective:
    block_id = item_id.split(".")[0]
    item = next(i for i in questionnaire.block(block_id).items if i.id == item_id)
    target = next_level(mean)
    anchor = item.levels[target]
    return Objective(Bi(anchor.en, anchor.zh), item_id, block_words(block_id), target, round(mean, 1))


def weakest_items(questionnaire: Questionnaire, means: ItemMeans, blocks: Iterable[str],
                  base: float, limit: int | None = None,
                  only: Iterable[str] | None = None) -> tuple[Objective, ...]:
    """R-MAP-8: the items of `blocks` (or the `only` items) ranked by weight x (base - mean),
    base 3 for crawl/walk and 4 for run; items at or above the base are not objectives."""
    limit = questionnaire.settings.max_objectives if limit is None else limit
    wanted = set(blocks)
    only = set(only) if only is not None else None
    ranked = []
    for block in questionnaire.blocks:
        for item in block.items:
            if (block.id not in wanted and (only is None or item.id not in only)):
                continue
            mean = means.get(item.id)
            if mean is None or mean >= base:
                continue
            ranked.append((-item.weight * (base - mean), item.id, mean))
    ranked.sort()
    return tuple(objective_for(questionnaire, item_id, mean) for _, item_id, mean in ranked[:limit])


def exit_criterion(objective: Objective) -> Bi:
    """"Level 3 reached on B5.4 (Processes; now 1.7)": how the review tells it is met."""
    if not objective.item_id or objective.target is None:
        return objective.text
    block = objective.block or Bi("", "")
    return Bi(T.OBJECTIVE_EXIT.en.format(level=objective.target, item=objective.item_id,
                                         block=block.en, mean=f"{objective.mean:.1f}"),
              T.OBJECTIVE_EXIT.zh.format(level=objective.target, item=objective.item_id,
                                         block=block.zh, mean=f"{objective.mean:.1f}"))


def rules_before_system(questionnaire: Questionnaire, means: ItemMeans
                        ) -> tuple[tuple[Objective, ...], tuple[RuleStatus, ...]]:
    """Seed 001: customer grading, lead sharing and the lead-return period are objectives only
    where the items that ask about them score below level 3; otherwise they are in place."""
    objectives, statuses = [], []
    for item in questionnaire.items():
        if item.rules_topic is None:
            continue
        mean = means.get(item.id)
        title = T.RULE_TOPICS[item.rules_topic]
        if mean is None:
            status = "no data"
        elif mean < 3.0:
            status = "objective"
            objectives.append(objective_for(questionnaire, item.id, mean))
        else:
            status = "in place"
        statuses.append(RuleStatus(item.rules_topic, title, item.id, status,
                                   None if mean is None else round(mean, 1)))
    return tuple(objectives), tuple(statuses)


def item_means_from_answers(answers: Iterable[AnswerInput],
                            respondents: Mapping[int, RespondentInput]
                            ) -> dict[int | None, dict[str, float]]:
    """The reference for the app's two GROUP BY queries: department id (None: everyone) ->
    item id -> mean level of scored answers. `respondents` maps respondent id -> RespondentInput."""
    sums: dict[tuple[int | None, str], list[float]] = {}
    for answer in answers:
        if answer.level is None:
            continue
        department = respondents[answer.respondent_id].department_id
        keys = [(None, answer.item_id)] + ([(department, answer.item_id)] if department is not None else [])
        for key in keys:
            cell = sums.setdefault(key, [0.0, 0])
            cell[0] += answer.level
            cell[1] += 1
    out: dict[int | None, dict[str, float]] = {None: {}}
    for (department, item_id), (total, count) in sums.items():
        out.setdefault(department, {})[item_id] = total / count
    return out
