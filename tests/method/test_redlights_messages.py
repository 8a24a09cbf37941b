"""Finding messages: every code renders in English and Chinese, names not numbers, user text
verbatim, and every rule with a message has a source."""
from __future__ import annotations

import re

from readiness.method import levels, pains, redlights, scoring, texts
from readiness.method.assess import assess
from readiness.method.types import (
    DepartmentInput,
    EngagementFacts,
    Finding,
    PainInput,
    RespondentInput,
    Stat,
)
from tests.method.redlight_helpers import CJK, RULE_OF_CODE, A, Q, S


def _one_finding_per_code() -> list[Finding]:
    """Produce every message code through the engine itself (realistic parameters)."""
    walk_ready = {b: Stat(3, 55.0, 55.0, 55.0, 55.0, False) for b in ("B4", "B5", "B6")}
    crawl_ready = {b: Stat(3, 10.0, 10.0, 10.0, 10.0, False) for b in ("B4", "B5", "B6")}
    one_respondent = {b: Stat(1, 55.0, 55.0, 55.0, 55.0, True) for b in ("B4", "B5", "B6")}
    run_fit = {q.id: next(o.id for o in q.options if o.level == "run") for q in Q.fit}
    found: list[Finding] = []
    found += levels.recommend(DepartmentInput(1, "a", 0, run_fit, 1, "Only one team"),
                              walk_ready, Q).reasons           # ready, needed, no-skipping, capped, build-gap
    found += levels.recommend(DepartmentInput(2, "b", 3), {}, Q).reasons  # no-data-department, fit-unanswered
    found += levels.recommend(DepartmentInput(3, "c", 3), crawl_ready, Q).reasons  # above-readiness
    found += levels.recommend(DepartmentInput(4, "d", 1), one_respondent, Q).reasons  # low-sample-level
    found += assess(Q, [], []).flags  # no-answers
    # One respondent: the red lights that read answers carry the R-DATA-2 caveat (low_n).
    found += assess(Q, [RespondentInput(1, "executive", None)],
                    scoring.block_sums_from_answers([A(1, "B1.1", 1), A(1, "B4.1", 1),
                                                     A(1, "B5.1", 1), A(1, "B7.1", 5)], Q),
                    facts=EngagementFacts("Li Wei", 2, ("business",), 1.0)).red_lights
    found += levels.technology_ahead({"B5": 10.0, "B7": 90.0}, S)
    found += pains.no_pain([]) + pains.no_pain([PainInput(1, "t", 2, 2)])
    found += pains.priority_flags(pains.rank_pains([PainInput(i, "t", 3, 3) for i in range(10)]))
    found += redlights.crm_before_strategy({"B1": 10.0, "B2": 20.0}, S)
    found += redlights.change_not_led({"B4": 10.0}, S)
    found += redlights.no_sponsor(EngagementFacts())
    found += redlights.no_sponsor(EngagementFacts(sponsor_name="Li Wei"))
    found += redlights.it_only_team(EngagementFacts(team_sides=("it",)))
    found += redlights.it_only_team(EngagementFacts())  # no-team
    found += redlights.guessing_not_asking(EngagementFacts(customer_input_mean=1.5))
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
        if "low_n" in finding.params:  # R-DATA-2: the caveat where the conclusion is stated
            assert en.endswith(" Based on 1 respondent only."), en
            assert zh.endswith("（仅基于 1 位受访者。）"), zh
    with_caveat = {f.rule for f in findings if "low_n" in f.params}
    assert with_caveat == {"R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4"}


def test_messages_show_level_and_role_names_not_numbers():
    """Level numbers and role ids are rendered as names in each language."""
    ready = Finding("R-CWR-1", "ready", {"level": 3})
    assert ready.message("en") == "Block scores make the department ready for run."
    assert "跑（驱动）" in ready.message("zh")
    gap = Finding("R-GAP-1", "perception-gap", {"block": "B6", "high": "it", "low": "front_line",
                                                "gap": 1.5, "high_mean": 4.0, "low_mean": 2.5})
    assert gap.message("en") == ("Information: IT see it at 4.0, front line at 2.5 on the 1-5 "
                                 "scale (gap 1.5).")
    assert gap.message("zh") == "信息：IT评分 4.0，一线员工评分 2.5（1-5 分制，差距 1.5）。"


def test_messages_name_blocks_in_words_not_ids():
    """Messages name blocks in words (Gartner's names), never as B1..B8, in en and zh."""
    findings = [
        Finding("R-SCORE-4", "dont-know", {"block": "B3", "rate": 40, "limit": 30}),
        Finding("R-RED-1", "crm-before-strategy", {"low_blocks": (("B1", 20), ("B2", 35)),
                                                   "limit": 40}),
        Finding("R-RED-2", "change-not-led", {"b4": 25, "limit": 40}),
        Finding("R-CWR-4", "technology-ahead", {"b7": 75, "b5": 50, "margin": 25}),
    ]
    for finding in findings:
        for lang in ("en", "zh"):
            assert not re.search(r"\bB[1-8]\b", finding.message(lang)), finding.message(lang)
    assert findings[0].message("en").startswith("Valued customer experience: 40% of answers")
    assert findings[0].message("zh").startswith("客户价值体验：40%")
    assert "Vision 20 and Strategy 35" in findings[1].message("en")


def test_counts_are_singular_or_plural():
    """'it-only-team' and 'no-severe-pain' say 1 member / 1 pain point, 2 members / 3 pain points;
    the low-sample caveat says 1 respondent / 2 respondents."""
    member = Finding("R-RED-4", "it-only-team", {"members": 1})
    assert member.message("en") == "IT-only project team: no business-side member (1 member)."
    members = Finding("R-RED-4", "it-only-team", {"members": 2})
    assert members.message("en") == "IT-only project team: no business-side member (2 members)."
    assert pains.no_pain([PainInput(1, "t", 2, 2)])[0].message("en") == (
        "None of the 1 pain point has severity 4 or 5: no pain, no project.")
    three = pains.no_pain([PainInput(i, "t", 2, 2) for i in range(3)])[0]
    assert three.message("en") == "None of the 3 pain points has severity 4 or 5: no pain, no project."
    assert three.message("zh") == "3 个痛点中没有严重度为 4 或 5 的：没有痛点，就没有项目。"
    two = Finding("R-RED-2", "change-not-led", {"b4": 25, "limit": 40, "low_n": 2})
    assert two.message("en").endswith(" Based on 2 respondents only.")
    assert two.message("zh").endswith("（仅基于 2 位受访者。）")


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
