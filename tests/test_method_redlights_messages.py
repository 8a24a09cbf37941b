"""Finding messages: every code renders in English and Chinese, names not numbers, user text
verbatim, and every rule with a message has a source."""
from __future__ import annotations

import re

from readiness.method import levels, pains, redlights, scoring, texts
from readiness.method.types import (DepartmentInput, EngagementFacts, Finding, PainInput,
                                    RespondentInput, Stat)

from tests.redlight_helpers import A, CJK, Q, RULE_OF_CODE, S


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
