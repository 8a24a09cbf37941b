"""Reading the respondent's input: a whole block page (no JavaScript) or one JSON answer.

Both yield PageAnswer rows for the same save service; both refuse what the method cannot score.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from ..errors import DomainError
from ..method.definition import Block, Questionnaire
from ..respondents.models import CONFIDENCES
from .services import PageAnswer

DONT_KNOW = "dk"
DEFAULT_CONFIDENCE = "medium"
MAX_EVIDENCE = 4000


class InputError(DomainError):
    """A JSON answer that cannot be saved; its words (shown to the respondent) are in
    messages.py."""


def field_names(item_id: str) -> tuple[str, str, str]:
    return f"level-{item_id}", f"confidence-{item_id}", f"evidence-{item_id}"


def values_from_answers(block: Block, saved: Mapping) -> dict[str, dict]:
    """What the page shows for each item: the saved answer, else nothing chosen."""
    values = {}
    for item in block.items:
        answer = saved.get(item.id)
        if answer is None:
            values[item.id] = {"level": "", "confidence": DEFAULT_CONFIDENCE, "evidence": ""}
        else:
            values[item.id] = {
                "level": DONT_KNOW if answer.level is None else str(answer.level),
                "confidence": answer.confidence, "evidence": answer.evidence or ""}
    return values


def parse_page(block: Block, form: Mapping[str, str]
               ) -> tuple[list[PageAnswer], dict[str, dict], dict[str, str]]:
    """The answers on a posted page, the values to show again, and an error per bad item."""
    answers, values, errors = [], {}, {}
    for item in block.items:
        level_name, confidence_name, evidence_name = field_names(item.id)
        raw_level = (form.get(level_name) or "").strip()
        confidence = form.get(confidence_name) or DEFAULT_CONFIDENCE
        evidence = (form.get(evidence_name) or "").strip()
        values[item.id] = {"level": raw_level, "evidence": evidence,
                           "confidence": confidence if confidence in CONFIDENCES
                           else DEFAULT_CONFIDENCE}
        if confidence not in CONFIDENCES:
            errors[item.id] = _("Choose how sure you are: low, medium or high.")
        elif len(evidence) > MAX_EVIDENCE:
            errors[item.id] = _("Your note is longer than %(max)d characters; please shorten it.",
                                max=MAX_EVIDENCE)
        elif raw_level == "":
            if evidence:
                errors[item.id] = _("Choose a level or \"Don't know\" so that your note can be "
                                    "saved.")
        elif raw_level == DONT_KNOW or raw_level in ("1", "2", "3", "4", "5"):
            level = None if raw_level == DONT_KNOW else int(raw_level)
            answers.append(PageAnswer(item.id, level, confidence, evidence))
        else:
            values[item.id]["level"] = ""
            errors[item.id] = _("Choose one of the five levels or \"Don't know\".")
    return answers, values, errors


def parse_json(payload: object, questionnaire: Questionnaire) -> PageAnswer:
    """{item_id, level (1-5 or null for don't know), confidence, evidence} -> PageAnswer."""
    if not isinstance(payload, dict):
        raise InputError("not-an-object")
    item_id = payload.get("item_id")
    if not isinstance(item_id, str) or item_id not in questionnaire.item_index():
        raise InputError("unknown-item")
    if "level" not in payload:
        raise InputError("level-required")
    level = payload["level"]
    if level is not None and (isinstance(level, bool) or not isinstance(level, int)
                              or not 1 <= level <= 5):
        raise InputError("bad-level")
    confidence = payload.get("confidence", DEFAULT_CONFIDENCE)
    if confidence not in CONFIDENCES:
        raise InputError("bad-confidence")
    evidence = payload.get("evidence", "")
    if evidence is None:
        evidence = ""
    if not isinstance(evidence, str):
        raise InputError("evidence-not-text")
    if len(evidence.strip()) > MAX_EVIDENCE:
        raise InputError("evidence-too-long", max=MAX_EVIDENCE)
    return PageAnswer(item_id, level, confidence, evidence.strip())
