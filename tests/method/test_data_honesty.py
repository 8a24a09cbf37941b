"""R-DATA-1/2 (no conclusion without data; caveats where stated), R-PAIN-2 ties, R-HEAD-1."""
from readiness.method import pains as pain_rules
from readiness.method.assess import assess
from readiness.method.headline import headline
from readiness.method.types import DepartmentInput, EngagementFacts, PainInput
from tests.method.roadmap_helpers import ALL_5, WALK_FIT, Q, plan

SALES = [DepartmentInput(10, "Sales", 0, WALK_FIT)]


def test_zero_respondents_no_answer_reading_red_light_and_no_score():
    result = assess(Q, [], [], SALES, [PainInput(1, "p", 5, 5)], EngagementFacts("Ada", 4, ("business",)))
    rules = {f.rule for f in result.red_lights}
    assert not rules & {"R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4"}
    assert any(f.code == "no-answers" for f in result.flags)
    level = result.levels[0]
    assert not level.scored
    assert level.reasons[0].code == "no-data-department"
    assert not any("Block scores" in f.message("en") for f in level.reasons)


def test_department_without_respondents_is_planned_without_scores():
    departments = [*SALES, DepartmentInput(11, "Field", 0, WALK_FIT)]
    result, roadmap = plan({10: ALL_5}, departments)
    field = roadmap.track_of(11)
    assert not field.scored
    walk = field.phases[-1]
    assert walk.level == 2 and any("No answers from Field yet" in c.en for c in walk.conditions)
    assert [o.item_id for o in field.phases[0].objectives] == [""]  # asks for answers, states no mean
    field_level = next(lv for lv in result.levels if lv.department_id == 11)
    assert all("score" not in f.message("en").lower() for f in field_level.reasons)


def test_one_respondent_carries_the_low_sample_caveat():
    result, roadmap = plan({10: {"B1": 1, "B2": 1}}, SALES, roles=("executive",))
    red = next(f for f in result.red_lights if f.rule == "R-RED-1")
    assert red.message("en").endswith("Based on 1 respondent only.")
    assert "仅基于 1 位受访者" in red.message("zh")
    assert result.levels[0].low_sample
    assert any(f.code == "low-sample-level" for f in result.levels[0].reasons)
    assert "Based on 1 respondent only" in roadmap.track_of(10).note.en
    verdict = headline(result, roadmap)
    assert "Based on 1 respondent only" in verdict.sentence.en


def test_r_red_5_does_not_fire_without_answers():
    result = assess(Q, [], [], SALES, [PainInput(1, "p", 5, 5)], EngagementFacts("Ada", 4, ("business",)))
    assert "R-RED-5" not in {f.rule for f in result.red_lights}


def test_ten_equal_priorities_choose_no_key_pain():
    ranked = pain_rules.rank_pains([PainInput(i, "t", 3, 3) for i in range(10)], 3)
    assert not any(p.key for p in ranked)
    flag = pain_rules.priority_flags(ranked, 3)[0]
    assert "dot-vote" in flag.message("en")


def test_a_tie_that_fits_keeps_its_pains_and_one_that_does_not_drops_only_the_tied():
    ranked = pain_rules.rank_pains([PainInput(1, "a", 5, 5), PainInput(2, "b", 4, 4),
                                    PainInput(3, "c", 3, 3), PainInput(4, "d", 3, 3)], 3)
    assert [p.key for p in ranked] == [True, True, False, False]
    ranked = pain_rules.rank_pains([PainInput(1, "a", 5, 5), PainInput(2, "b", 4, 4),
                                    PainInput(3, "c", 3, 3)], 3)
    assert all(p.key for p in ranked)


def test_headline_not_ready_names_the_red_lights_in_words():
    result, roadmap = plan({10: {"B1": 1, "B2": 1}}, SALES)
    verdict = headline(result, roadmap)
    assert verdict.kind == "not-ready"
    assert "CRM before strategy" in verdict.sentence.en and "R-RED" not in verdict.sentence.en
    assert 1 <= len(verdict.facts) <= 3


def test_headline_ready_to_start_names_the_pilot_and_its_level():
    result, roadmap = plan({10: ALL_5}, SALES)
    verdict = headline(result, roadmap, {1: "Lost leads"})
    assert verdict.kind == "ready-to-start"
    assert verdict.sentence.en.startswith("Ready to start: Sales pilots CRM at crawl")
    assert any("Lost leads" in f.en for f in verdict.facts)


def test_headline_ready_to_climb_lists_departments_that_earned_their_next_level():
    departments = [DepartmentInput(10, "Sales", 1, WALK_FIT)]
    result, roadmap = plan({10: ALL_5}, departments)
    verdict = headline(result, roadmap)
    assert verdict.kind == "ready-to-climb" and "Sales to walk" in verdict.sentence.en


def test_headline_without_answers_says_so():
    result = assess(Q, [], [], SALES, [PainInput(1, "p", 5, 5)], EngagementFacts("Ada", 4, ("business",)))
    from readiness.method.roadmap import build_roadmap
    from tests.method.roadmap_helpers import START

    roadmap = build_roadmap(result, Q, SALES, [PainInput(1, "p", 5, 5)],
                            EngagementFacts("Ada", 4, ("business",)), START)
    verdict = headline(result, roadmap)
    assert verdict.kind == "no-data" and "no answers" in verdict.sentence.en
    # Nothing is more than provisional before anyone answered: every level phase waits.
    assert roadmap.gate is not None and roadmap.gate.title.en.startswith("Gate: assessment answered")
    assert all(p.gated and "Provisional" in p.conditions[0].en for p in roadmap.phases if p.kind == "level")


def test_headline_includes_the_largest_flagged_perception_gap():
    """Executives see Strategy at 5, the front line at 1: that gap is one of the facts, in words."""
    from readiness.method.objectives import item_means_from_answers
    from readiness.method.roadmap import build_roadmap
    from readiness.method.scoring import block_sums_from_answers
    from readiness.method.types import AnswerInput
    from tests.method.roadmap_helpers import START, TEAM, answers

    respondents, rows = answers({10: ALL_5})
    role = {r.id: r.role for r in respondents}
    rows = [AnswerInput(a.respondent_id, a.item_id,
                        (5 if role[a.respondent_id] == "executive" else 1) if a.item_id.startswith("B2.")
                        else a.level) for a in rows]
    facts = EngagementFacts("Ada Sponsor", 6, ("business", "it"), 4.0)
    pains = [PainInput(1, "Lost leads", 5, 5, 0, 10)]
    result = assess(Q, respondents, block_sums_from_answers(rows, Q), SALES, pains, facts)
    roadmap = build_roadmap(result, Q, SALES, pains, facts, START, TEAM, (),
                            item_means_from_answers(rows, {r.id: r for r in respondents}))
    verdict = headline(result, roadmap)
    gap = next(f for f in verdict.facts if "executives" in f.en)
    assert gap.en.startswith("Strategy: executives see it at 5.0") and "B2" not in gap.en
    assert gap.zh.startswith("战略：高管评分 5.0")
