"""Questionnaire management: upload, download, copy and edit versions (plain functions; the
routes validate forms, call these, commit).

A version is immutable once any answer was given on it: saving an edit of an answered version
stores a new version (the answers keep pointing at the old content). An unanswered version is a
draft: an edit replaces its content in place (its cached parse is keyed by content hash, so it
never serves the old content).
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
import yaml

from ..engagements.models import Engagement
from ..errors import DomainError
from ..extensions import db
from ..method.definition import Questionnaire
from ..method.loading import Problem, QuestionnaireError, content_hash, parse_questionnaire
from ..respondents.models import Answer
from .models import QuestionnaireVersion
from .services import BUILTIN_KEY, store_version

logger = logging.getLogger(__name__)

#: An upload is at most this: the built-in questionnaire (48 items, en and zh) is 73 KB.
MAX_UPLOAD_BYTES = 256 * 1024


class ManageError(DomainError):
    """A refused copy or edit; its words are in messages.py."""


# Reading -----------------------------------------------------------------------------------------

def all_versions() -> list[QuestionnaireVersion]:
    """Every stored version, grouped by questionnaire (the built-in first), newest first."""
    rows = db.session.scalars(sa.select(QuestionnaireVersion).order_by(
        QuestionnaireVersion.created_at.desc(), QuestionnaireVersion.id.desc())).all()
    return sorted(rows, key=lambda v: (v.key != BUILTIN_KEY, v.key))


def answered_ids() -> set[int]:
    """Versions someone answered on: immutable from then on."""
    return set(db.session.scalars(sa.select(Answer.questionnaire_version_id).distinct()))


def is_answered(version: QuestionnaireVersion) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(
        Answer.questionnaire_version_id == version.id))))


def engagement_counts() -> dict[int, int]:
    """version id -> how many engagements use it (answered or not)."""
    rows = db.session.execute(sa.select(Engagement.questionnaire_version_id, sa.func.count())
                              .group_by(Engagement.questionnaire_version_id)).all()
    return {version_id: count for version_id, count in rows}


def get_version(version_id: int) -> QuestionnaireVersion | None:
    return db.session.get(QuestionnaireVersion, version_id)


# Files -------------------------------------------------------------------------------------------

def to_yaml(questionnaire: Questionnaire) -> str:
    """The definition as a file `readiness questionnaire validate` and the upload accept."""
    data = questionnaire.model_dump(exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def to_json(questionnaire: Questionnaire) -> str:
    return json.dumps(questionnaire.model_dump(mode="json", exclude_none=True),
                      ensure_ascii=False, indent=2) + "\n"


def parse_upload(raw: bytes, filename: str) -> Questionnaire:
    """A YAML or JSON definition, validated like the CLI validates a file (FILE:LINE: where:
    reason). Raises QuestionnaireError; nothing is stored here."""
    name = re.sub(r"[^\w.\- ]", "_", filename or "upload")[-80:] or "upload"
    if len(raw) > MAX_UPLOAD_BYTES:
        raise QuestionnaireError([Problem(name, 1, "", f"the file is larger than "
                                          f"{MAX_UPLOAD_BYTES // 1024} KB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError([Problem(name, 1, "", f"not UTF-8 text: {exc.reason}")]) from None
    if name.lower().endswith(".json"):
        # JSON is read as YAML (its flow style) so problems keep their line; tabs outside
        # strings are only spacing in JSON (inside strings JSON forbids them), YAML refuses them.
        text = text.replace("\t", " ")
    return parse_questionnaire(text, name)


def store_upload(questionnaire: Questionnaire) -> tuple[QuestionnaireVersion, bool]:
    """(version, True when new). The same content uploaded twice is one version; a new content
    under a version label already stored is refused (two different "1.0" would confuse)."""
    digest = content_hash(questionnaire)
    clash = db.session.scalar(sa.select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == questionnaire.id,
        QuestionnaireVersion.version == questionnaire.version,
        QuestionnaireVersion.content_hash != digest))
    if clash is not None:
        raise ManageError("label-taken", key=questionnaire.id, version=questionnaire.version)
    existing = db.session.scalar(sa.select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == questionnaire.id, QuestionnaireVersion.content_hash == digest))
    return store_version(questionnaire), existing is None


# Copy and edit -------------------------------------------------------------------------------------

def copy_version(source: QuestionnaireVersion, key: str, label: str, title_en: str,
                 title_zh: str) -> QuestionnaireVersion:
    """A new questionnaire (a new id) starting as a copy of `source`: an editable draft."""
    if db.session.scalar(sa.select(sa.exists().where(QuestionnaireVersion.key == key))):
        raise ManageError("key-taken", key=key)
    data = dict(source.definition, id=key, version=label,
                title={"en": title_en.strip(), "zh": title_zh.strip()})
    return store_version(validated(data))


def validated(data: dict[str, Any]) -> Questionnaire:
    """The definition, checked by the same loader as files: problems name the element and
    reason (their line is in a file the consultant never sees, so pages show only those)."""
    return parse_questionnaire(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                               "edited")


def next_label(key: str, label: str) -> str:
    """A version label not used yet for `key`: 1.0 -> 1.1 -> 1.2, draft -> draft.1."""
    used = set(db.session.scalars(sa.select(QuestionnaireVersion.version).where(
        QuestionnaireVersion.key == key)))
    match = re.fullmatch(r"(.*?)(\d+)", label)
    stem, number = (match.group(1), int(match.group(2))) if match else (label + ".", 0)
    candidate = label
    while candidate in used:
        number += 1
        candidate = f"{stem}{number}"
    return candidate


def save_edit(version: QuestionnaireVersion, change: Callable[[dict[str, Any]], None]
              ) -> tuple[QuestionnaireVersion, str]:
    """Apply `change` to a copy of the definition; returns (version shown next, outcome) where
    outcome is "unchanged", "updated" (a draft edited in place) or "created" (a new version,
    because answers were given on this one)."""
    data = json.loads(json.dumps(version.definition))
    change(data)
    questionnaire = validated(data)
    digest = content_hash(questionnaire)
    if digest == version.content_hash:
        return version, "unchanged"
    twin = db.session.scalar(sa.select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == questionnaire.id, QuestionnaireVersion.content_hash == digest,
        QuestionnaireVersion.id != version.id))
    if twin is not None:
        raise ManageError("same-as", version=twin.version, id=twin.id)
    answered = is_answered(version)
    if answered and questionnaire.version == version.version:
        data["version"] = next_label(questionnaire.id, version.version)
        questionnaire = validated(data)
    if questionnaire.version != version.version and db.session.scalar(sa.select(sa.exists().where(
            QuestionnaireVersion.key == questionnaire.id,
            QuestionnaireVersion.version == questionnaire.version))):
        raise ManageError("label-taken", key=questionnaire.id, version=questionnaire.version)
    if answered:
        created = store_version(questionnaire)
        logger.info("questionnaire version %s edited into new version %s", version.id, created.id)
        return created, "created"
    version.version = questionnaire.version
    version.title = questionnaire.title.en
    version.content_hash = content_hash(questionnaire)
    version.definition = questionnaire.model_dump(mode="json")
    db.session.flush()
    logger.info("questionnaire draft version %s edited in place", version.id)
    return version, "updated"


def problems_in_words(error: QuestionnaireError) -> list[str]:
    """Problems of an edited definition without the generated file's name and line."""
    return [f"{p.where}: {p.reason}" if p.where else p.reason for p in error.problems]
