"""Writing a checked backup (validate.Prepared) as a new engagement: new ids, new respondent
links, new workshop codes and phone tokens; accounts matched by email. One transaction: the
caller commits, or rolls back on any error, so a refused import writes nothing."""
from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Any

import sqlalchemy as sa

from ..auth.models import User
from ..engagements.models import Engagement
from ..extensions import db
from ..questionnaires.services import store_version
from ..respondents.models import new_token
from ..workshop.services import new_code
from .remap import Maps
from .tables import QUESTIONNAIRES, TABLES, USERS
from .validate import Prepared

logger = logging.getLogger(__name__)

#: Rows per INSERT ... RETURNING statement.
CHUNK = 500
_KEYS = {("roadmap_edits", "target"), ("checkpoints", "key"), ("checkpoints", "phase_key")}


def _secrets(table: str, values: dict[str, Any]) -> None:
    """The secrets a backup never carries, made anew."""
    if table == "respondents":
        values["token"] = new_token()
    elif table == "workshop_participants":
        values["token_hash"] = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
    elif table == "workshop_sessions":
        values["code"] = new_code()


def restore(prepared: Prepared, owner: User) -> Engagement:
    """The engagement of `prepared`, owned by `owner`, flushed (not committed)."""
    questionnaire_ids = [store_version(q).id for q, _digest in prepared.questionnaires]
    accounts: dict[str, int] = dict(db.session.execute(sa.select(sa.func.lower(User.email), User.id).where(
        sa.func.lower(User.email).in_(prepared.users))).all()) if prepared.users else {}
    user_ids = [accounts.get(email) for email in prepared.users]
    values = {k: v for k, v in prepared.engagement.items() if k != "questionnaire"}
    engagement = Engagement(**values, owner_id=owner.id,
                            questionnaire_version_id=questionnaire_ids[
                                prepared.engagement["questionnaire"] - 1])
    db.session.add(engagement)
    db.session.flush()
    ids: dict[str, list[int]] = {}  # table -> new id by ref - 1

    def new_id(target: str, ref: int | None) -> int | None:
        if ref is None:
            return None
        if target == USERS:
            return user_ids[ref - 1]
        if target == QUESTIONNAIRES:
            return questionnaire_ids[ref - 1]
        return ids[target][ref - 1]

    for table in TABLES:
        rows = prepared.rows[table.name]
        # Departments and pains come first in TABLES: their new ids are known by now.
        maps = Maps(dict(enumerate(ids["departments"], 1)), dict(enumerate(ids["pains"], 1))) \
            if "pains" in ids else None
        references = table.all_refs()
        deferred: list[tuple[int, str, int]] = []  # (row index, column, ref) of self-references
        batch = []
        for index, row in enumerate(rows):
            out = dict(row)
            for column, target in references.items():
                if target == table.name:
                    if out[column] is not None:
                        deferred.append((index, column, out[column]))
                    out[column] = None
                else:
                    out[column] = new_id(target, out[column])
            if "engagement_id" in table.model.__table__.c:
                out["engagement_id"] = engagement.id
            if maps is not None:
                for column in ("key", "phase_key", "target"):
                    if (table.name, column) in _KEYS:
                        out[column] = maps.key(out[column])
                if table.name == "roadmap_plans":
                    out["snapshot"] = maps.snapshot(out["snapshot"])
                    out["options"] = maps.options(out["options"])
            _secrets(table.name, out)
            batch.append(out)
        if not batch:
            ids[table.name] = []
            continue
        model = table.model
        if table.keyed:
            # In chunks: one RETURNING statement over tens of thousands of rows makes
            # SQLAlchemy splice its result batches in quadratic time.
            statement = sa.insert(table.table).returning(
                table.table.c.id, sort_by_parameter_order=True)
            ids[table.name] = [
                new for start in range(0, len(batch), CHUNK)
                for new in db.session.scalars(statement, batch[start:start + CHUNK])]
        else:
            db.session.execute(sa.insert(table.table), batch)
        for index, column, ref in deferred:
            db.session.execute(sa.update(model).where(model.id == ids[table.name][index])  # type: ignore[attr-defined]
                               .values({column: ids[table.name][ref - 1]}))
    db.session.flush()
    logger.info("engagement %s restored from a backup for account %s (%d respondents)",
                engagement.id, owner.id, len(ids["respondents"]))
    return engagement
