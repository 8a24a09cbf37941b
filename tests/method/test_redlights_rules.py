"""Red lights R-RED-1..5 (METHOD.md section 5) on the pure engine."""
from __future__ import annotations

import pytest

from readiness.method import redlights
from readiness.method.definition import Settings
from readiness.method.types import EngagementFacts, Finding
from tests.method.redlight_helpers import Q, S

# R-RED-1: CRM before strategy ----------------------------------------------------------------

def test_r_red_1_low_vision_is_a_red_light():
    """R-RED-1: B1 30 < 40 -> "CRM before strategy"; B2 at 60 is not named."""
    findings = redlights.crm_before_strategy({"B1": 30.0, "B2": 60.0}, S)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-RED-1", "crm-before-strategy", True)
    assert dict(finding.params) == {"low_blocks": (("B1", 30),), "limit": 40}
    assert finding.message("en") == "CRM before strategy: Vision 30 (below 40). Buy no technology yet."
    assert finding.message("zh") == "先有 CRM 后有战略：愿景 30（低于 40）。暂不采购任何技术。"


def test_r_red_1_low_strategy_only():
    """R-RED-1: B2 alone below 40 is enough; 12.5 shows rounded half up, as every message does."""
    findings = redlights.crm_before_strategy({"B1": 90.0, "B2": 12.5}, S)
    assert findings[0].params["low_blocks"] == (("B2", 13),)
    assert findings[0].message("en").startswith("CRM before strategy: Strategy 13 (below 40).")


def test_r_red_1_both_blocks_named():
    """R-RED-1: both B1 and B2 below 40 -> one red light naming both, rounded."""
    findings = redlights.crm_before_strategy({"B1": 20.2, "B2": 35.0}, S)
    assert len(findings) == 1
    assert findings[0].params["low_blocks"] == (("B1", 20), ("B2", 35))
    assert findings[0].message("en") == ("CRM before strategy: Vision 20 and Strategy 35 (below 40). "
                                         "Buy no technology yet.")
    assert findings[0].message("zh").startswith("先有 CRM 后有战略：愿景 20、战略 35（低于 40）")


@pytest.mark.parametrize("scores", [
    {"B1": 40.0, "B2": 40.0},          # exactly 40 is not below 40
    {"B1": 100.0, "B2": 40.0},
    {},                                # missing data: no scores, no red light
    {"B1": None, "B2": None},
    {"B1": None, "B2": 75.0},
])
def test_r_red_1_not_raised(scores):
    """R-RED-1: at or above 40, or without a score, no red light."""
    assert redlights.crm_before_strategy(scores, S) == []


def test_r_red_1_just_below_40_is_raised():
    """R-RED-1 boundary: 39.99 is below 40."""
    assert redlights.crm_before_strategy({"B1": 39.99}, S)[0].rule == "R-RED-1"


def test_r_red_1_threshold_is_configurable():
    """R-RED-1: with the threshold at 50, B1 45 is a red light."""
    findings = redlights.crm_before_strategy({"B1": 45.0}, Settings(red_strategy_threshold=50))
    assert findings[0].params == {"low_blocks": (("B1", 45),), "limit": 50}
    assert "Vision 45 (below 50)" in findings[0].message("en")


def test_r_red_1_and_2_message_score_agrees_with_the_rule():
    """R-RED-1/2: a score of 39.6 is below 40; the score the message shows must be too."""
    red1 = redlights.crm_before_strategy({"B1": 39.6}, S)[0]
    (block, shown), = red1.params["low_blocks"]
    assert block == "B1" and shown < red1.params["limit"]
    assert f"Vision {shown} (below 40)" in red1.message("en")
    red2 = redlights.change_not_led({"B4": 39.6}, S)[0]
    assert red2.params["b4"] < red2.params["limit"]


def test_r_red_1_and_2_limits_render_as_whole_numbers():
    """R-RED-1/2 with the built-in questionnaire: '(below 40)', like the other messages."""
    assert redlights.change_not_led({"B4": 25.0}, S)[0].message("en") == (
        "Change is not led: Organisational collaboration 25 (below 40). 87% of CRM failures "
        "are change management.")
    assert "(below 40)" in redlights.crm_before_strategy({"B1": 30.0}, S)[0].message("en")


# R-RED-2: change is not led ------------------------------------------------------------------

def test_r_red_2_low_collaboration_is_a_red_light():
    """R-RED-2: B4 25 < 40 -> change is not led."""
    findings = redlights.change_not_led({"B4": 25.0}, S)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-RED-2", "change-not-led", True)
    assert finding.params["b4"] == 25 and finding.params["limit"] == 40
    assert "87%" in finding.message("en") and "Organisational collaboration 25" in finding.message("en")
    assert "B4" not in finding.message("en")
    assert finding.message("zh").startswith("变革缺乏领导：组织协作得分 25（低于 40）")


@pytest.mark.parametrize("scores", [{"B4": 40.0}, {"B4": 90.0}, {}, {"B4": None}])
def test_r_red_2_not_raised(scores):
    """R-RED-2: exactly 40 is not below 40; no B4 score -> no red light."""
    assert redlights.change_not_led(scores, S) == []


def test_r_red_2_just_below_40_is_raised():
    """R-RED-2 boundary: 39.9 is below 40."""
    assert len(redlights.change_not_led({"B4": 39.9}, S)) == 1


# R-RED-3: sponsor ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["", "   "])
def test_r_red_3_no_sponsor_named(name):
    """R-RED-3: no executive sponsor named (blank counts as none)."""
    findings = redlights.no_sponsor(EngagementFacts(sponsor_name=name, sponsor_hours_per_month=5))
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-3", "no-sponsor", True)]


@pytest.mark.parametrize("hours", [None, 0, 0.0])
def test_r_red_3_sponsor_gives_no_time(hours):
    """R-RED-3: a named sponsor with no time (0, or none recorded) is a red light."""
    findings = redlights.no_sponsor(EngagementFacts(sponsor_name="Mei Chen",
                                                    sponsor_hours_per_month=hours))
    assert [(f.rule, f.code) for f in findings] == [("R-RED-3", "sponsor-no-time")]
    assert findings[0].message("en") == "The sponsor, Mei Chen, commits no time."
    assert "Mei Chen" in findings[0].message("zh")


@pytest.mark.parametrize("hours", [0.5, 4, 20])
def test_r_red_3_sponsor_with_time_is_fine(hours):
    """R-RED-3: a named sponsor giving some time -> no red light."""
    assert redlights.no_sponsor(EngagementFacts(sponsor_name="Mei Chen",
                                                sponsor_hours_per_month=hours)) == []


# R-RED-4: IT-only team -----------------------------------------------------------------------

def test_r_red_4_no_team_named_yet():
    """R-RED-4: an empty team is a red light too, said as it is (not "IT-only, 0 members")."""
    findings = redlights.it_only_team(EngagementFacts())
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-4", "no-team", True)]
    assert findings[0].message("en") == ("No project team named yet: name business-side members "
                                         "before anything else.")


@pytest.mark.parametrize("sides, members", [(("it",), 1), (("it", "it", "it"), 3)])
def test_r_red_4_it_only_team(sides, members):
    """R-RED-4: no business-side member -> red light."""
    findings = redlights.it_only_team(EngagementFacts(team_sides=sides))
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-4", "it-only-team", True)]
    assert findings[0].params == {"members": members}
    noun = "member" if members == 1 else "members"
    assert findings[0].message("en") == (f"IT-only project team: no business-side member "
                                         f"({members} {noun}).")
    assert findings[0].message("zh") == f"项目团队只有 IT：没有业务方成员（共 {members} 人）。"


@pytest.mark.parametrize("sides", [("business",), ("it", "business"), ("business", "business")])
def test_r_red_4_business_member_clears_it(sides):
    """R-RED-4: one business-side member is enough."""
    assert redlights.it_only_team(EngagementFacts(team_sides=sides)) == []


# R-RED-5: guessing instead of asking ---------------------------------------------------------

@pytest.mark.parametrize("mean, shown", [(1.0, 1.0), (2.94, 2.9), (2.99, 3.0)])
def test_r_red_5_guessing(mean, shown):
    """R-RED-5: customer-input items below 'defined' (mean < 3) -> red light."""
    findings = redlights.guessing_not_asking(EngagementFacts(customer_input_mean=mean))
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-5", "guessing", True)]
    assert findings[0].params == {"mean": shown}
    assert findings[0].message("en") == ("Guessing instead of asking: customers' own input does not "
                                         f"inform vision and value proposition (mean level {shown}).")


def test_r_red_5_unanswered_customer_input_is_no_evidence():
    """R-RED-5 / R-DATA-1: customer-input items unanswered (mean None) -> no red light: no answers
    is no evidence either way."""
    assert redlights.guessing_not_asking(EngagementFacts()) == []
    assert redlights.guessing_not_asking(EngagementFacts(customer_input_mean=None)) == []


def test_r_red_5_missing_mean_renders_a_dash():
    """R-RED-5 rendering: a finding without a mean (as older stored findings may carry) shows "—"
    rather than "None"."""
    finding = Finding("R-RED-5", "guessing", {"mean": None}, red=True)
    assert finding.message("en").endswith("(mean level —).")
    assert "—" in finding.message("zh") and "None" not in finding.message("zh")


@pytest.mark.parametrize("mean", [3.0, 3.5, 5.0])
def test_r_red_5_customers_asked(mean):
    """R-RED-5: mean level 3 ('defined') or more -> no red light."""
    assert redlights.guessing_not_asking(EngagementFacts(customer_input_mean=mean)) == []


def test_r_red_5_questionnaire_marks_customer_input_items_in_b1_and_b3():
    """R-RED-5: the built-in questionnaire marks customer-input items in B1 and B3."""
    marked = {item_id for item_id, (_, _, ci) in Q.item_index().items() if ci}
    assert marked == {"B1.2", "B1.6", "B3.2", "B3.3"}
