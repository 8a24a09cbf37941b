"""User management for admins: accounts, activation, password resets (plain functions)."""
from __future__ import annotations

import logging
import secrets

import sqlalchemy as sa

from ..auth.models import Role, User
from ..auth.services import UserError, create_user
from ..extensions import db

logger = logging.getLogger(__name__)

__all__ = ["UserError", "create_account", "get_user", "list_users", "reset_password", "set_active"]


def list_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.active.desc(), User.email)))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def create_account(email: str, name: str, role: Role | str) -> tuple[User, str]:
    """A new account with a generated password (returned once, never stored in clear)."""
    return create_user(email, name.strip(), None, role)


def set_active(user: User, active: bool, acting: User) -> None:
    """Deactivate or reactivate an account. An admin cannot lock themselves out."""
    if user.id == acting.id and not active:
        raise UserError("own-account")
    if user.active != active:
        logger.info("account %s %s by account %s", user.id,
                    "reactivated" if active else "deactivated", acting.id)
    user.active = active
    if not active:
        user.end_sessions()  # a deactivated account is logged out everywhere at once


def reset_password(user: User) -> str:
    """A fresh generated password (same strength as create_user's); the old one stops working."""
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.end_sessions()  # whoever knew the old password is logged out too
    logger.info("password of account %s reset", user.id)
    return password
