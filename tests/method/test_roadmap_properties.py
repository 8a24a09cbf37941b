"""Property tests (hypothesis) of the roadmap on random engagements: R-MAP-6/7/8, R-DATA-1,
and the snapshot round trip."""
from __future__ import annotations

import re
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from readiness.method.assess import READS_ANSWERS, assess
from readiness.method.objectives import item_means_from_answers
from readiness.method.owners import TeamInput
from readiness.method.roadmap import TrackOptions, build_roadmap
from readiness.method.roadmap_io import roadmap_from_dict, roadmap_to_dict
from readiness.method.roadmap_texts import NO_DATA_OBJECTIVE, RED_LIGHT_OBJECTIVES
from readiness.method.scoring import block_sums_from_answers
from readiness.method.tracks import department_path
from readiness.method.types import (
    AnswerInput,
    DepartmentInput,
    EngagementFacts,
    PainInput,
    RespondentInput,
)
from tests.method.roadmap_helpers import START, Q, anchors

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "readiness-tests-hypothesis")
PROPERTY = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROLES = ("executive", "manager", "front_line", "it")
BLOCKS = [b.id for b in Q.blocks]


@st.composite
def fit(draw):
    answers = {}
    for question in Q.fit:
        option = draw(st.one_of(st.none(), st.sampled_from([o.id for o in question.options])))
        if option is not None:
            answers[question.id] = option
    return answers


@st.composite
def engagements(draw):
    """1-4 departments; each has 0-3 respondents answering every item at its block's level."""
    n_departments = draw(st.integers(1, 4))
    departments, respondents, rows, rid = [], [], [], 0
    for d in range(1, n_departments + 1):
        departments.append(DepartmentInput(d, f"Department {d}", draw(st.integers(0, 3)), draw(fit()),
                                           draw(st.one_of(st.none(), st.integers(1, 3))), "reason"))
        block_levels = {b: draw(st.integers(1, 5)) for b in BLOCKS}
        for _ in range(draw(st.integers(0, 3))):
            rid += 1
            respondents.append(RespondentInput(rid, draw(st.sampled_from(ROLES)), d))
            for item in Q.items():
                level = draw(st.one_of(st.just(block_levels[item.id[:2]]), st.none(), st.integers(1, 5)))
                rows.append(AnswerInput(rid, item.id, level, "high"))
    pains = [PainInput(p, f"pain {p}", draw(st.integers(1, 5)), draw(st.integers(1, 5)), 0,
                       draw(st.one_of(st.none(), st.integers(1, n_departments))),
                       tuple(draw(st.lists(st.sampled_from(BLOCKS), max_size=2))))
             for p in range(1, draw(st.integers(0, 5)) + 1)]
    facts = EngagementFacts(draw(st.sampled_from(["", "Ada"])), draw(st.sampled_from([None, 0, 4])),
                            tuple(draw(st.lists(st.sampled_from(["business", "it"]), max_size=3))),
                            draw(st.one_of(st.none(), st.floats(1, 5))))
    team = [TeamInput(f"{side} {i}", side) for i, side in enumerate(facts.team_sides)]
    pilot = draw(st.one_of(st.none(), st.integers(1, n_departments)))
    return departments, respondents, rows, pains, facts, team, pilot


def build(departments, respondents, rows, pains, facts, team, pilot):
    result = assess(Q, respondents, block_sums_from_answers(rows, Q), departments, pains, facts)
    means = item_means_from_answers(rows, {r.id: r for r in respondents})
    roadmap = build_roadmap(result, Q, departments, pains, facts, START, team, (), means,
                            TrackOptions(pilot))
    return result, roadmap


@PROPERTY
@given(engagements())
def test_no_department_is_left_out(case):
    """R-MAP-6: every department has a track; one that climbs or works above readiness has phases."""
    result, roadmap = build(*case)
    assert {t.department_id for t in roadmap.tracks} == {d.id for d in case[0]}
    for level in result.levels:
        track = roadmap.track_of(level.department_id)
        if department_path(level) or (level.scored and level.today > level.ready):
            assert track.phases, level
        assert track.note.en and track.note.zh


@PROPERTY
@given(engagements())
def test_no_level_phase_before_the_gate_while_a_red_light_is_open(case):
    """R-MAP-7: with any open red light, every level phase is gated and starts after the gate."""
    result, roadmap = build(*case)
    levels = [p for p in roadmap.phases if p.kind == "level"]
    if result.red_lights or not result.respondents:  # no answers: provisional until answered
        assert roadmap.gate is not None
        assert all(p.gated and p.start > roadmap.gate.start for p in levels)
        assert roadmap.phase0.end - START == timedelta(weeks=min(12, 3 + 2 * len(roadmap.open_red_lights)))
    else:
        assert roadmap.gate is None and not any(p.gated for p in levels)
    work = [c for p in roadmap.phases for c in p.checkpoints if c.kind in ("requirements", "configuration")]
    assert all(c.start > roadmap.phase0.end for c in work)


@PROPERTY
@given(engagements())
def test_no_department_waits_for_another_departments_level(case):
    """R-MAP-6: a track's dates depend on phase 0 and the pilot's first review only: taking any
    other department out of the engagement changes no other track."""
    departments, respondents, rows, pains, facts, team, _ = case
    _result, roadmap = build(*case)
    pilot = roadmap.pilot_department_id
    for gone in [d for d in departments if d.id != pilot]:
        kept = [d for d in departments if d.id != gone.id]
        kept_respondents = [r for r in respondents if r.department_id != gone.id]
        ids = {r.id for r in kept_respondents}
        kept_rows = [a for a in rows if a.respondent_id in ids]
        _, smaller = build(kept, kept_respondents, kept_rows, pains, facts, team, pilot)
        if smaller.open_red_lights != roadmap.open_red_lights:
            continue  # another department's answers changed the red lights: phase 0 differs
        for track in smaller.tracks:
            before = roadmap.track_of(track.department_id)
            assert [(p.key, p.start, p.end) for p in track.phases] == \
                   [(p.key, p.start, p.end) for p in before.phases]


@PROPERTY
@given(engagements())
def test_every_objective_is_an_anchor_text_of_the_questionnaire(case):
    """R-MAP-8: an objective with an item is that item's anchor at its target level, verbatim."""
    _, roadmap = build(*case)
    fixed = {NO_DATA_OBJECTIVE, *RED_LIGHT_OBJECTIVES.values()}
    for phase in roadmap.phases:
        for objective in phase.objectives:
            if objective.item_id:
                assert (objective.text.en, objective.text.zh) == anchors(objective.item_id)[objective.target]
                assert 1 <= objective.mean < objective.target <= 5
            else:
                assert objective.text in fixed


@PROPERTY
@given(engagements())
def test_no_message_states_a_score_where_there_are_no_answers(case):
    """R-DATA-1: no red light that reads answers without answers; a department nobody answered
    for gives no level reason from scores and no objective with a mean."""
    result, roadmap = build(*case)
    if not result.scored:
        assert not {f.rule for f in result.red_lights} & set(READS_ANSWERS)
    for level in result.levels:
        if not level.scored:
            assert not any(f.code in ("ready", "above-readiness", "build-gap") for f in level.reasons)
            for text in (f.message("en") for f in level.reasons):
                assert not re.search(r"\b\d+(\.\d+)?\b", text.replace("1-5", "")), text
            track = roadmap.track_of(level.department_id)
            assert all(o.mean is None for p in track.phases for o in p.objectives)


@PROPERTY
@given(engagements())
def test_snapshot_round_trip_and_unique_checkpoint_keys(case):
    _, roadmap = build(*case)
    assert roadmap_from_dict(roadmap_to_dict(roadmap)) == roadmap
    keys = [c.key for p in roadmap.phases for c in p.checkpoints]
    assert len(keys) == len(set(keys))
