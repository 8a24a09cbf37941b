"""R-MAP-6: a track per department, a pilot first, stabilise above readiness, nobody left out."""
from datetime import date, timedelta

from readiness.method.roadmap import TrackOptions
from readiness.method.types import DepartmentInput, PainInput
from tests.method.roadmap_helpers import ALL_5, WALK_FIT, plan

THREE = [DepartmentInput(10, "Stores", 0, WALK_FIT), DepartmentInput(11, "B2B", 1, WALK_FIT),
         DepartmentInput(12, "Service", 2, WALK_FIT)]
# Stores ready for walk, B2B ready for walk, Service works at walk but is ready only for crawl.
LEVELS = {10: {"B4": 4, "B5": 4, "B6": 4}, 11: {"B4": 4, "B5": 4, "B6": 4}, 12: {"B4": 2, "B5": 2, "B6": 2}}


def test_every_department_has_its_own_track_and_phases():
    _, roadmap = plan(LEVELS, THREE, pains=(PainInput(1, "Slow quotes", 5, 5, 0, 11, ("B5",)),))
    assert [t.department_id for t in roadmap.tracks] == [11, 10, 12]  # the pilot first
    stores, b2b, _service = (roadmap.track_of(i) for i in (10, 11, 12))
    assert [p.key for p in stores.phases] == ["d10-crawl", "d10-walk"]
    assert [p.key for p in b2b.phases] == ["d11-walk"]
    assert all(p.departments == (t.name,) for t in roadmap.tracks for p in t.phases)


def test_pilot_is_the_top_key_pains_department_among_those_ready():
    pains = (PainInput(1, "Service backlog", 5, 5, 0, 12, ("B5",)),  # Service is not ready
             PainInput(2, "Slow quotes", 5, 4, 0, 11, ("B5",)))
    _, roadmap = plan(LEVELS, THREE, pains=pains)
    assert roadmap.pilot_department_id == 11
    assert roadmap.track_of(11).pilot and not roadmap.track_of(10).pilot


def test_others_start_their_first_level_phase_after_the_pilots_first_review():
    _, roadmap = plan(LEVELS, THREE, pains=(PainInput(1, "Slow quotes", 5, 5, 0, 11, ("B5",)),))
    pilot = roadmap.track_of(11)
    first_review = min(c.start for c in pilot.phases[0].checkpoints if c.kind == "review")
    assert pilot.phases[0].start == roadmap.phase0.end + timedelta(days=1)
    assert roadmap.track_of(10).phases[0].start > first_review


def test_department_above_its_readiness_gets_a_stabilise_track():
    _, roadmap = plan(LEVELS, THREE)
    service = roadmap.track_of(12)
    assert service.kind == "stabilise" and service.phases[0].kind == "stabilise"
    assert service.phases[0].level == 2  # it stabilises at the level it works at
    # Its objectives are the weakest items of the walk prerequisites it misses.
    assert {o.item_id[:2] for o in service.phases[0].objectives} <= {"B4", "B5", "B6"}
    assert "above what its answers support" in service.note.en


def test_department_at_its_target_holds_and_says_why():
    departments = [DepartmentInput(10, "Stores", 2, WALK_FIT)]
    _, roadmap = plan({10: ALL_5}, departments)
    track = roadmap.track_of(10)
    assert track.kind == "hold" and track.phases == ()
    assert "what its business needs" in track.note.en


def test_consultant_may_choose_another_pilot_and_a_tracks_start():
    later = date(2027, 9, 1)
    _, roadmap = plan(LEVELS, THREE, options=TrackOptions(10, {11: later}))
    assert roadmap.pilot_department_id == 10
    assert roadmap.track_of(11).phases[0].start == later


def test_a_track_never_starts_before_phase_0_ends():
    _, roadmap = plan(LEVELS, THREE, options=TrackOptions(None, {10: date(2000, 1, 1)}))
    assert roadmap.track_of(10).phases[0].start > roadmap.phase0.end


def test_weakest_department_is_in_the_plan_with_its_own_pain():
    """The bug this rule fixes: a 25/100 department appeared only in phase 0 and its key pain
    went to another department's phase."""
    departments = [DepartmentInput(10, "Stores", 2, WALK_FIT), DepartmentInput(11, "B2B", 0, WALK_FIT),
                   DepartmentInput(12, "Field", 0, WALK_FIT)]
    levels = {10: {b: 2 for b in ("B3", "B4", "B5", "B6", "B7", "B8")}, 11: ALL_5, 12: {}}
    pains = (PainInput(1, "Stores lose orders", 5, 5, 0, 10, ("B5",)),)
    _, roadmap = plan(levels, departments, pains=pains)
    stores = roadmap.track_of(10)
    assert stores.phases and 1 in stores.phases[0].pain_ids
