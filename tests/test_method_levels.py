"""Crawl / walk / run: R-CWR-0..4 (METHOD.md section 3) on the pure engine."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from readiness.method import levels, scoring
from readiness.method.assess import assess
from readiness.method.definition import Settings
from readiness.method.loading import load_questionnaire
from readiness.method.types import AnswerInput, DepartmentInput, RespondentInput, Stat

ROOT = Path(__file__).resolve().parents[1]
Q = load_questionnaire(ROOT / "questionnaires" / "crm-readiness.yaml")
S = Q.settings
NONE, CRAWL, WALK, RUN = 0, 1, 2, 3

# One option of each implied level per fit question (R-CWR-0).
FIT = {
    "sales_cycle_stages": {CRAWL: "none", WALK: "defined", RUN: "measured"},
    "parallel_processes": {CRAWL: "single", WALK: "few", RUN: "many"},
    "quotas_slas": {CRAWL: "none", WALK: "targets", RUN: "enforced"},
    "integrations": {CRAWL: "none", WALK: "some", RUN: "many"},
    "sync_frequency": {CRAWL: "manual", WALK: "daily", RUN: "continuous"},
    "customer_volume": {CRAWL: "small", WALK: "medium", RUN: "large"},
}
QUESTIONS = list(FIT)


def fit(*implied: int) -> dict[str, str]:
    """Fit answers implying the given levels, in question order."""
    return {q: FIT[q][level] for q, level in zip(QUESTIONS, implied)}


def stat(mean: float | None) -> Stat:
    return Stat(3, mean, mean, mean, mean, False)


def profile(**means: float) -> dict[str, Stat]:
    return {b: stat(m) for b, m in means.items()}


WALK_READY = profile(B4=50, B5=50, B6=50)
RUN_READY = profile(B4=70, B5=70, B6=70, B8=70, B7=50)


def department(today=NONE, answers=None, cap=None, reason="", id=1, name="Sales"):
    return DepartmentInput(id, name, today, answers or {}, cap, reason)


def codes(result) -> list[str]:
    return [f.code for f in result.reasons]


# R-CWR-0: needed level -------------------------------------------------------------------------

def test_r_cwr_0_questionnaire_has_the_six_fit_questions_with_all_levels():
    """R-CWR-0: sales cycle stages, parallel processes, quotas/SLAs, integrations, sync, volume;
    each question offers crawl, walk and run."""
    assert [f.id for f in Q.fit] == QUESTIONS
    for question in Q.fit:
        assert {o.level for o in question.options} == {"crawl", "walk", "run"}
        for level, option_id in FIT[question.id].items():
            option = next(o for o in question.options if o.id == option_id)
            assert option.level == ("crawl", "walk", "run")[level - 1]


@pytest.mark.parametrize("implied, needed", [
    ((CRAWL,) * 6, CRAWL),                                 # law firm: relationship-led
    ((WALK,) * 6, WALK),
    ((RUN,) * 6, RUN),
    ((CRAWL, CRAWL, CRAWL, CRAWL, RUN, CRAWL), CRAWL),     # one ambitious answer (hourly sync)
    ((CRAWL, CRAWL, WALK, WALK, RUN, RUN), WALK),          # sorted 1,1,2,2,3,3 -> lower median 2
    ((CRAWL, CRAWL, CRAWL, RUN, RUN, RUN), CRAWL),         # 1,1,1,3,3,3 -> lower median 1, not 2
    ((RUN, RUN, RUN, RUN, WALK, CRAWL), RUN),              # 1,2,3,3,3,3 -> 3
    ((RUN, WALK, WALK, RUN, RUN), RUN),                    # five answered: 2,2,3,3,3 -> 3
    ((CRAWL, RUN), CRAWL),                                 # two answered: lower of the two
    ((WALK,), WALK),                                       # one answered
])
def test_r_cwr_0_needed_level_is_lower_median(implied, needed):
    """R-CWR-0: the needed level is the lower median of the levels the fit answers imply."""
    assert levels.needed_level(fit(*implied), Q) == needed


def test_r_cwr_0_unanswered_fit_gives_none():
    """R-CWR-0: no fit answers -> needed level unknown (None)."""
    assert levels.needed_level({}, Q) is None


def test_r_cwr_0_unknown_questions_and_options_are_ignored():
    """R-CWR-0: answers naming no real question or option imply nothing."""
    assert levels.needed_level({"sales_cycle_stages": "sprint", "ambition": "huge"}, Q) is None
    answers = {"sales_cycle_stages": "sprint", "integrations": "many", "sync_frequency": "daily",
               "bogus": "x"}
    # Only integrations (run) and sync (walk) count: 2,3 -> lower median 2.
    assert levels.needed_level(answers, Q) == WALK


def test_r_cwr_0_informal_cycle_is_crawl():
    """R-CWR-0: two to four informal stages imply crawl, like no cycle at all."""
    assert levels.needed_level({"sales_cycle_stages": "informal"}, Q) == CRAWL


# R-CWR-1: ready level --------------------------------------------------------------------------

def test_r_cwr_1_default_prerequisites():
    """R-CWR-1 *defaults*: walk B4, B5, B6 >= 50; run B4, B5, B6, B8 >= 70 and B7 >= 50."""
    for settings in (S, Settings()):
        assert dict(settings.walk_prerequisites) == {"B4": 50, "B5": 50, "B6": 50}
        assert dict(settings.run_prerequisites) == {"B4": 70, "B5": 70, "B6": 70, "B8": 70, "B7": 50}


@pytest.mark.parametrize("scores, ready", [
    ({}, CRAWL),                                                   # nothing scored: crawl
    (dict(B4=50, B5=50, B6=50), WALK),                             # exactly at the walk boundary
    (dict(B4=49.99, B5=50, B6=50), CRAWL),
    (dict(B4=50, B5=49.99, B6=50), CRAWL),
    (dict(B4=50, B5=50, B6=49.99), CRAWL),
    (dict(B4=100, B5=100), CRAWL),                                 # B6 missing
    (dict(B4=70, B5=70, B6=70, B8=70, B7=50), RUN),                # exactly at the run boundary
    (dict(B4=69.99, B5=70, B6=70, B8=70, B7=50), WALK),
    (dict(B4=70, B5=69.99, B6=70, B8=70, B7=50), WALK),
    (dict(B4=70, B5=70, B6=69.99, B8=70, B7=50), WALK),
    (dict(B4=70, B5=70, B6=70, B8=69.99, B7=50), WALK),
    (dict(B4=70, B5=70, B6=70, B8=70, B7=49.99), WALK),
    (dict(B4=100, B5=100, B6=100, B7=100), WALK),                  # B8 missing
    (dict(B4=100, B5=100, B6=100, B8=100, B7=100, B1=0, B2=0), RUN),  # B1-B3 are no prerequisite
    (dict(B4=49, B5=100, B6=100, B8=100, B7=100), CRAWL),          # run blocks met, walk not
])
def test_r_cwr_1_ready_level_thresholds(scores, ready):
    """R-CWR-1: the highest level whose prerequisites the block scores meet."""
    assert levels.ready_level(profile(**scores), S) == ready


def test_r_cwr_1_block_without_score_does_not_meet_a_prerequisite():
    """R-CWR-1 missing data: a cell with n 0 (mean None) is not >= 50."""
    scores = profile(B4=80, B5=80)
    scores["B6"] = Stat(0, None, None, None, None, True)
    assert levels.ready_level(scores, S) == CRAWL


def test_r_cwr_1_prerequisites_are_configurable():
    """R-CWR-1 (*defaults* configurable): walk needing B4 >= 30 only."""
    settings = Settings(walk_prerequisites={"B4": 30})
    assert levels.ready_level(profile(B4=30), settings) == WALK
    assert levels.ready_level(profile(B4=29.9), settings) == CRAWL


def _department_scores(block_answers: dict[str, list[tuple[int, str]]]) -> dict[str, Stat]:
    """Department stats of one respondent from {item: [(level, confidence)]}."""
    rows = [AnswerInput(1, item, level, conf)
            for item, pairs in block_answers.items() for level, conf in pairs]
    sums = scoring.block_sums_from_answers(rows, Q)
    return scoring.grouped_stats(scoring.respondent_scores(sums), {1: 1}, S)[1]


def test_r_cwr_1_boundary_from_real_answers():
    """R-CWR-1 from answers: B4.3, B5.2, B6.3 at level 3 (high) -> 50 each -> walk."""
    scores = _department_scores({"B4.3": [(3, "high")], "B5.2": [(3, "high")],
                                 "B6.3": [(3, "high")]})
    assert [scores[b].mean for b in ("B4", "B5", "B6")] == [50.0, 50.0, 50.0]
    assert levels.ready_level(scores, S) == WALK


def test_r_cwr_1_boundary_survives_float_rounding():
    """R-CWR-1 regression: B4, B5, B6 each answered 1 and 5 with medium confidence on weight-1.0
    items: mean (0.8*1 + 0.8*5) / 1.6 = 3 exactly (float sums give 2.9999999999999996) -> score 50
    -> ready for walk, not crawl."""
    scores = _department_scores({
        "B4.3": [(1, "medium")], "B4.4": [(5, "medium")],
        "B5.2": [(1, "medium")], "B5.3": [(5, "medium")],
        "B6.3": [(1, "medium")], "B6.4": [(5, "medium")],
    })
    assert [scores[b].mean for b in ("B4", "B5", "B6")] == [50.0, 50.0, 50.0]
    assert levels.ready_level(scores, S) == WALK


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
    build = [f for f in result.reasons if f.code == "build-gap"][0]
    assert (build.rule, dict(build.params)) == ("R-CWR-2", {"needed": 3, "ready": 2})
    assert build.message("en") == "Needs run but is ready for walk: the roadmap must build the gap."


def test_r_cwr_2_build_gap_two_levels():
    """R-CWR-2: needs run, ready for crawl -> build gap 2."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6)), {}, Q)
    assert (result.ready, result.recommended, result.build_gap) == (1, 1, 2)


def test_r_cwr_2_no_build_gap_when_ready_exceeds_need():
    """R-CWR-2: ready above need -> build gap 0, no build-gap reason."""
    result = levels.recommend(department(NONE, fit(*(WALK,) * 6)), RUN_READY, Q)
    assert result.build_gap == 0
    assert "build-gap" not in codes(result)


def test_r_cwr_2_above_readiness_steps_down():
    """R-CWR-2: working at run while ready only for crawl -> recommended crawl, stabilise first."""
    result = levels.recommend(department(RUN, fit(*(RUN,) * 6)), {}, Q)
    assert (result.today, result.ready, result.recommended) == (3, 1, 1)
    above = [f for f in result.reasons if f.code == "above-readiness"][0]
    assert (above.rule, dict(above.params)) == ("R-CWR-2", {"today": 3, "ready": 1})
    assert above.message("en").startswith("It works at run today, above the crawl its scores")


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
    profiles = {CRAWL: {}, WALK: WALK_READY, RUN: RUN_READY}
    for today, ready, needed, cap in itertools.product(
            (0, 1, 2, 3), (1, 2, 3), (None, 1, 2, 3), (None, 1, 2, 3)):
        answers = fit(*(needed,) * 6) if needed else {}
        result = levels.recommend(department(today, answers, cap, "why"), profiles[ready], Q)
        expected = min(v for v in (needed, ready, min(today + 1, 3), cap) if v is not None)
        assert result.recommended == expected, (today, ready, needed, cap)
        assert result.recommended <= today + 1
        assert result.build_gap == (max(0, needed - ready) if needed else 0)
        assert result.ready == ready and result.needed == needed


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
    # Finance: no respondents, no fit -> crawl ready, crawl recommended, needed unknown.
    assert (finance.ready, finance.needed, finance.recommended) == (CRAWL, None, CRAWL)
    assert [lv.department_id for lv in result.levels] == [1, 2, 3]


def test_r_cwr_reasons_render_in_both_languages():
    """R-CWR-0..3 reasons: level numbers are shown as level names in en and zh."""
    result = levels.recommend(department(NONE, fit(*(RUN,) * 6), cap=CRAWL, reason="r"), WALK_READY, Q)
    rendered = {f.code: (f.message("en"), f.message("zh")) for f in result.reasons}
    assert rendered["ready"][0] == "Block scores make the department ready for walk."
    assert rendered["needed"][0] == "Its business needs run (use-case fit)."
    assert "跑（驱动）" in rendered["needed"][1]
    assert "爬（基础）" in rendered["capped"][1]


# R-CWR-4: technology ahead of processes --------------------------------------------------------

def test_r_cwr_4_exactly_25_points_is_a_red_light():
    """R-CWR-4: B7 75 - B5 50 = 25 >= 25 -> "technology ahead of processes"."""
    findings = levels.technology_ahead({"B5": 50.0, "B7": 75.0}, S)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-CWR-4", "technology-ahead", True)
    assert dict(finding.params) == {"b7": 75, "b5": 50, "margin": 25}
    assert finding.message("en") == ("Technology ahead of processes: B7 Technology 75 exceeds B5 "
                                     "Processes 50 by 25 points or more.")


@pytest.mark.parametrize("b5, b7", [(50.0, 74.9), (50.0, 50.0), (80.0, 20.0), (0.0, 24.9)])
def test_r_cwr_4_below_margin_no_red_light(b5, b7):
    """R-CWR-4: B7 - B5 = 24.9 (or less, or negative) -> no red light."""
    assert levels.technology_ahead({"B5": b5, "B7": b7}, S) == []


@pytest.mark.parametrize("scores", [{}, {"B5": 0.0}, {"B7": 100.0}, {"B5": None, "B7": 100.0},
                                    {"B5": 0.0, "B7": None}])
def test_r_cwr_4_missing_scores_no_red_light(scores):
    """R-CWR-4 missing data: without both B5 and B7 scored there is no comparison."""
    assert levels.technology_ahead(scores, S) == []


def test_r_cwr_4_message_numbers_agree_with_the_rule():
    """R-CWR-4: B7 62.5 (mean level 3.5) and B5 37.5 (2.5) are exactly 25 apart -> red light; the
    numbers the message shows must themselves be at least 25 apart."""
    finding = levels.technology_ahead({"B5": 37.5, "B7": 62.5}, S)[0]
    assert finding.params["b7"] - finding.params["b5"] >= finding.params["margin"]


def test_r_cwr_4_margin_is_configurable():
    """R-CWR-4 (*default* 25): margin 10 -> B7 60 vs B5 50 is a red light."""
    finding = levels.technology_ahead({"B5": 50.0, "B7": 60.0}, Settings(tech_ahead_margin=10))
    assert finding[0].params["margin"] == 10


def test_r_cwr_4_boundary_from_real_answers_survives_float_rounding():
    """R-CWR-4 regression via assess: B7 (0.8*1 + 0.8*5)/1.6 = 3 -> 50 (float sums give
    49.999999999999986 unless rounded), B5 at level 2 -> 25: gap exactly 25 -> red light."""
    answers = [AnswerInput(1, "B7.3", 1, "medium"), AnswerInput(1, "B7.4", 5, "medium"),
               AnswerInput(1, "B5.2", 2)]
    result = assess(Q, [RespondentInput(1, "it", None)], scoring.block_sums_from_answers(answers, Q))
    assert result.blocks["B7"].score == 50.0 and result.blocks["B5"].score == 25.0
    tech = [f for f in result.red_lights if f.rule == "R-CWR-4"]
    assert len(tech) == 1 and dict(tech[0].params) == {"b7": 50, "b5": 25, "margin": 25}
