"""R-MAP-7: the "red lights cleared" gate, phase 0's length, nothing forbidden before the gate."""
from datetime import timedelta

import pytest

from readiness.method.types import DepartmentInput, EngagementFacts
from tests.method.roadmap_helpers import ALL_5, START, WALK_FIT, plan

SALES = [DepartmentInput(10, "Sales", 0, WALK_FIT)]


def test_no_red_light_no_gate_and_three_weeks():
    _, roadmap = plan({10: ALL_5}, SALES)
    assert roadmap.open_red_lights == () and roadmap.gate is None
    assert roadmap.phase0.end == START + timedelta(weeks=3)
    assert not any(p.gated for p in roadmap.phases)


@pytest.mark.parametrize("facts,lights", [
    (EngagementFacts("", 0, ("business",), 4.0), 1),  # no sponsor
    (EngagementFacts("", 0, ("it",), 4.0), 2),  # no sponsor, IT-only team
])
def test_phase_0_grows_two_weeks_per_open_red_light(facts, lights):
    _, roadmap = plan({10: ALL_5}, SALES, facts=facts)
    assert len(roadmap.open_red_lights) == lights
    assert roadmap.phase0.end == START + timedelta(weeks=3 + 2 * lights)


def test_phase_0_is_at_most_twelve_weeks():
    # R-RED-1, R-RED-2, R-RED-3, R-RED-4, R-PAIN-3 and more: 3 + 2 x 5 = 13 -> 12.
    _, roadmap = plan({10: {"B1": 1, "B2": 1, "B4": 1}}, SALES, pains=(),
                      facts=EngagementFacts("", 0, ("it",), 4.0))
    assert len(roadmap.open_red_lights) >= 5
    assert roadmap.phase0.end == START + timedelta(weeks=12)


def test_gate_checkpoint_owned_by_the_sponsor_at_the_end_of_phase_0():
    _, roadmap = plan({10: {"B1": 1, "B2": 1}}, SALES)
    gate = roadmap.gate
    assert gate.kind == "gate" and gate.start == roadmap.phase0.end and gate.owner == "Ada Sponsor"
    assert gate.key == "gate"


def test_every_level_phase_is_conditional_on_the_gate_and_starts_after_it():
    _, roadmap = plan({10: {"B1": 1, "B2": 1}}, SALES)
    levels = [p for p in roadmap.phases if p.kind == "level"]
    assert levels and all(p.gated for p in levels)
    assert all(p.start > roadmap.gate.start for p in levels)
    assert all("gate" in p.conditions[0].en and "CRM before strategy" in p.conditions[0].en
               for p in levels)


def test_no_requirement_or_system_work_before_the_gate():
    _, roadmap = plan({10: {"B1": 1, "B2": 1}}, SALES)
    before = [c for p in roadmap.phases for c in p.checkpoints if c.start <= roadmap.gate.start]
    assert {c.kind for c in before} <= {"kickoff", "gate", "stabilise", "review"}
    assert not any(c.kind in ("requirements", "configuration") for c in before)


def test_the_gate_keeps_its_lights_marks_cleared_ones_and_adds_new_ones():
    from readiness.method.gate import gate_lights
    from readiness.method.types import Finding

    live = [Finding("R-RED-5", "guessing", {"mean": 2.8}, red=True),
            Finding("R-CWR-4", "technology-ahead", {"b7": 71, "b5": 45, "margin": 25}, red=True)]
    lights = gate_lights(("R-RED-3", "R-RED-5"), live)
    assert [(g.rule, g.state) for g in lights] == [
        ("R-RED-3", "cleared"), ("R-RED-5", "open"), ("R-CWR-4", "new")]
    assert lights[0].text.en == "no sponsor time" and lights[0].text.zh == "发起人未投入时间"
    assert lights[2].text.en.startswith("Technology ahead of processes: Technology 71")
    assert lights[1].text.en == live[0].message("en") and lights[1].text.zh == live[0].message("zh")
    assert gate_lights((), []) == ()
