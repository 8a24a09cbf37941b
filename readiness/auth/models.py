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

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))
