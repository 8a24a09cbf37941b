from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model, db
from ..method.definition import Questionnaire


class QuestionnaireVersion(Model):
    """One loaded definition. Never updated: an edited YAML file becomes a new row."""

    __tablename__ = "questionnaire_version"
    __table_args__ = (sa.UniqueConstraint("key", "content_hash"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    #: The definition's `id` (e.g. crm-readiness).
    key: so.Mapped[str] = so.mapped_column(sa.String(80))
    #: The definition's own `version` label.
    version: so.Mapped[str] = so.mapped_column(sa.String(40))
    #: sha256 of the canonical parsed content.
    content_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    #: The parsed definition as JSON (what answers were given against). Deferred: ~100 KB that
    #: every page reaching the version would otherwise read; parsed() reads it once per process.
    definition: so.Mapped[dict] = so.mapped_column(sa.JSON, deferred=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def parsed(self) -> Questionnaire:
        """The parsed definition, cached per (id, hash): versions are immutable, so the cache
        never lies."""
        return _parse_cached(self.id, self.content_hash)


def parsed_version(version_id: int, digest: str) -> Questionnaire:
    """The parsed definition of a version known by id and content hash, without loading its row
    (the 100 KB JSON is read only on the first call per process)."""
    return _parse_cached(version_id, digest)


@lru_cache(maxsize=32)
def _parse_cached(version_id: int, digest: str) -> Questionnaire:
    row = db.session.get_one(QuestionnaireVersion, version_id)
    return Questionnaire.model_validate(row.definition)
