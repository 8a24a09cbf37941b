"""The one place that decides who may see or change an engagement.

Every route that takes an engagement id goes through `get_engagement`; a user who may not see it
gets 404 (not 403), so engagement ids reveal nothing.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from ..auth.models import User
from ..extensions import db
from .models import Engagement, EngagementAccess


def visible_engagements_query(user: User) -> sa.Select:
    query = sa.select(Engagement).order_by(Engagement.created_at.desc(), Engagement.id.desc())
    if user.role == "admin":
        return query
    shared = sa.select(EngagementAccess.engagement_id).where(EngagementAccess.user_id == user.id)
    return query.where(sa.or_(Engagement.owner_id == user.id, Engagement.id.in_(shared)))


def can_edit(user: User, engagement: Engagement) -> bool:
    """Owner, admins and consultants it is shared with edit; client viewers only read."""
    return user.role in ("admin", "consultant") and (
        user.role == "admin" or engagement.owner_id == user.id
        or any(a.user_id == user.id for a in engagement.access))


def get_engagement(engagement_id: int, user: User, *, edit: bool = False) -> Engagement:
    engagement = db.session.scalar(
        visible_engagements_query(user).where(Engagement.id == engagement_id))
    if engagement is None:
        abort(404)
    if edit and not can_edit(user, engagement):
        abort(403)
    return engagement
