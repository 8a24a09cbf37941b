"""Shared helpers of the scoring tests (test_method_scoring_*.py): the built-in questionnaire,
variants of it, and shortcuts to the pure engine's scoring functions."""
from __future__ import annotations

from pathlib import Path

import yaml

from readiness.method import scoring
from readiness.method.definition import Questionnaire
from readiness.method.loading import load_questionnaire
from readiness.method.types import AnswerInput, BlockSums

ROOT = Path(__file__).resolve().parents[2]
QFILE = ROOT / "questionnaires" / "crm-readiness.yaml"
Q = load_questionnaire(QFILE)
A = AnswerInput


def variant(settings: dict | None = None, block_weights: dict | None = None) -> Questionnaire:
    """The built-in questionnaire with some settings or block weights changed."""
    data = yaml.safe_load(QFILE.read_text(encoding="utf-8"))
    data["settings"].update(settings or {})
    for block in data["blocks"]:
        if block_weights and block["id"] in block_weights:
            block["weight"] = block_weights[block["id"]]
    return Questionnaire.model_validate(data)


def scores_of(answers, questionnaire=Q):
    return scoring.respondent_scores(scoring.block_sums_from_answers(answers, questionnaire))


def sums_by_key(answers, questionnaire=Q) -> dict[tuple[int, str], BlockSums]:
    return {(s.respondent_id, s.block_id): s
            for s in scoring.block_sums_from_answers(answers, questionnaire)}


def results_of(answers, questionnaire=Q):
    sums = scoring.block_sums_from_answers(answers, questionnaire)
    return scoring.block_results(sums, scoring.respondent_scores(sums), questionnaire.settings)
