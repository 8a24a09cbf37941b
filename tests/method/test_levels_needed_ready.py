"""Crawl / walk / run (METHOD.md section 4): R-CWR-0 needed level and R-CWR-1 ready level."""
from __future__ import annotations

import pytest

from readiness.method import levels
from readiness.method.definition import Settings
from readiness.method.types import Stat
from tests.method.levels_helpers import (
    CRAWL,
    FIT,
    QUESTIONS,
    RUN,
    WALK,
    Q,
    S,
    _department_scores,
    fit,
    profile,
)

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
