"""assess() end-to-end on a small engagement: scores, groups, gaps, levels, pains, red lights,
flags, and the rule id every finding carries."""
from __future__ import annotations

import pytest

from readiness.method import scoring, texts
from readiness.method.assess import assess
from readiness.method.types import (
    DepartmentInput,
    EngagementFacts,
    Finding,
    PainInput,
    RespondentInput,
)
from tests.method.redlight_helpers import RULE_OF_CODE, A, Q

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
    Service needs run, B4-B6 at 50 -> ready walk, capped at crawl with the reason. R-DATA-2: Sales
    has 2 respondents, Service 1 -> both levels carry 'low-sample-level' right after 'ready'."""
    sales, service = engagement.levels
    assert (sales.department_id, sales.name) == (10, "Sales")
    assert (sales.today, sales.needed, sales.ready, sales.recommended, sales.build_gap) == (
        0, 2, 1, 1, 1)
    assert [f.code for f in sales.reasons] == ["ready", "low-sample-level", "needed", "build-gap"]
    assert (sales.scored, sales.n, sales.low_sample) == (True, 2, True)
    assert dict(sales.reasons[1].params) == {"n": 2}
    assert sales.reasons[1].message("en") == ("Based on 2 respondents only: confirm with more "
                                              "answers before acting on it.")
    assert (service.today, service.needed, service.ready, service.recommended, service.build_gap) == (
        1, 3, 2, 1, 1)
    assert [f.code for f in service.reasons] == ["ready", "low-sample-level", "needed", "capped",
                                                 "build-gap"]
    assert (service.scored, service.n, service.low_sample) == (True, 1, True)
    assert dict(service.reasons[1].params) == {"n": 1}
    capped = next(f for f in service.reasons if f.code == "capped")
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
        ("R-RED-1", "crm-before-strategy", {"low_blocks": (("B2", 0),), "limit": 40, "low_n": 1}),
        ("R-RED-2", "change-not-led", {"b4": 25, "limit": 40}),
        ("R-RED-4", "it-only-team", {"members": 2}),
        ("R-RED-5", "guessing", {"mean": 2.0}),
        ("R-CWR-4", "technology-ahead", {"b7": 92, "b5": 42, "margin": 25}),
    ]
    assert all(f.red for f in engagement.red_lights)
    # R-DATA-2 counts the respondents behind the blocks a red light reads: Strategy rests on one
    # respondent (of four), so only R-RED-1 carries the caveat.
    assert [f.rule for f in engagement.red_lights if "low_n" in f.params] == ["R-RED-1"]
    assert [f.message("en") for f in engagement.red_lights] == [
        "CRM before strategy: Strategy 0 (below 40). Buy no technology yet. Based on 1 respondent only.",
        "Change is not led: Organisational collaboration 25 (below 40). 87% of CRM failures are "
        "change management.",
        "IT-only project team: no business-side member (2 members).",
        "Guessing instead of asking: customers' own input does not inform vision and value "
        "proposition (mean level 2.0).",
        "Technology ahead of processes: Technology 92 exceeds Processes 42 by 25 points or more.",
    ]


def test_assess_flags(engagement):
    """R-SCORE-4 (B2 67%) and R-GAP-1 (B1, B4, B5, B7) flags; they are not red lights."""
    got = [(f.rule, f.code, f.params["block"]) for f in engagement.flags]
    assert got == [("R-SCORE-4", "dont-know", "B2"), ("R-GAP-1", "perception-gap", "B1"),
                   ("R-GAP-1", "perception-gap", "B4"), ("R-GAP-1", "perception-gap", "B5"),
                   ("R-GAP-1", "perception-gap", "B7")]
    assert engagement.flags[0].params["rate"] == 67
    assert not any(f.red for f in engagement.flags)


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


# R-DATA-1 / R-DATA-2 through assess() ----------------------------------------------------------

def test_assess_without_answers_says_so_and_reads_no_answers():
    """R-DATA-1: zero respondents -> the flags start with 'no-answers'; no red light that reads
    answers (R-RED-5 not even with a low customer-input mean: no answers is no evidence), while
    R-RED-3/4 and R-PAIN-3 (not read from answers) still fire; departments have no data."""
    result = assess(Q, [], [], DEPARTMENTS, [], EngagementFacts(team_sides=("it",),
                                                                customer_input_mean=2.0))
    assert result.respondents == 0 and result.overall is None
    no_answers = result.flags[0]
    assert (no_answers.rule, no_answers.code, dict(no_answers.params), no_answers.red) == (
        "R-DATA-1", "no-answers", {}, False)
    assert no_answers.message("en") == ("The assessment has no answers yet: no score, level or red "
                                        "light that reads answers can be stated.")
    assert [f.rule for f in result.red_lights] == ["R-RED-3", "R-RED-4", "R-PAIN-3"]
    for level in result.levels:
        assert (level.scored, level.n, level.low_sample) == (False, 0, False)
        assert level.reasons[0].code == "no-data-department"
        assert not {"ready", "above-readiness", "build-gap"} & {f.code for f in level.reasons}


def test_assess_with_answers_has_no_no_answers_flag(engagement):
    """R-DATA-1: with respondents there is no 'no-answers' flag."""
    assert "no-answers" not in {f.code for f in engagement.flags}


@pytest.mark.parametrize("n", [1, 2, 3])
def test_assess_low_sample_caveat_on_red_lights_that_read_answers(n):
    """R-DATA-2: with 1 or 2 respondents, R-RED-1, R-RED-2, R-RED-5 and R-CWR-4 carry low_n and
    say so; R-RED-3, R-RED-4 and R-PAIN-3 (not from answers) do not; 3 respondents -> no caveat."""
    respondents = [RespondentInput(i, "executive", 10) for i in range(1, n + 1)]
    answers = [A(i, item, level) for i in range(1, n + 1)
               for item, level in (("B1.1", 1), ("B4.1", 1), ("B5.1", 1), ("B7.1", 5))]
    result = assess(Q, respondents, scoring.block_sums_from_answers(answers, Q), DEPARTMENTS[:1],
                    [], EngagementFacts(team_sides=("it",), customer_input_mean=1.0))
    assert [f.rule for f in result.red_lights] == ["R-RED-1", "R-RED-2", "R-RED-3", "R-RED-4",
                                                   "R-RED-5", "R-CWR-4", "R-PAIN-3"]
    for finding in result.red_lights:
        reads_answers = finding.rule in {"R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4"}
        if reads_answers and n < 3:
            assert finding.params["low_n"] == n
            noun = "respondent" if n == 1 else "respondents"
            assert finding.message("en").endswith(f" Based on {n} {noun} only.")
            assert finding.message("zh").endswith(f"（仅基于 {n} 位受访者。）")
        else:
            assert "low_n" not in finding.params
            assert "Based on" not in finding.message("en")
    sales = result.levels[0]
    assert sales.low_sample == (n < 3)
    assert ("low-sample-level" in [f.code for f in sales.reasons]) == (n < 3)
