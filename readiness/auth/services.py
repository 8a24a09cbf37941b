"""Accounts and login throttling."""
from __future__ import annotations

import logging
import secrets

import sqlalchemy as sa

from ..errors import DomainError
from ..extensions import db
from ..throttle import Throttle
from .models import Role, User

logger = logging.getLogger(__name__)


MIN_PASSWORD = 10


def normalise_email(email: str) -> str:
    """The one spelling of an email address: stored, looked up and throttled on."""
    return email.strip().lower()


class UserError(DomainError):
    """An account change refused; its words are in messages.py."""


def create_user(email: str, name: str, password: str | None = None,
                role: Role | str = Role.CONSULTANT, *, title: str = "",
                organisation: str = "") -> tuple[User, str]:
    """Create an account; returns it with the password (generated when not given). Title and
    organisation start the profile a client reads (names.display_name)."""
    email = normalise_email(email)
    try:
        role = Role(role)
    except ValueError:
        raise UserError("unknown-role", roles=", ".join(Role)) from None
    if "@" not in email:
        raise UserError("bad-email")
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise UserError("email-taken", email=email)
    password = password or secrets.token_urlsafe(12)
    if len(password) < MIN_PASSWORD:
        raise UserError("password-too-short", min=MIN_PASSWORD)
    user = User(email=email, name=name or email, role=role.value, title=title.strip()[:120],
                organisation=organisation.strip()[:160])
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    logger.info("account %s created (%s)", user.id, role)
    return user, password


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        logger.info("login refused: no account with that email")
        return None
    if not user.active:
        logger.info("login refused: account %s is deactivated", user.id)
        return None
    if not user.check_password(password):
        logger.info("login refused: wrong password for account %s", user.id)
        return None
    return user


def change_password(user: User, password: str) -> None:
    """A new password chosen by its owner; every session of the account ends (User.get_id)."""
    if len(password) < MIN_PASSWORD:
        raise UserError("password-too-short", min=MIN_PASSWORD)
    user.set_password(password)
    user.end_sessions()
    logger.info("password of account %s changed by its owner", user.id)


#: Failed logins per client address and normalised email (login_key).
throttle = Throttle("login", limit=5)


def login_key(address: str | None, email: str) -> str:
    """The throttle key of a login attempt: the same normalised email the login itself uses, so
    padding or capitals never make a fresh count."""
    return f"{address or '-'}|{normalise_email(email)}"


def update_profile(user: User, *, name: str, title: str, organisation: str, phone: str,
                   locale: str | None = None) -> None:
    """The profile a client reads (names.display_name); the form has checked lengths and shapes."""
    user.name, user.title, user.organisation, user.phone = name, title, organisation, phone
    if locale in ("en", "zh"):
        user.locale = locale
    logger.info("account %s updated its profile", user.id)
