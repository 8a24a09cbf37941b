"""R-TRACK-1/2 in the pure method: allowed changes, overdue, amber lights, phase completion and
the adoption cycle from the real go-live; with hypothesis properties."""
from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from readiness.method import tracking as T
from readiness.method.tracks import RIGID_MONTHS, add_months

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "readiness-tests-hypothesis")
PROPERTY = settings(max_examples=200, deadline=None, database=None)
TODAY = date(2027, 6, 1)


def point(status="planned", kind="review", due=TODAY, actual=None, reason="", key="k"):
    return T.TrackedPoint(key, kind, status, due, actual, False, reason)


def test_done_needs_evidence_text_or_a_file():
    with pytest.raises(T.TrackingRuleError, match="done-needs-evidence"):
        T.check_change("done", "   ", 0, "")
    T.check_change("done", "Minutes signed by the sponsor", 0, "")
    T.check_change("done", "", 1, "")


def test_dropped_needs_a_reason_and_status_must_be_known():
    with pytest.raises(T.TrackingRuleError, match="dropped-needs-reason"):
        T.check_change("dropped", "", 0, " ")
    with pytest.raises(T.TrackingRuleError, match="unknown-status"):
        T.check_change("finished", "x", 0, "")
    with pytest.raises(T.TrackingRuleError, match="actual-in-future"):
        T.check_change("in_progress", "", 0, "", TODAY + timedelta(days=1), TODAY)


def test_overdue_only_when_open_and_past_due():
    assert T.days_overdue(point(due=TODAY - timedelta(days=3)), TODAY) == 3
    assert not T.is_overdue(point(due=TODAY), TODAY)
    assert not T.is_overdue(point("done", due=TODAY - timedelta(days=90)), TODAY)
    assert not T.is_overdue(point("dropped", due=TODAY - timedelta(days=90), reason="x"), TODAY)
    assert T.is_overdue(point("slipped", due=TODAY - timedelta(days=1)), TODAY)
    assert not T.is_overdue(point(due=None), TODAY)


def test_amber_is_a_gate_or_review_more_than_30_days_late():
    late31 = TODAY - timedelta(days=31)
    assert T.is_amber(point(kind="gate", due=late31), TODAY)
    assert T.is_amber(point(kind="review", due=late31), TODAY)
    assert not T.is_amber(point(kind="review", due=TODAY - timedelta(days=30)), TODAY)
    assert not T.is_amber(point(kind="requirements", due=late31), TODAY)
    assert T.is_amber(point(kind="review", due=TODAY - timedelta(days=8)), TODAY, threshold=7)


def test_phase_complete_needs_every_checkpoint_done_or_dropped_with_reason():
    assert not T.phase_complete([])
    assert T.phase_complete([point("done"), point("dropped", reason="merged into review 2")])
    assert not T.phase_complete([point("done"), point("dropped")])
    assert not T.phase_complete([point("done"), point("in_progress")])


def test_adoption_cycle_runs_from_the_real_go_live():
    real = date(2027, 5, 20)
    points = [point("done", "requirements", actual=date(2027, 3, 1)),
              point("done", "review", actual=real),
              point("planned", "adoption", due=date(2027, 8, 1))]
    assert T.go_live(points) == real
    cycle = T.adoption_cycle(2, points)
    assert [s.key for s in cycle] == ["rigid", "optimise", "solidify", "reoptimise"]
    assert cycle[0].start == real and cycle[0].end == add_months(real, RIGID_MONTHS[2])
    assert T.adoption_cycle(2, [point("in_progress", actual=real), *points]) == ()
    assert T.adoption_cycle(0, points) == ()


statuses = st.sampled_from(T.STATUSES)
days = st.integers(min_value=-400, max_value=400)
points = st.builds(point, statuses, st.sampled_from(["gate", "review", "requirements", "adoption"]),
                   days.map(lambda d: TODAY + timedelta(days=d)),
                   st.none() | days.map(lambda d: TODAY + timedelta(days=d)),
                   st.sampled_from(["", "out of scope"]))


@PROPERTY
@given(st.lists(points, max_size=12), st.integers(min_value=0, max_value=120))
def test_properties_amber_within_overdue_and_closed_never_late(items, threshold):
    late = T.overdue(items, TODAY)
    amber = T.amber_lights(items, TODAY, threshold)
    assert all(a in late for a in amber)
    assert all(p.status not in T.CLOSED for p in late)
    assert [T.days_overdue(p, TODAY) for p in late] == sorted(
        (T.days_overdue(p, TODAY) for p in late), reverse=True)
    assert sum(T.counts(items).values()) == len(items)


@PROPERTY
@given(st.lists(points, min_size=1, max_size=12))
def test_properties_complete_phase_has_nothing_overdue_and_go_live_is_a_real_date(items):
    if T.phase_complete(items):
        assert T.overdue(items, TODAY) == []
    real = T.go_live(items)
    if real is not None:
        assert real in {p.actual for p in items if p.status == "done"}
        assert all(T.is_settled(p) for p in items if p.kind != "adoption")
