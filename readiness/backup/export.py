"""An engagement as one JSON-ready document (schema readiness-engagement/1): see tables.py."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..auth.models import User, utcnow
from ..engagements.models import Engagement
from ..extensions import db
from ..questionnaires.models import QuestionnaireVersion
from .remap import Maps
from .tables import ENGAGEMENT_SKIP, QUESTIONNAIRES, SCHEMA, TABLES, USERS, Table, to_json

#: Columns whose values hold department/pain numbers (remap.py), per table.
_KEYS = {("roadmap_edits", "target"), ("checkpoints", "key"), ("checkpoints", "phase_key")}


def _rows(table: Table, engagement: Engagement, ids: dict[str, dict[int, int]]) -> list[Any]:
    """The table's rows of this engagement as plain rows (Core: no ORM objects to build)."""
    columns = table.table.c
    query = sa.select(table.table)
    if table.via:
        column, parent = table.via
        query = query.where(columns[column].in_(sa.bindparam("parents", expanding=True)))
        parents = list(ids[parent])
    else:
        query = query.where(columns.engagement_id == engagement.id)
        parents = []
    key = [columns.id] if table.keyed else list(table.table.primary_key.columns)
    query = query.order_by(*key)
    return list(db.session.execute(query, {"parents": parents} if table.via else {}))


class _Refs:
    """Accounts and questionnaire versions, numbered in the order the document first names them."""

    def __init__(self) -> None:
        self.users: dict[int, int] = {}
        self.questionnaires: dict[int, int] = {}

    def of(self, kind: str, value: int | None) -> int | None:
        if value is None:
            return None
        numbers = self.users if kind == USERS else self.questionnaires
        return numbers.setdefault(value, len(numbers) + 1)


def export_engagement(engagement: Engagement) -> dict[str, Any]:
    refs = _Refs()
    ids: dict[str, dict[int, int]] = {}  # table -> database id -> ref
    doc: dict[str, Any] = {"schema": SCHEMA, "exported_at": utcnow().isoformat()}
    columns = [c for c in Engagement.__table__.c if c.name not in ENGAGEMENT_SKIP]
    doc["engagement"] = {
        **{c.name: to_json(c, getattr(engagement, c.name)) for c in columns},
        "owner": refs.of(USERS, engagement.owner_id),
        "questionnaire": refs.of(QUESTIONNAIRES, engagement.questionnaire_version_id)}
    rows_of = {}
    for table in TABLES:
        rows = _rows(table, engagement, ids)
        rows_of[table.name] = rows
        if table.keyed:
            ids[table.name] = {row.id: n for n, row in enumerate(rows, 1)}
    maps = Maps(ids["departments"], ids["pains"])
    for table in TABLES:
        references = table.all_refs()
        columns = table.columns()
        out = []
        for n, row in enumerate(rows_of[table.name], 1):
            item: dict[str, Any] = {"ref": n} if table.keyed else {}
            values = row._mapping
            for column in columns:
                value = values[column.name]
                target = references.get(column.name)
                if target in (USERS, QUESTIONNAIRES):
                    value = refs.of(target, value)
                elif target is not None:
                    value = ids[target].get(value) if value is not None else None
                else:
                    value = to_json(column, value)
                if (table.name, column.name) in _KEYS:
                    value = maps.key(value)
                elif table.name == "roadmap_plans" and column.name == "snapshot":
                    value = maps.snapshot(value)
                elif table.name == "roadmap_plans" and column.name == "options":
                    value = maps.options(value)
                item[column.name] = value
            out.append(item)
        doc[table.name] = out
    doc["users"] = [{"ref": n, "email": u.email, "name": u.name} for u, n in
                    _by_number(User, refs.users)]
    doc["questionnaires"] = [
        {"ref": n, "key": q.key, "version": q.version, "content_hash": q.content_hash,
         "title": q.title, "definition": q.definition}
        for q, n in _by_number(QuestionnaireVersion, refs.questionnaires)]
    return doc


def _by_number(model, numbers: dict[int, int]) -> list[tuple[Any, int]]:
    rows = {row.id: row for row in db.session.scalars(
        sa.select(model).where(model.id.in_(list(numbers))))}
    return sorted(((rows[i], n) for i, n in numbers.items() if i in rows), key=lambda p: p[1])
