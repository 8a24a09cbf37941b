"""Accounts: admins manage users, consultants own engagements, client viewers only read."""
from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import Model, db, login_manager


class Role(StrEnum):
    """An account's role, stored as its value in user.role (a plain string column). What each
    role may do is decided in engagements/access.py."""

    ADMIN = "admin"
    CONSULTANT = "consultant"
    #: A client's reader: sees the engagements shared with it, changes nothing.
    VIEWER = "viewer"
    #: A client's project team: reads like a viewer and updates the roadmap's checkpoints
    #: (status, evidence, comments, real dates) on the engagements shared with it.
    PROJECT_TEAM = "project_team"


def utcnow() -> datetime:
    return datetime.now(UTC)


class User(UserMixin, Model):
    __tablename__ = "user"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    #: Login name; stored lower-case.
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    #: The profile a client reads (names.display_name): job title, firm, phone; "" when not given.
    title: so.Mapped[str] = so.mapped_column(sa.String(120), default="", server_default="")
    organisation: so.Mapped[str] = so.mapped_column(sa.String(160), default="", server_default="")
    phone: so.Mapped[str] = so.mapped_column(sa.String(40), default="", server_default="")
    #: The language of the emails this account receives (checkpoint reminders): en / zh.
    locale: so.Mapped[str] = so.mapped_column(sa.String(8), default="en", server_default="en")
    #: scrypt hash (werkzeug's default), never the password.
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(256))
    #: A Role value: admin / consultant / viewer / project_team.
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default=Role.CONSULTANT.value)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    #: Part of every session's login id (get_id): raised on logout, password change and
    #: deactivation, so every cookie issued before stops working (the cookie is client-side).
    session_version: so.Mapped[int] = so.mapped_column(default=0, server_default="0")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """Flask-Login's "alternative token": the id and the session version, so a session made
        before the version was raised no longer loads its user."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """Every session of this account (all browsers) stops working at its next request."""
        self.session_version = (self.session_version or 0) + 1

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


@login_manager.user_loader
def _load_user(token: str) -> User | None:
    """The user of a session token "id:version" (see User.get_id); None, which logs the browser
    out, when the token is malformed, the version is old or the account is deactivated."""
    user_id, _, version = token.partition(":")
    if not (user_id.isdigit() and version.isdigit()) or len(token) > 40:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or str(user.session_version) != version:
        return None
    return user
