"""Shared helpers of the crawl / walk / run tests (test_method_levels_*.py): fit answers, block
profiles, departments."""
from __future__ import annotations

from pathlib import Path

from readiness.method import scoring
from readiness.method.loading import load_questionnaire
from readiness.method.types import AnswerInput, DepartmentInput, Stat

ROOT = Path(__file__).resolve().parents[2]
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
    return {q: FIT[q][level] for q, level in zip(QUESTIONS, implied, strict=False)}


def stat(mean: float | None) -> Stat:
    return Stat(3, mean, mean, mean, mean, False)


def profile(**means: float) -> dict[str, Stat]:
    return {b: stat(m) for b, m in means.items()}


# Real low scores (3 respondents each): ready for crawl only. Not `{}`, which is no data at all
# (R-DATA-1: a department without scored answers gets no level reason from scores).
CRAWL_READY = profile(B4=10, B5=10, B6=10)
WALK_READY = profile(B4=50, B5=50, B6=50)
RUN_READY = profile(B4=70, B5=70, B6=70, B8=70, B7=50)


def department(today=NONE, answers=None, cap=None, reason="", id=1, name="Sales"):
    return DepartmentInput(id, name, today, answers or {}, cap, reason)


def codes(result) -> list[str]:
    return [f.code for f in result.reasons]


def _department_scores(block_answers: dict[str, list[tuple[int, str]]]) -> dict[str, Stat]:
    """Department stats of one respondent from {item: [(level, confidence)]}."""
    rows = [AnswerInput(1, item, level, conf)
            for item, pairs in block_answers.items() for level, conf in pairs]
    sums = scoring.block_sums_from_answers(rows, Q)
    return scoring.grouped_stats(scoring.respondent_scores(sums), {1: 1}, S)[1]
