"""Crawl / walk / run (METHOD.md section 4): R-CWR-2 recommended level and R-CWR-3 the
consultant's cap."""
from __future__ import annotations

import itertools

from readiness.method import levels, scoring
from readiness.method.assess import assess
from readiness.method.types import AnswerInput, DepartmentInput, RespondentInput, Stat
from tests.method.levels_helpers import (
    CRAWL,
    CRAWL_READY,
    NONE,
    RUN,
    RUN_READY,
    WALK,
    WALK_READY,
    Q,
    codes,
    department,
    fit,
)

# R-CWR-2: recommended = min(needed, ready, today + 1) ------------------------------------------

def test_r_cwr_2_never_skips_a_level():
    """R-CWR-2: a department at none, ready and needing run, is recommended crawl (today + 1)."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6)), RUN_READY, Q)
    assert (result.today, result.needed, result.ready, result.recommended) == (0, 3, 3, 1)
    assert result.build_gap == 0
    assert codes(result) == ["ready", "needed", "no-skipping"]
    no_skip = result.reasons[2]
    assert (no_skip.rule, dict(no_skip.params)) == ("R-CWR-2", {"today": 0})
    assert no_skip.message("en") == "It works at none today; no level is skipped."


def test_r_cwr_2_next_step_from_walk_is_run():
    """R-CWR-2: at walk today, ready and needing run -> run."""
    result = levels.recommend(department(WALK, fit(*(RUN,) * 6)), RUN_READY, Q)
    assert result.recommended == RUN
    assert "no-skipping" not in codes(result)


def test_r_cwr_2_needed_binds():
    """R-CWR-2: the business needs crawl -> crawl, even when ready for run."""
    result = levels.recommend(department(CRAWL, fit(*(CRAWL,) * 6)), RUN_READY, Q)
    assert (result.needed, result.ready, result.recommended) == (1, 3, 1)
    assert codes(result) == ["ready", "needed"]


def test_r_cwr_2_ready_binds_and_build_gap():
    """R-CWR-2: needs run, ready for walk, at walk today -> walk; the roadmap must build 1 level."""
    result = levels.recommend(department(WALK, fit(*(RUN,) * 6)), WALK_READY, Q)
    assert (result.needed, result.ready, result.recommended, result.build_gap) == (3, 2, 2, 1)
    build = next(f for f in result.reasons if f.code == "build-gap")
    assert (build.rule, dict(build.params)) == ("R-CWR-2", {"needed": 3, "ready": 2})
    assert build.message("en") == "Needs run but is ready for walk: the roadmap must build the gap."


def test_r_cwr_2_build_gap_two_levels():
    """R-CWR-2: needs run, ready for crawl -> build gap 2."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6)), CRAWL_READY, Q)
    assert (result.ready, result.recommended, result.build_gap) == (1, 1, 2)
    build = [f for f in result.reasons if f.code == "build-gap"]
    assert len(build) == 1 and dict(build[0].params) == {"needed": 3, "ready": 1}


def test_r_cwr_2_build_gap_without_data_is_not_a_reason():
    """R-DATA-1: no scored answers -> the department is planned at crawl (build gap still counted
    for the roadmap) but no 'build-gap' reason is stated from scores it does not have."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6)), {}, Q)
    assert (result.scored, result.n, result.low_sample) == (False, 0, False)
    assert (result.ready, result.recommended, result.build_gap) == (1, 1, 2)
    assert codes(result) == ["no-data-department", "needed"]
    assert result.reasons[0].rule == "R-DATA-1"


def test_r_cwr_2_no_build_gap_when_ready_exceeds_need():
    """R-CWR-2: ready above need -> build gap 0, no build-gap reason."""
    result = levels.recommend(department(NONE, fit(*(WALK,) * 6)), RUN_READY, Q)
    assert result.build_gap == 0
    assert "build-gap" not in codes(result)


def test_r_cwr_2_above_readiness_steps_down():
    """R-CWR-2: working at run while ready only for crawl -> recommended crawl, stabilise first."""
    result = levels.recommend(department(RUN, fit(*(RUN,) * 6)), CRAWL_READY, Q)
    assert (result.today, result.ready, result.recommended) == (3, 1, 1)
    assert codes(result) == ["ready", "needed", "above-readiness", "build-gap"]
    above = next(f for f in result.reasons if f.code == "above-readiness")
    assert (above.rule, dict(above.params)) == ("R-CWR-2", {"today": 3, "ready": 1})
    assert above.message("en") == ("It works at run today, above the crawl its scores support: "
                                   "stabilise before moving on.")


def test_r_cwr_2_above_readiness_needs_data():
    """R-DATA-1: working at run with no scored answers -> still recommended crawl (crawl needs
    no prerequisites), but no 'above-readiness' or 'build-gap' reason: no conclusion without data."""
    result = levels.recommend(department(RUN, fit(*(RUN,) * 6)), {}, Q)
    assert (result.today, result.ready, result.recommended, result.scored) == (3, 1, 1, False)
    assert codes(result) == ["no-data-department", "needed"]
    no_data = result.reasons[0]
    assert (no_data.rule, dict(no_data.params)) == ("R-DATA-1", {})
    assert no_data.message("en") == ("No answers from this department yet: its readiness is not "
                                     "known, so only crawl, which needs no prerequisites, can be "
                                     "planned.")
    assert not any("scores" in f.message("en") for f in result.reasons)


def test_r_data_2_low_sample_level_reason_follows_ready():
    """R-DATA-2: a department scored by fewer than 3 respondents gets 'low-sample-level' right
    after 'ready', with n; 3 respondents do not."""
    for n, expected in ((1, "1 respondent"), (2, "2 respondents")):
        scores = {b: Stat(n, 50.0, 50.0, 50.0, 50.0, True) for b in ("B4", "B5", "B6")}
        result = levels.recommend(department(CRAWL, fit(*(WALK,) * 6)), scores, Q)
        assert (result.scored, result.n, result.low_sample) == (True, n, True)
        assert codes(result) == ["ready", "low-sample-level", "needed"]
        low = result.reasons[1]
        assert (low.rule, dict(low.params)) == ("R-DATA-2", {"n": n})
        assert low.message("en") == f"Based on {expected} only: confirm with more answers before acting on it."
        assert f"仅基于 {n} 位受访者" in low.message("zh")
    result = levels.recommend(department(CRAWL, fit(*(WALK,) * 6)), WALK_READY, Q)
    assert (result.n, result.low_sample) == (3, False)
    assert codes(result) == ["ready", "needed"]


def test_r_cwr_2_run_today_stays_run():
    """R-CWR-2: today + 1 never goes beyond run."""
    result = levels.recommend(department(RUN, fit(*(RUN,) * 6)), RUN_READY, Q)
    assert result.recommended == RUN
    assert codes(result) == ["ready", "needed"]


def test_r_cwr_2_fit_unanswered():
    """R-CWR-0/2: no fit answers -> needed None, recommended min(ready, today + 1), no build gap."""
    result = levels.recommend(department(CRAWL), WALK_READY, Q)
    assert (result.needed, result.ready, result.recommended, result.build_gap) == (None, 2, 2, 0)
    assert codes(result) == ["ready", "fit-unanswered"]
    assert result.reasons[1].rule == "R-CWR-0"


def test_r_cwr_2_recommendation_over_every_combination():
    """R-CWR-2/3 exhaustively: recommended = min(needed, ready, today + 1, cap), never more than
    one level above today, and the build gap is needed - ready when positive."""
    profiles = {CRAWL: CRAWL_READY, WALK: WALK_READY, RUN: RUN_READY}
    for today, ready, needed, cap in itertools.product(
            (0, 1, 2, 3), (1, 2, 3), (None, 1, 2, 3), (None, 1, 2, 3)):
        answers = fit(*(needed,) * 6) if needed else {}
        result = levels.recommend(department(today, answers, cap, "why"), profiles[ready], Q)
        expected = min(v for v in (needed, ready, min(today + 1, 3), cap) if v is not None)
        assert result.recommended == expected, (today, ready, needed, cap)
        assert result.recommended <= today + 1
        assert result.build_gap == (max(0, needed - ready) if needed else 0)
        assert result.ready == ready and result.needed == needed
        if ready == CRAWL:  # R-DATA-1: no data plans like crawl-ready but states no score reason
            no_data = levels.recommend(department(today, answers, cap, "why"), {}, Q)
            assert (no_data.recommended, no_data.build_gap) == (result.recommended, result.build_gap)
            assert codes(no_data)[0] == "no-data-department"
            assert not {"ready", "above-readiness", "build-gap"} & set(codes(no_data))


# R-CWR-3: consultant's cap ---------------------------------------------------------------------

def test_r_cwr_3_capped_department_stops_at_its_cap_with_the_reason():
    """R-CWR-3: at walk, ready and needing run, capped at walk -> stays at walk; reason reported."""
    reason = "Legal advice stays relationship-led"
    result = levels.recommend(department(WALK, fit(*(RUN,) * 6), cap=WALK, reason=reason), RUN_READY, Q)
    assert result.recommended == WALK
    assert (result.cap, result.cap_reason) == (WALK, reason)
    capped = [f for f in result.reasons if f.code == "capped"]
    assert len(capped) == 1
    assert capped[0].rule == "R-CWR-3"
    assert dict(capped[0].params) == {"level": WALK, "reason": reason}
    assert capped[0].message("en") == f"Capped at walk by the consultant: {reason}"
    assert reason in capped[0].message("zh") and "走（协同）" in capped[0].message("zh")


def test_r_cwr_3_cap_below_today():
    """R-CWR-3: a run department capped at crawl is recommended crawl."""
    result = levels.recommend(department(RUN, fit(*(RUN,) * 6), cap=CRAWL, reason="r"), RUN_READY, Q)
    assert result.recommended == CRAWL
    assert "capped" in codes(result)


def test_r_cwr_3_cap_that_does_not_bind_is_kept_but_not_a_reason():
    """R-CWR-3: cap run while the next step is walk -> walk; cap kept on the result."""
    result = levels.recommend(department(CRAWL, fit(*(RUN,) * 6), cap=RUN, reason="r"), RUN_READY, Q)
    assert result.recommended == WALK
    assert (result.cap, result.cap_reason) == (RUN, "r")
    assert "capped" not in codes(result)


def test_r_cwr_3_departments_sit_at_different_levels_in_assess():
    """R-CWR-3 via assess: two departments, one capped; each gets its own level from its own
    respondents' scores."""
    respondents = [RespondentInput(1, "front_line", 1), RespondentInput(2, "it", 2)]
    answers = ([AnswerInput(1, f"{b}.3", 5) for b in ("B4", "B5", "B6", "B7", "B8")]
               + [AnswerInput(2, f"{b}.3", 3) for b in ("B4", "B5", "B6")])
    departments = [
        DepartmentInput(1, "Service", RUN - 1, fit(*(RUN,) * 6), cap=WALK, cap_reason="one team"),
        DepartmentInput(2, "Sales", CRAWL, fit(*(RUN,) * 6)),
        DepartmentInput(3, "Finance", NONE, {}),
    ]
    result = assess(Q, respondents, scoring.block_sums_from_answers(answers, Q), departments)
    service, sales, finance = result.levels
    # Service: B4-B8 at 100 -> ready run; capped at walk -> walk.
    assert (service.ready, service.recommended, service.cap_reason) == (RUN, WALK, "one team")
    assert "capped" in codes(service)
    # Sales: B4-B6 at 50 -> ready walk; at crawl today -> walk; needs run -> build gap 1.
    assert (sales.ready, sales.recommended, sales.build_gap) == (WALK, WALK, 1)
    # One respondent each: the level reasons carry the R-DATA-2 caveat right after 'ready'.
    for level in (service, sales):
        assert (level.scored, level.n, level.low_sample) == (True, 1, True)
        assert codes(level)[:2] == ["ready", "low-sample-level"]
    # Finance: no respondents, no fit -> crawl ready, crawl recommended, needed unknown; R-DATA-1:
    # no data, so no 'ready' reason from scores it does not have.
    assert (finance.ready, finance.needed, finance.recommended) == (CRAWL, None, CRAWL)
    assert (finance.scored, finance.n, finance.low_sample) == (False, 0, False)
    assert codes(finance) == ["no-data-department", "fit-unanswered"]
    assert [lv.department_id for lv in result.levels] == [1, 2, 3]


def test_r_cwr_reasons_render_in_both_languages():
    """R-CWR-0..3 reasons: level numbers are shown as level names in en and zh."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6), cap=CRAWL, reason="r"), WALK_READY, Q)
    rendered = {f.code: (f.message("en"), f.message("zh")) for f in result.reasons}
    assert rendered["ready"][0] == "Block scores make the department ready for walk."
    assert rendered["needed"][0] == "Its business needs run (use-case fit)."
    assert "跑（驱动）" in rendered["needed"][1]
    assert "爬（基础）" in rendered["capped"][1]
