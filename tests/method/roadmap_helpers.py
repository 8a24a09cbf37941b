"""Hand-built engagements for the roadmap rules: departments answering at chosen levels."""
from __future__ import annotations

from datetime import date

from readiness.method.assess import assess
from readiness.method.loading import load_questionnaire
from readiness.method.objectives import item_means_from_answers
from readiness.method.owners import TeamInput
from readiness.method.roadmap import TrackOptions, build_roadmap
from readiness.method.scoring import block_sums_from_answers
from readiness.method.types import AnswerInput, EngagementFacts, PainInput, RespondentInput
from readiness.questionnaires.services import BUILTIN

Q = load_questionnaire(BUILTIN)
START = date(2027, 3, 1)
GOOD_FACTS = EngagementFacts("Ada Sponsor", 6, ("business", "it"), customer_input_mean=4.0)
TEAM = (TeamInput("Bea Business", "business"), TeamInput("Ian IT", "it"))
WALK_FIT = {"sales_cycle_stages": "defined", "parallel_processes": "few", "quotas_slas": "targets",
            "integrations": "some", "sync_frequency": "daily", "customer_volume": "medium"}
RUN_FIT = {k: o for k, o in zip(WALK_FIT, ["measured", "many", "enforced", "many", "continuous", "large"],
                                strict=True)}
SEVERE = (PainInput(1, "Lost leads", 5, 5, 0, 10, ("B6",)),)
ALL_5 = {b.id: 5 for b in Q.blocks}


def answers(levels_by_department, roles=("executive", "front_line", "it"), items=None):
    """Respondents per department answering every item of each block at the given level (3 when
    the block is not named). `items` overrides single items: {(department, item id): level}."""
    respondents, rows, rid = [], [], 0
    for dept_id, levels in levels_by_department.items():
        for role in roles:
            rid += 1
            respondents.append(RespondentInput(rid, role, dept_id))
            for block in Q.blocks:
                for item in block.items:
                    level = (items or {}).get((dept_id, item.id), levels.get(block.id, 3))
                    rows.append(AnswerInput(rid, item.id, level, "high"))
    return respondents, rows


def plan(levels_by_department, departments, pains=SEVERE, facts=GOOD_FACTS, team=TEAM,
         options=TrackOptions(), roles=("executive", "front_line", "it"), items=None):
    respondents, rows = answers(levels_by_department, roles, items)
    sums = block_sums_from_answers(rows, Q)
    result = assess(Q, respondents, sums, departments, pains, facts)
    means = item_means_from_answers(rows, {r.id: r for r in respondents})
    roadmap = build_roadmap(result, Q, departments, pains, facts, START, team, ["Data warehouse"],
                            means, options)
    return result, roadmap


def anchors(item_id: str) -> dict[int, tuple[str, str]]:
    block = Q.block(item_id.split(".")[0])
    item = next(i for i in block.items if i.id == item_id)
    return {n: (t.en, t.zh) for n, t in item.levels.items()}
