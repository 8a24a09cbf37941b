"""R-MAP-8 (objectives in the questionnaire's own words) and R-MAP-9 (the business owns the plan)."""
from readiness.method.objectives import next_level
from readiness.method.owners import TeamInput
from readiness.method.types import DepartmentInput
from tests.method.roadmap_helpers import ALL_5, RUN_FIT, WALK_FIT, Q, anchors, plan

SALES = [DepartmentInput(10, "Sales", 0, WALK_FIT)]


def test_objectives_are_the_weakest_prerequisite_items_in_anchor_words():
    # Crawl builds what walk needs (B4, B5, B6); B5.4 at 1 and B6.2 at 2 are the weakest.
    items = {(10, "B5.1"): 1, (10, "B6.2"): 2}
    _, roadmap = plan({10: ALL_5}, SALES, items=items)
    crawl = roadmap.track_of(10).phases[0]
    assert [o.item_id for o in crawl.objectives] == ["B5.1", "B6.2"]
    first = crawl.objectives[0]
    assert (first.target, first.mean) == (2, 1.0)
    assert (first.text.en, first.text.zh) == anchors("B5.1")[2]
    assert first.block.en == "Processes"


def test_objective_exit_criterion_in_the_last_review():
    _, roadmap = plan({10: ALL_5}, SALES, items={(10, "B5.1"): 1})
    crawl = roadmap.track_of(10).phases[0]
    last_review = [c for c in crawl.checkpoints if c.kind == "review"][-1]
    assert any(e.en == "Level 2 reached on B5.1 (Processes; now 1.0)" for e in last_review.exit_criteria)


def test_ranking_weight_times_distance_to_three_at_most_five():
    # Every walk-prerequisite item at 1: five objectives, heavier items first.
    _, roadmap = plan({10: {"B4": 1, "B5": 1, "B6": 1}}, SALES)
    objectives = roadmap.track_of(10).phases[0].objectives
    assert len(objectives) == Q.settings.max_objectives
    weights = {i.id: i.weight for i in Q.items()}
    assert [weights[o.item_id] for o in objectives] == sorted((weights[o.item_id] for o in objectives),
                                                              reverse=True)


def test_run_objectives_rank_against_four():
    # Ready for run except B8.1 at 3: only the run phase names it (3 < 4).
    departments = [DepartmentInput(10, "Service", 2, RUN_FIT)]
    _, roadmap = plan({10: ALL_5}, departments, items={(10, "B8.1"): 3})
    run = roadmap.track_of(10).phases[0]
    assert run.level == 3 and [o.item_id for o in run.objectives] == ["B8.1"]
    assert run.objectives[0].target == 4


def test_rules_before_system_are_in_place_when_their_items_reach_three():
    _, roadmap = plan({10: ALL_5}, SALES)
    assert {r.status for r in roadmap.rules_status} == {"in place"}
    assert not any(o.item_id in ("B2.3", "B4.5", "B5.4") for o in roadmap.phase0.objectives)


def test_next_level_is_the_anchor_just_above_the_mean():
    assert [next_level(m) for m in (1.0, 1.7, 2.0, 2.99, 4.5, 5.0)] == [2, 2, 3, 3, 5, 5]


def test_level_checkpoints_belong_to_the_business_and_technology_to_it():
    _, roadmap = plan({10: ALL_5}, SALES)
    for phase in roadmap.track_of(10).phases:
        for point in phase.checkpoints:
            expected = "Ian IT" if point.kind == "configuration" else "Bea Business"
            assert point.owner == expected, point.key
    assert {c.owner for c in roadmap.phase0.checkpoints} == {"Ada Sponsor"}


def test_it_only_team_never_owns_business_checkpoints():
    _, roadmap = plan({10: ALL_5}, SALES, team=(TeamInput("Ian IT", "it"),))
    owners = {c.owner for p in roadmap.track_of(10).phases for c in p.checkpoints
              if c.kind != "configuration"}
    assert owners == {"Ada Sponsor"}


def test_several_business_members_share_the_tracks():
    departments = [DepartmentInput(10, "Sales", 0, WALK_FIT), DepartmentInput(11, "Service", 0, WALK_FIT)]
    team = (TeamInput("Bea", "business"), TeamInput("Bo", "business"), TeamInput("Ian", "it"))
    _, roadmap = plan({10: ALL_5, 11: ALL_5}, departments, team=team)
    first = {t.department_id: t.phases[0].checkpoints[0].owner for t in roadmap.tracks}
    assert set(first.values()) == {"Bea", "Bo"}


def test_rules_before_system_are_phase_0s_not_repeated_in_level_phases():
    """The lead-return rule (B5.4) scoring low is agreed once, in phase 0, for the organisation."""
    _, roadmap = plan({10: ALL_5}, SALES, items={(10, "B5.4"): 1})
    assert "B5.4" in [o.item_id for o in roadmap.phase0.objectives]
    assert not any(o.item_id == "B5.4" for t in roadmap.tracks for p in t.phases for o in p.objectives)
