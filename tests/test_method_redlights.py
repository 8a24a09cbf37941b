"""Red lights R-RED-1..5 (METHOD.md section 5), the whole `assess()` on a hand-built engagement,
and every finding message in English and Chinese."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.method import levels, pains, redlights, scoring, texts
from readiness.method.assess import assess
from readiness.method.definition import Settings
from readiness.method.loading import load_questionnaire
from readiness.method.types import (AnswerInput, DepartmentInput, EngagementFacts, Finding,
                                    PainInput, RespondentInput, Stat)

ROOT = Path(__file__).resolve().parents[1]
Q = load_questionnaire(ROOT / "questionnaires" / "crm-readiness.yaml")
S = Q.settings
A = AnswerInput
CJK = re.compile(r"[\u4e00-\u9fff]")


# R-RED-1: CRM before strategy ----------------------------------------------------------------

def test_r_red_1_low_vision_is_a_red_light():
    """R-RED-1: B1 30 < 40 -> "CRM before strategy"; B2 at 60 is not named."""
    findings = redlights.crm_before_strategy({"B1": 30.0, "B2": 60.0}, S)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.code, finding.red) == ("R-RED-1", "crm-before-strategy", True)
    assert finding.params["blocks"] == "B1 30"
    assert finding.params["limit"] == 40
    assert finding.message("en").startswith("CRM before strategy: B1 30 (below 40")
    assert finding.message("en").endswith("Buy no technology yet.")


def test_r_red_1_low_strategy_only():
    """R-RED-1: B2 alone below 40 is enough; 12.5 shows rounded half up, as every message does."""
    findings = redlights.crm_before_strategy({"B1": 90.0, "B2": 12.5}, S)
    assert findings[0].params["blocks"] == "B2 13"


def test_r_red_1_both_blocks_named():
    """R-RED-1: both B1 and B2 below 40 -> one red light naming both, rounded."""
    findings = redlights.crm_before_strategy({"B1": 20.2, "B2": 35.0}, S)
    assert len(findings) == 1
    assert findings[0].params["blocks"] == "B1 20, B2 35"


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
    assert findings[0].params == {"blocks": "B1 45", "limit": 50}


def test_r_red_1_and_2_message_score_agrees_with_the_rule():
    """R-RED-1/2: a score of 39.6 is below 40; the score the message shows must be too."""
    red1 = redlights.crm_before_strategy({"B1": 39.6}, S)[0]
    shown = float(red1.params["blocks"].split()[1])
    assert shown < red1.params["limit"]
    red2 = redlights.change_not_led({"B4": 39.6}, S)[0]
    assert red2.params["b4"] < red2.params["limit"]


def test_r_red_1_and_2_limits_render_as_whole_numbers():
    """R-RED-1/2 with the built-in questionnaire: '(below 40)', like the other messages."""
    assert redlights.change_not_led({"B4": 25.0}, S)[0].message("en") == (
        "Change is not led: B4 Organisational collaboration 25 (below 40). 87% of CRM failures "
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
    assert "87%" in finding.message("en") and "B4 Organisational collaboration 25" in finding.message("en")


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

@pytest.mark.parametrize("sides, members", [((), 0), (("it",), 1), (("it", "it", "it"), 3)])
def test_r_red_4_it_only_team(sides, members):
    """R-RED-4: no business-side member (an empty team included) -> red light."""
    findings = redlights.it_only_team(EngagementFacts(team_sides=sides))
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-4", "it-only-team", True)]
    assert findings[0].params == {"members": members}
    assert findings[0].message("en") == (f"IT-only project team: no business-side member "
                                         f"({members} members).")


@pytest.mark.parametrize("sides", [("business",), ("it", "business"), ("business", "business")])
def test_r_red_4_business_member_clears_it(sides):
    """R-RED-4: one business-side member is enough."""
    assert redlights.it_only_team(EngagementFacts(team_sides=sides)) == []


# R-RED-5: guessing instead of asking ---------------------------------------------------------

@pytest.mark.parametrize("mean, shown", [(None, None), (1.0, 1.0), (2.94, 2.9), (2.99, 3.0)])
def test_r_red_5_guessing(mean, shown):
    """R-RED-5: customer-input items below 'defined' (mean < 3) or unanswered -> red light."""
    findings = redlights.guessing_not_asking(EngagementFacts(customer_input_mean=mean))
    assert [(f.rule, f.code, f.red) for f in findings] == [("R-RED-5", "guessing", True)]
    assert findings[0].params == {"mean": shown}


def test_r_red_5_missing_mean_renders_a_dash():
    """R-RED-5 missing data: the message shows "—" for an unknown mean."""
    finding = redlights.guessing_not_asking(EngagementFacts())[0]
    assert finding.message("en").endswith("(mean level —).")
    assert "—" in finding.message("zh")


@pytest.mark.parametrize("mean", [3.0, 3.5, 5.0])
def test_r_red_5_customers_asked(mean):
    """R-RED-5: mean level 3 ('defined') or more -> no red light."""
    assert redlights.guessing_not_asking(EngagementFacts(customer_input_mean=mean)) == []


def test_r_red_5_questionnaire_marks_customer_input_items_in_b1_and_b3():
    """R-RED-5: the built-in questionnaire marks customer-input items in B1 and B3."""
    marked = {item_id for item_id, (_, _, ci) in Q.item_index().items() if ci}
    assert marked == {"B1.2", "B1.6", "B3.2", "B3.3"}


# assess() end-to-end -------------------------------------------------------------------------

RESPONDENTS = [
    RespondentInput(1, "executive", 10),
    RespondentInput(2, "front_line", 10),
    RespondentInput(3, "it", 20),
    RespondentInput(4, "manager", None),
]
ANSWERS = [
    # executive: B1 5 -> 100, B2 don't know, B4 2 -> 25, B5 3 -> 50, B7 5 -> 100
    A(1, "B1.1", 5), A(1, "B1.3", 5, "low"), A(1, "B2.1", None), A(1, "B4.1", 2), A(1, "B5.1", 3),
    A(1, "B7.1", 5),
    # front line: B1 3 -> 50, B2 don't know, B4 1 -> 0, B5 2 -> 25, B7 4 -> 75
    A(2, "B1.1", 3), A(2, "B2.1", None), A(2, "B4.1", 1), A(2, "B5.1", 2), A(2, "B7.1", 4),
    # IT: B1 2 -> 25, B2 1 -> 0, B4 3 -> 50, B5 3 -> 50, B6 3 -> 50, B7 5 -> 100
    A(3, "B1.1", 2), A(3, "B2.1", 1), A(3, "B4.1", 3), A(3, "B5.1", 3), A(3, "B6.1", 3),
    A(3, "B7.1", 5),
    # manager (no department): B1 1 -> 0, B6 4 -> 75
    A(4, "B1.1", 1), A(4, "B6.1", 4, "medium"),
]
DEPARTMENTS = [
    DepartmentInput(10, "Sales", 0, {q.id: next(o.id for o in q.options if o.level == "walk")
                                     for q in Q.fit}),
    DepartmentInput(20, "Service", 1, {q.id: next(o.id for o in q.options if o.level == "run")
                                       for q in Q.fit},
                    cap=1, cap_reason="Service stays a filing cabinet this year"),
]
PAINS = [
    PainInput(1, "Leads lost between shows and sales", 4, 5, 2),    # 22
    PainInput(2, "Nobody knows the order status", 5, 3, 3),          # 18, severity 5
    PainInput(3, "Quotes take a week", 3, 4, 6),                     # 18, severity 3
    PainInput(4, "Duplicate customer records", 2, 2, 0),             # 4
]
FACTS = EngagementFacts(sponsor_name="Ada Lovelace", sponsor_hours_per_month=4,
                        team_sides=("it", "it"), customer_input_mean=2.0)


@pytest.fixture(scope="module")
def engagement():
    sums = scoring.block_sums_from_answers(ANSWERS, Q)
    return assess(Q, RESPONDENTS, sums, DEPARTMENTS, PAINS, FACTS)


def test_assess_block_scores(engagement):
    """R-SCORE-1/2 end-to-end: B1 [100, 50, 25, 0], B4 [25, 0, 50], B5 [50, 25, 50],
    B6 [50, 75], B7 [100, 75, 100], B2 [0]; B3 and B8 unanswered."""
    blocks = engagement.blocks
    b1 = blocks["B1"].stat
    assert (b1.n, b1.mean, b1.median, b1.q1, b1.q3, b1.low_sample) == pytest.approx(
        (4, 43.75, 37.5, 18.75, 62.5, False))
    assert blocks["B2"].stat.n == 1 and blocks["B2"].score == 0.0 and blocks["B2"].stat.low_sample
    assert blocks["B4"].score == pytest.approx(25.0)
    assert blocks["B4"].stat.median == pytest.approx(25.0)
    assert blocks["B5"].score == pytest.approx(125 / 3)
    assert blocks["B6"].score == pytest.approx(62.5)
    assert blocks["B7"].score == pytest.approx(275 / 3)
    assert blocks["B3"].score is None and blocks["B8"].score is None
    assert engagement.respondents == 4


def test_assess_overall(engagement):
    """R-SCORE-3: (43.75 + 0 + 25 + 125/3 + 62.5 + 275/3) / 6 = 44.097 (B3, B8 unscored)."""
    expected = (43.75 + 0 + 25 + 125 / 3 + 62.5 + 275 / 3) / 6
    assert engagement.overall == pytest.approx(expected)
    assert engagement.overall == pytest.approx(44.0972, abs=1e-4)


def test_assess_dont_know_rate(engagement):
    """R-SCORE-4: B2 has 2 "don't know" of 3 answers = 67% -> flagged; B1 has none."""
    assert engagement.blocks["B2"].dont_know_rate == pytest.approx(2 / 3)
    assert engagement.blocks["B2"].dont_know_flag is True
    assert engagement.blocks["B1"].dont_know_rate == 0.0
    assert engagement.blocks["B1"].dont_know_flag is False


def test_assess_groups(engagement):
    """R-SCORE-2: by department (the manager has none) and by role."""
    assert set(engagement.by_department) == {10, 20}
    sales = engagement.by_department[10]
    assert (sales["B4"].n, sales["B4"].mean, sales["B4"].low_sample) == (2, 12.5, True)
    assert sales["B2"].n == 0  # only "don't know" in sales
    assert engagement.by_department[20]["B6"].mean == pytest.approx(50.0)
    assert set(engagement.by_role) == {"executive", "front_line", "it", "manager"}
    assert engagement.by_role["manager"]["B6"].mean == pytest.approx(75.0)
    assert engagement.by_role["executive"]["B1"].mean == pytest.approx(100.0)


def test_assess_gaps(engagement):
    """R-GAP-1: B1 exec 5 / front line 3 / IT 2 -> 3.0; B4 2/1/3 -> 2.0 (IT high, front line
    low); B5 3/2/3 -> 1.0; B7 5/4/5 -> 1.0; B2 and B6 have one compared role only."""
    gaps = {g.block_id: g for g in engagement.gaps}
    assert list(gaps) == ["B1", "B4", "B5", "B7"]
    assert (gaps["B1"].high_role, gaps["B1"].low_role, gaps["B1"].gap) == ("executive", "it", 3.0)
    assert (gaps["B4"].high_role, gaps["B4"].low_role, gaps["B4"].gap) == ("it", "front_line", 2.0)
    assert (gaps["B5"].high_role, gaps["B5"].low_role, gaps["B5"].gap) == ("it", "front_line", 1.0)
    assert (gaps["B7"].high_role, gaps["B7"].low_role, gaps["B7"].gap) == ("it", "front_line", 1.0)
    assert all(g.flagged for g in gaps.values())
    assert "manager" not in gaps["B1"].role_means


def test_assess_levels(engagement):
    """R-CWR-0..3: Sales needs walk, B4 12.5 -> ready crawl, recommended crawl, build gap 1;
    Service needs run, B4-B6 at 50 -> ready walk, capped at crawl with the reason."""
    sales, service = engagement.levels
    assert (sales.department_id, sales.name) == (10, "Sales")
    assert (sales.today, sales.needed, sales.ready, sales.recommended, sales.build_gap) == (
        0, 2, 1, 1, 1)
    assert [f.code for f in sales.reasons] == ["ready", "needed", "build-gap"]
    assert (service.today, service.needed, service.ready, service.recommended, service.build_gap) == (
        1, 3, 2, 1, 1)
    capped = [f for f in service.reasons if f.code == "capped"][0]
    assert capped.rule == "R-CWR-3"
    assert capped.params["reason"] == "Service stays a filing cabinet this year"


def test_assess_pains(engagement):
    """R-PAIN-1/2: priorities 22, 18 (severity 5), 18, 4 -> ranks 1, 2, 2, 4; top 3 key, no flag."""
    assert [(p.id, p.priority, p.rank, p.key) for p in engagement.pains] == [
        (1, 22, 1, True), (2, 18, 2, True), (3, 18, 2, True), (4, 4, 4, False)]


def test_assess_red_lights(engagement):
    """R-RED-1 (B2 0), R-RED-2 (B4 25), R-RED-4 (IT-only team), R-RED-5 (mean 2.0), R-CWR-4
    (B7 91.7 - B5 41.7 = 50); not R-RED-3 (sponsor with time) nor R-PAIN-3 (a severity-4 pain)."""
    got = [(f.rule, f.code, dict(f.params)) for f in engagement.red_lights]
    assert got == [
        ("R-RED-1", "crm-before-strategy", {"blocks": "B2 0", "limit": 40}),
        ("R-RED-2", "change-not-led", {"b4": 25, "limit": 40}),
        ("R-RED-4", "it-only-team", {"members": 2}),
        ("R-RED-5", "guessing", {"mean": 2.0}),
        ("R-CWR-4", "technology-ahead", {"b7": 92, "b5": 42, "margin": 25}),
    ]
    assert all(f.red for f in engagement.red_lights)


def test_assess_flags(engagement):
    """R-SCORE-4 (B2 67%) and R-GAP-1 (B1, B4, B5, B7) flags; they are not red lights."""
    got = [(f.rule, f.code, f.params["block"]) for f in engagement.flags]
    assert got == [("R-SCORE-4", "dont-know", "B2"), ("R-GAP-1", "perception-gap", "B1"),
                   ("R-GAP-1", "perception-gap", "B4"), ("R-GAP-1", "perception-gap", "B5"),
                   ("R-GAP-1", "perception-gap", "B7")]
    assert engagement.flags[0].params["rate"] == 67
    assert not any(f.red for f in engagement.flags)


# Which code belongs to which rule, as METHOD.md assigns them.
RULE_OF_CODE = {
    "dont-know": "R-SCORE-4", "perception-gap": "R-GAP-1", "ready": "R-CWR-1",
    "needed": "R-CWR-0", "fit-unanswered": "R-CWR-0", "no-skipping": "R-CWR-2",
    "capped": "R-CWR-3", "above-readiness": "R-CWR-2", "build-gap": "R-CWR-2",
    "technology-ahead": "R-CWR-4", "no-pain": "R-PAIN-3", "no-severe-pain": "R-PAIN-3",
    "no-clear-priority": "R-PAIN-2", "crm-before-strategy": "R-RED-1", "change-not-led": "R-RED-2",
    "no-sponsor": "R-RED-3", "sponsor-no-time": "R-RED-3", "it-only-team": "R-RED-4",
    "guessing": "R-RED-5",
}


def test_every_finding_of_assess_carries_its_rule_id(engagement):
    """Every finding (red lights, flags, level reasons) names the rule METHOD.md gives its code,
    and that rule has a source article."""
    findings = (list(engagement.red_lights) + list(engagement.flags)
                + [r for lv in engagement.levels for r in lv.reasons])
    assert findings
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.rule == RULE_OF_CODE[finding.code]
        assert finding.rule in texts.SOURCES


def _one_finding_per_code() -> list[Finding]:
    """Produce every message code through the engine itself (realistic parameters)."""
    walk_ready = {b: Stat(3, 55.0, 55.0, 55.0, 55.0, False) for b in ("B4", "B5", "B6")}
    run_fit = {q.id: next(o.id for o in q.options if o.level == "run") for q in Q.fit}
    found: list[Finding] = []
    found += levels.recommend(DepartmentInput(1, "a", 0, run_fit, 1, "Only one team"),
                              walk_ready, Q).reasons           # ready, needed, no-skipping, capped, build-gap
    found += levels.recommend(DepartmentInput(2, "b", 3), {}, Q).reasons  # fit-unanswered, above-readiness
    found += levels.technology_ahead({"B5": 10.0, "B7": 90.0}, S)
    found += pains.no_pain([]) + pains.no_pain([PainInput(1, "t", 2, 2)])
    found += pains.priority_flags(pains.rank_pains([PainInput(i, "t", 3, 3) for i in range(10)]))
    found += redlights.crm_before_strategy({"B1": 10.0, "B2": 20.0}, S)
    found += redlights.change_not_led({"B4": 10.0}, S)
    found += redlights.no_sponsor(EngagementFacts())
    found += redlights.no_sponsor(EngagementFacts(sponsor_name="Li Wei"))
    found += redlights.it_only_team(EngagementFacts(team_sides=("it",)))
    found += redlights.guessing_not_asking(EngagementFacts(customer_input_mean=1.5))
    found += redlights.guessing_not_asking(EngagementFacts())
    sums = scoring.block_sums_from_answers(
        [A(1, "B1.3", None), A(1, "B1.4", 5), A(2, "B1.3", 1)], Q)
    results = scoring.block_results(sums, scoring.respondent_scores(sums), S)
    found += scoring.dont_know_flags(results, S)
    found += scoring.gap_findings(scoring.perception_gaps(
        sums, {1: RespondentInput(1, "executive", None), 2: RespondentInput(2, "it", None)}, S))
    return found


def test_every_message_code_renders_in_en_and_zh():
    """texts.MESSAGES: every code renders in English and Chinese without error, with every
    placeholder filled; the Chinese text is Chinese."""
    findings = _one_finding_per_code()
    assert {f.code for f in findings} == set(texts.MESSAGES)
    for finding in findings:
        en, zh = finding.message("en"), finding.message("zh")
        assert en and zh and en != zh, finding.code
        for text in (en, zh):
            assert not re.search(r"\{[a-z_]+\}", text), (finding.code, text)
        assert CJK.search(zh), finding.code
        assert finding.message() == en  # English is the default
        assert finding.rule == RULE_OF_CODE[finding.code]


def test_messages_show_level_and_role_names_not_numbers():
    """Level numbers and role ids are rendered as names in each language."""
    ready = Finding("R-CWR-1", "ready", {"level": 3})
    assert ready.message("en") == "Block scores make the department ready for run."
    assert "跑（驱动）" in ready.message("zh")
    gap = Finding("R-GAP-1", "perception-gap", {"block": "B6", "high": "it", "low": "front_line",
                                                "gap": 1.5, "high_mean": 4.0, "low_mean": 2.5})
    assert gap.message("en") == "B6: IT see it at 4.0, front line at 2.5 on the 1-5 scale (gap 1.5)."
    assert gap.message("zh") == "B6：IT评分 4.0，一线员工评分 2.5（1-5 分制，差距 1.5）。"


def test_user_text_with_braces_is_shown_verbatim():
    """R-CWR-3 / R-RED-3: a cap reason or sponsor name holding braces is text, not a template."""
    capped = Finding("R-CWR-3", "capped", {"level": 2, "reason": "Only {one} team, 100%"})
    assert capped.message("en") == "Capped at walk by the consultant: Only {one} team, 100%"
    sponsor = Finding("R-RED-3", "sponsor-no-time", {"sponsor": "{ceo}"})
    assert sponsor.message("en") == "The sponsor, {ceo}, commits no time."


def test_every_rule_with_a_message_has_a_source():
    """Report appendix: each rule that produces findings names its source article."""
    assert set(RULE_OF_CODE.values()) <= set(texts.SOURCES)
    assert set(RULE_OF_CODE) == set(texts.MESSAGES)
