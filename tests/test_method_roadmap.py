"""Roadmap rules R-MAP-1..5 with R-CWR-2/3 and R-PAIN-2, case by case on hand-built engagements."""
from datetime import date, timedelta

import pytest

from readiness.method.assess import assess
from readiness.method.loading import load_questionnaire
from readiness.method.roadmap import add_months, build_roadmap, department_path
from readiness.method.types import (AnswerInput, DepartmentInput, EngagementFacts, PainInput,
                                    RespondentInput)
from readiness.method.scoring import block_sums_from_answers
from readiness.questionnaires.services import BUILTIN

Q = load_questionnaire(BUILTIN)
START = date(2027, 3, 1)
GOOD_FACTS = EngagementFacts("Ada Sponsor", 6, ("business", "it"), customer_input_mean=4.0)
WALK_FIT = {"sales_cycle_stages": "defined", "parallel_processes": "few", "quotas_slas": "targets",
            "integrations": "some", "sync_frequency": "daily", "customer_volume": "medium"}
RUN_FIT = {k: o for k, o in zip(WALK_FIT, ["measured", "many", "enforced", "many", "continuous", "large"])}


def _answers(levels_by_department):
    """Three respondents per department answering every item of each block at the given level."""
    respondents, answers, rid = [], [], 0
    for dept_id, levels in levels_by_department.items():
        for role in ("executive", "front_line", "it"):
            rid += 1
            respondents.append(RespondentInput(rid, role, dept_id))
            for block in Q.blocks:
                for item in block.items:
                    answers.append(AnswerInput(rid, item.id, levels.get(block.id, 3), "high"))
    return respondents, block_sums_from_answers(answers, Q)


def _roadmap(levels_by_department, departments, pains=(), facts=GOOD_FACTS):
    respondents, sums = _answers(levels_by_department)
    result = assess(Q, respondents, sums, departments, pains, facts)
    return result, build_roadmap(result, Q.settings, departments, pains, facts, START,
                                 "Pat Lead", ["Data warehouse"])


SEVERE = (PainInput(1, "Lost leads", 5, 5, 0, 10, ("B6",)),)


def test_r_map_1_red_light_puts_phase_0_first_with_its_objective():
    # B1 = B2 = 1 -> score 0 -> R-RED-1; phase 0 must clear it before anything else.
    _, roadmap = _roadmap({10: {"B1": 1, "B2": 1}}, [DepartmentInput(10, "Sales", 0, WALK_FIT)], SEVERE)
    assert roadmap.phases[0].key == "phase-0"
    assert "R-RED-1" in roadmap.phases[0].rules
    assert any("B1 Vision and B2 Strategy at 40" in o.en for o in roadmap.phases[0].objectives)
    # Red lights lengthen the prerequisites phase to six weeks.
    assert roadmap.phases[0].end == START + timedelta(weeks=6)


def test_r_map_1_rules_before_system_always_in_phase_0():
    _, roadmap = _roadmap({10: {}}, [DepartmentInput(10, "Sales", 0, WALK_FIT)], SEVERE)
    texts = [o.en for o in roadmap.phases[0].objectives]
    assert any("returns to the public pool after 30 days" in t for t in texts)
    assert roadmap.phases[0].end == START + timedelta(weeks=3)  # no red light: three weeks


def test_r_cwr_2_no_level_is_skipped():
    # Today none, business needs run, scores ready for run (all 5): crawl, walk, run in order.
    _, roadmap = _roadmap({10: {b.id: 5 for b in Q.blocks}}, [DepartmentInput(10, "Service", 0, RUN_FIT)],
                          SEVERE)
    assert [p.key for p in roadmap.phases] == ["phase-0", "crawl", "walk", "run"]
    for earlier, later in zip(roadmap.phases, roadmap.phases[1:]):
        assert later.start > earlier.end


def test_r_cwr_3_capped_department_stops_at_its_cap():
    departments = [DepartmentInput(10, "Service", 0, RUN_FIT, cap=2, cap_reason="relationship-led")]
    result, roadmap = _roadmap({10: {b.id: 5 for b in Q.blocks}}, departments, SEVERE)
    assert department_path(result.levels[0]) == (1, 2)
    assert [p.key for p in roadmap.phases] == ["phase-0", "crawl", "walk"]


def test_level_beyond_readiness_is_conditional_on_prerequisites():
    # Needs walk, but B5 = 2 (25 < 50): the walk phase is planned with its condition stated.
    _, roadmap = _roadmap({10: {"B5": 2}}, [DepartmentInput(10, "Sales", 1, WALK_FIT)], SEVERE)
    walk = roadmap.phases[-1]
    assert walk.key == "walk" and walk.conditions
    assert "B5" in walk.conditions[0].en and "R-CWR-1" in walk.conditions[0].en


def test_r_map_2_checkpoints_follow_the_cadence():
    _, roadmap = _roadmap({10: {b.id: 5 for b in Q.blocks}}, [DepartmentInput(10, "S", 0, RUN_FIT)], SEVERE)
    kickoff = roadmap.phases[0].checkpoints[0]
    assert (kickoff.kind, kickoff.start, kickoff.days, kickoff.owner) == ("kickoff", START, 1.0, "Ada Sponsor")
    for phase in roadmap.phases[1:]:
        months = (phase.end.year - phase.start.year) * 12 + phase.end.month - phase.start.month
        assert 3 <= months <= 5
        requirements = [c for c in phase.checkpoints if c.kind == "requirements"]
        reviews = [c for c in phase.checkpoints if c.kind == "review"]
        assert 2 <= len(requirements) == len(reviews) <= 3
        assert all(1.0 <= c.days <= 1.5 for c in requirements)
        assert all(0.5 <= c.days <= 1.0 for c in reviews)
        assert all(c.owner == "Pat Lead" and c.exit_criteria for c in phase.checkpoints)
        assert all(phase.start <= c.start <= phase.end for c in requirements + reviews)


def test_r_map_4_adoption_cycle_for_each_level():
    _, roadmap = _roadmap({10: {b.id: 5 for b in Q.blocks}}, [DepartmentInput(10, "S", 0, RUN_FIT)], SEVERE)
    for phase in roadmap.phases[1:]:
        steps = [s.key for s in phase.adoption]
        assert steps == ["rigid", "optimise", "solidify", "reoptimise"]
        rigid = phase.adoption[0]
        assert rigid.start == phase.end and rigid.end in (add_months(phase.end, 2), add_months(phase.end, 3))


def test_r_pain_2_each_key_pain_is_solved_by_one_phase():
    pains = (PainInput(1, "Unknown members", 5, 5, 0, 10, ("B6",)),
             PainInput(2, "No strategy", 5, 4, 0, 10, ("B2",)),
             PainInput(3, "Slow quotes", 4, 4, 0, 11, ("B5",)),
             PainInput(4, "Minor", 1, 1, 0, 11, ()))
    departments = [DepartmentInput(10, "Stores", 0, WALK_FIT), DepartmentInput(11, "B2B", 1, WALK_FIT)]
    _, roadmap = _roadmap({10: {"B2": 1}, 11: {"B2": 1}}, departments, pains)
    owner = {pid: phase.key for phase in roadmap.phases for pid in phase.pain_ids}
    assert roadmap.key_pain_ids == (1, 2, 3)
    assert owner[2] == "phase-0"  # strategy pain while R-RED-1 is on
    assert owner[1] == "crawl"  # Stores start at crawl
    assert owner[3] == "walk"  # B2B already crawls: its first phase is walk
    assert 4 not in owner and roadmap.unaddressed_pain_ids == ()


def test_r_map_3_ten_foundations_with_evidence():
    _, roadmap = _roadmap({10: {}}, [DepartmentInput(10, "S", 0, WALK_FIT)], SEVERE,
                          EngagementFacts("", 0, ("it",), None))
    assert len(roadmap.foundations) == 10
    status = {f.number: f.status for f in roadmap.foundations}
    assert status[1] == "not met"  # no sponsor
    assert status[6] == "partly"  # IT only
    assert status[10] == "not met"  # no customer input
    assert all(f.evidence.en and f.evidence.zh for f in roadmap.foundations)


def test_r_map_5_assets_are_listed():
    _, roadmap = _roadmap({10: {}}, [DepartmentInput(10, "S", 0, WALK_FIT)], SEVERE)
    assert roadmap.assets == ("Data warehouse",)


@pytest.mark.parametrize("day,months,expected", [(date(2027, 1, 31), 1, date(2027, 2, 28)),
                                                  (date(2027, 11, 15), 3, date(2028, 2, 15))])
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_failure_causes_follow_the_red_lights():
    """METHOD.md section 7: each cause is a risk when its red light is on."""
    from readiness.method.failures import check_failure_causes

    result, _ = _roadmap({10: {"B1": 1, "B2": 1, "B4": 1}}, [DepartmentInput(10, "S", 0, WALK_FIT)], SEVERE)
    checks = {c.cause.en: c.status for c in check_failure_causes(result)}
    assert len(checks) == 7
    assert checks["Implementing before strategy"] == "risk"
    assert checks["Implementing before organisational change"] == "risk"
    assert checks["Treating all customers alike"] == "risk"  # B2 = 0
    good, _ = _roadmap({10: {b.id: 5 for b in Q.blocks}}, [DepartmentInput(10, "S", 0, WALK_FIT)], SEVERE)
    assert all(c.status == "clear" for c in check_failure_causes(good))
