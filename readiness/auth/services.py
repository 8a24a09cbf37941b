"""Accounts and login throttling."""
from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import defaultdict, deque

import sqlalchemy as sa

from ..errors import DomainError
from ..extensions import db
from .models import Role, User

logger = logging.getLogger(__name__)


MIN_PASSWORD = 10


class UserError(DomainError):
    """An account change refused; its words are in messages.py."""


def create_user(email: str, name: str, password: str | None = None,
                role: Role | str = Role.CONSULTANT, *, title: str = "",
                organisation: str = "") -> tuple[User, str]:
    """Create an account; returns it with the password (generated when not given). Title and
    organisation start the profile a client reads (names.display_name)."""
    email = email.strip().lower()
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
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
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


class LoginThrottle:
    """At most `limit` failed logins per key (client address + email) per `window` seconds.

    In-process memory: with several gunicorn workers each keeps its own count, which still bounds
    guessing to limit x workers per window.
    """

    def __init__(self, limit: int = 5, window: float = 300.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque:
        failures = self._failures[key]
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._prune(key, time.monotonic())) >= self.limit

    def failed(self, key: str) -> None:
        with self._lock:
            failures = self._prune(key, time.monotonic())
            failures.append(time.monotonic())
            if len(failures) == self.limit:  # the key is a client address and an email: not logged
                logger.warning("login throttled: %d failed logins for one address and account "
                               "within %.0f s", self.limit, self.window)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


throttle = LoginThrottle()


def update_profile(user: User, *, name: str, title: str, organisation: str, phone: str,
                   locale: str | None = None) -> None:
    """The profile a client reads (names.display_name); the form has checked lengths and shapes."""
    user.name, user.title, user.organisation, user.phone = name, title, organisation, phone
    if locale in ("en", "zh"):
        user.locale = locale
    logger.info("account %s updated its profile", user.id)
