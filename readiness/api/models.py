"""Per-account API tokens: the bearer credential of the JSON API (/api/v1)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import User, utcnow
from ..extensions import Model


class ApiToken(Model):
    """One token. Only its sha256 is stored: the token itself is shown once, at creation. A
    192-bit random token needs no slow hash (nothing to brute-force from the digest)."""

    __tablename__ = "api_token"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: What the account calls it ("CRM sync"), to tell its tokens apart.
    name: so.Mapped[str] = so.mapped_column(sa.String(80))
    #: sha256 hex digest of the token.
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    #: The token's first characters, shown in the list so the owner recognises it.
    prefix: so.Mapped[str] = so.mapped_column(sa.String(12))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_used_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    #: Set when revoked; a revoked token never works again.
    revoked_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    user: so.Mapped[User] = so.relationship()
