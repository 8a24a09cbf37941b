"""Reading a backup document: every check before anything is written, each refusal a BackupError
whose code and params say what is wrong and where ("respondents[3].role: expected text ...")."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..engagements.models import Engagement
from ..errors import DomainError
from ..method.definition import Questionnaire
from ..method.loading import content_hash
from .tables import ENGAGEMENT_SKIP, QUESTIONNAIRES, SCHEMA, TABLES, USERS, BadValue, from_json

#: Largest document uploaded on the Import page: evidence files travel inside, in base64 (a
#: 2,000-respondent engagement is about 22 MB).
MAX_BYTES = 50 * 1024 * 1024
#: Largest document `readiness import` reads (a 10,000-respondent engagement is about 110 MB).
MAX_CLI_BYTES = 500 * 1024 * 1024
#: Most rows in one document (all tables together).
MAX_ROWS = 2_000_000


class BackupError(DomainError):
    """A document refused; messages.py holds the words."""


@dataclass
class Prepared:
    """A checked document: database values per table, refs still refs (restore.py maps them)."""

    engagement: dict[str, Any]
    questionnaires: list[tuple[Questionnaire, str]]  # with the content hash
    users: list[str]  # emails, by ref - 1
    rows: dict[str, list[dict[str, Any]]]


def parse(raw: bytes, limit: int = MAX_BYTES) -> Any:
    if len(raw) > limit:
        raise BackupError("too-large", mb=limit // (1024 * 1024))
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_not_a_number)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BackupError("not-json") from None


def _not_a_number(name: str) -> None:
    raise ValueError(name)


def _section(doc: dict, name: str, kind: type) -> Any:
    if name not in doc:
        raise BackupError("missing-section", section=name)
    if not isinstance(doc[name], kind):
        raise BackupError("bad-section", section=name)
    return doc[name]


def _value(column, raw: Any, where: str) -> Any:
    try:
        return from_json(column, raw)
    except BadValue as exc:
        raise BackupError("bad-value", where=where, expected=str(exc)) from None


def _ref(raw: Any, size: int, nullable: bool, where: str, target: str) -> int | None:
    if raw is None and nullable:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= size:
        raise BackupError("bad-reference", where=where, target=target)
    return raw


def _questionnaires(items: list) -> list[tuple[Questionnaire, str]]:
    result = []
    for n, item in enumerate(items, 1):
        where = f"questionnaires[{n}]"
        if not isinstance(item, dict) or item.get("ref") != n:
            raise BackupError("bad-row", where=where)
        try:
            questionnaire = Questionnaire.model_validate(item.get("definition"))
        except ValidationError:
            raise BackupError("bad-questionnaire", where=where) from None
        digest = content_hash(questionnaire)
        if item.get("content_hash") != digest or item.get("key") != questionnaire.id:
            raise BackupError("questionnaire-hash", where=where)
        result.append((questionnaire, digest))
    return result


def _users(items: list) -> list[str]:
    emails = []
    for n, item in enumerate(items, 1):
        if (not isinstance(item, dict) or item.get("ref") != n
                or not isinstance(item.get("email"), str) or len(item["email"]) > 254):
            raise BackupError("bad-row", where=f"users[{n}]")
        emails.append(item["email"].strip().lower())
    return emails


def prepare(doc: Any) -> Prepared:
    """Check a parsed document completely; BackupError at the first problem."""
    if not isinstance(doc, dict):
        raise BackupError("not-a-backup")
    if doc.get("schema") != SCHEMA:
        found = doc.get("schema")
        raise BackupError("wrong-schema", found=str(found)[:60] if found else "none",
                          expected=SCHEMA)
    questionnaires = _questionnaires(_section(doc, QUESTIONNAIRES, list))
    users = _users(_section(doc, USERS, list))
    sizes = {QUESTIONNAIRES: len(questionnaires), USERS: len(users)}
    if sum(len(doc[t.name]) for t in TABLES if isinstance(doc.get(t.name), list)) > MAX_ROWS:
        raise BackupError("too-many-rows", max=MAX_ROWS)
    raw = _section(doc, "engagement", dict)
    engagement: dict[str, Any] = {}
    for column in Engagement.__table__.c:
        if column.name in ENGAGEMENT_SKIP:
            continue
        if column.name not in raw:
            raise BackupError("missing-field", where="engagement", name=column.name)
        engagement[column.name] = _value(column, raw[column.name], f"engagement.{column.name}")
    engagement["questionnaire"] = _ref(raw.get("questionnaire"), len(questionnaires), False,
                                       "engagement.questionnaire", QUESTIONNAIRES)
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        items = _section(doc, table.name, list)
        sizes[table.name] = len(items)
        references = table.all_refs()
        columns = table.columns()
        prepared = []
        for n, item in enumerate(items, 1):
            where = f"{table.name}[{n}]"
            if not isinstance(item, dict) or (table.keyed and item.get("ref") != n):
                raise BackupError("bad-row", where=where)
            values = {}
            for column in columns:
                if column.name not in item:
                    raise BackupError("missing-field", where=where, name=column.name)
                target = references.get(column.name)
                if target is None:
                    values[column.name] = _value(column, item[column.name],
                                                 f"{where}.{column.name}")
                elif target not in sizes:  # only a self-reference can point further on
                    values[column.name] = _ref(item[column.name], len(items), True,
                                               f"{where}.{column.name}", target)
                else:
                    values[column.name] = _ref(item[column.name], sizes[target],
                                               column.nullable or False,
                                               f"{where}.{column.name}", target)
            prepared.append(values)
        rows[table.name] = prepared
    if len(rows["roadmap_plans"]) > 1:
        raise BackupError("bad-row", where="roadmap_plans[2]")
    return Prepared(engagement, questionnaires, users, rows)
