"""Crawl / walk / run (METHOD.md section 4): R-CWR-4 technology ahead of processes."""
from __future__ import annotations

import pytest

from readiness.method import levels, scoring
from readiness.method.assess import assess
from readiness.method.definition import Settings
from readiness.method.types import AnswerInput, RespondentInput
from tests.method.levels_helpers import Q, S

# R-CWR-4: technology ahead of processes --------------------------------------------------------

def test_r_cwr_4_exactly_25_points_is_a_red_light():
    """R-CWR-4: B7 75 - B5 50 = 25 >= 25 -> "technology ahead of processes"."""
    findings = levels.technology_ahead({"B5": 50.0, "B7": 75.0}, S)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-CWR-4", "technology-ahead", True)
    assert dict(finding.params) == {"b7": 75, "b5": 50, "margin": 25}
    assert finding.message("en") == ("Technology ahead of processes: Technology 75 exceeds "
                                     "Processes 50 by 25 points or more.")
    assert finding.message("zh") == "技术超前于流程：技术得分 75 比流程得分 50 高出 25 分以上。"
    assert "B7" not in finding.message("en") and "B5" not in finding.message("en")


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
    # R-DATA-2: one respondent -> the red light carries the low-sample count and says so.
    assert len(tech) == 1 and dict(tech[0].params) == {"b7": 50, "b5": 25, "margin": 25, "low_n": 1}
    assert tech[0].message("en") == ("Technology ahead of processes: Technology 50 exceeds "
                                     "Processes 25 by 25 points or more. Based on 1 respondent only.")
    assert tech[0].message("zh").endswith("（仅基于 1 位受访者。）")


def test_r_cwr_4_from_three_respondents_has_no_low_sample_caveat():
    """R-CWR-4 / R-DATA-2: three respondents are no longer a low sample -> no 'low_n', no caveat."""
    respondents = [RespondentInput(i, "it", None) for i in (1, 2, 3)]
    answers = [AnswerInput(i, item, level) for i in (1, 2, 3)
               for item, level in (("B7.3", 5), ("B5.2", 2))]
    result = assess(Q, respondents, scoring.block_sums_from_answers(answers, Q))
    tech = [f for f in result.red_lights if f.rule == "R-CWR-4"]
    assert len(tech) == 1 and dict(tech[0].params) == {"b7": 100, "b5": 25, "margin": 25}
    assert tech[0].message("en").endswith("by 25 points or more.")
