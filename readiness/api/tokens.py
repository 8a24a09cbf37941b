"""Creating, listing, revoking and checking API tokens (no Flask here)."""
from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa

from ..auth.models import User, utcnow
from ..errors import DomainError
from ..extensions import db
from .models import ApiToken

logger = logging.getLogger(__name__)

#: Every token starts with this, so a leaked one is recognisable (secret scanners, logs).
PREFIX = "rdy_"
#: Live tokens per account: enough for a few integrations, not a token per request.
MAX_TOKENS = 20
#: last_used_at is written at most this often (not one UPDATE per API call).
TOUCH_EVERY = timedelta(minutes=5)
#: Longest Authorization value worth hashing.
MAX_TOKEN_LENGTH = 100


class TokenError(DomainError):
    """A token cannot be created; the words are in messages.py."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def live_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(sa.select(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).order_by(ApiToken.id)))


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row and the token itself (returned once, never stored)."""
    name = " ".join((name or "").split())
    if not name or len(name) > 80:
        raise TokenError("token-name", field="name")
    if len(live_tokens(user)) >= MAX_TOKENS:
        raise TokenError("too-many-tokens", max=MAX_TOKENS)
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=digest(token),
                   prefix=token[:len(PREFIX) + 4])
    db.session.add(row)
    db.session.flush()
    logger.info("account %s created API token %s", user.id, row.id)
    return row, token


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of `user`'s own tokens; False when it is not theirs or already revoked."""
    row = db.session.scalar(sa.select(ApiToken).where(
        ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if row is None:
        return False
    row.revoked_at = utcnow()
    logger.info("account %s revoked API token %s", user.id, row.id)
    return True


def user_for_token(token: str) -> User | None:
    """The active account a bearer token belongs to, or None (unknown, revoked, inactive)."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.startswith(PREFIX):
        return None
    row = db.session.scalar(sa.select(ApiToken).where(
        ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None)))
    if row is None or not row.user.active:
        return None
    now = utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite returns naive datetimes
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last > TOUCH_EVERY:
        row.last_used_at = now
        db.session.commit()
    return row.user
