"""The one place that decides who may see or change what: every permission is a named function.

Every route that takes an engagement id goes through `get_engagement`; a user who may not see it
gets 404 (not 403), so engagement ids reveal nothing. Templates call the same functions
(TEMPLATE_GLOBALS, registered by engagements.routes), never compare roles themselves.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from ..auth.models import Role, User
from ..extensions import db
from .models import Engagement, EngagementAccess

# Accounts --------------------------------------------------------------------------------------

def can_manage_users(user: User) -> bool:
    """The /admin area (accounts, activation, passwords) is the admins'; others get 404 there."""
    return user.role == Role.ADMIN


def sees_every_engagement(user: User) -> bool:
    """Admins see and edit every engagement without it being shared with them (so it never is)."""
    return user.role == Role.ADMIN


def can_create_engagement(user: User) -> bool:
    """Admins and consultants start engagements; client viewers only read shared ones."""
    return user.role in (Role.ADMIN, Role.CONSULTANT)


def can_manage_questionnaires(user: User) -> bool:
    """Questionnaire definitions (upload, edit, copy, download, compare) are the consultancy's
    instruments: admins and consultants manage them; client accounts get 403."""
    return user.role in (Role.ADMIN, Role.CONSULTANT)


# One engagement ---------------------------------------------------------------------------------

def visible_engagements_query(user: User) -> sa.Select:
    """The engagements `user` may see (can_view as a query), newest first."""
    query = sa.select(Engagement).order_by(Engagement.created_at.desc(), Engagement.id.desc())
    if sees_every_engagement(user):
        return query
    shared = sa.select(EngagementAccess.engagement_id).where(EngagementAccess.user_id == user.id)
    return query.where(sa.or_(Engagement.owner_id == user.id, Engagement.id.in_(shared)))


def can_view(user: User, engagement: Engagement) -> bool:
    """Admins, the owner and the accounts it is shared with (any role) see an engagement."""
    return (sees_every_engagement(user) or engagement.owner_id == user.id
            or any(a.user_id == user.id for a in engagement.access))


def can_edit(user: User, engagement: Engagement) -> bool:
    """Owner, admins and consultants it is shared with edit; client viewers only read."""
    return can_create_engagement(user) and can_view(user, engagement)


def can_share(user: User, engagement: Engagement) -> bool:
    """Sharing and revoking are the owner's (or an admin's), not a shared consultant's."""
    return can_edit(user, engagement) and (
        sees_every_engagement(user) or engagement.owner_id == user.id)


def can_start_report(user: User, engagement: Engagement) -> bool:
    """Everyone who sees an engagement, client viewers included, may render its PDF report.

    Decided (issue 11): the client's executive reads the report, so a client viewer may render
    the client copy, the report the client is given anyway. Two limits hold for every role:
    one running report job per account at a time (report/jobs.start refuses a second, so a
    viewer cannot flood the single worker), and a viewer never gets a working copy (the
    consultants' internal version with rule ids and notes): that option is for can_edit only.
    """
    return can_view(user, engagement)


def can_track(user: User, engagement: Engagement) -> bool:
    """R-TRACK-1: who updates checkpoints (status, evidence, comments, real dates): those who edit
    the engagement, and the client's project team it is shared with. Viewers only read."""
    return can_edit(user, engagement) or (
        user.role == Role.PROJECT_TEAM and can_view(user, engagement))


def get_engagement(engagement_id: int, user: User, *, edit: bool = False) -> Engagement:
    engagement = db.session.scalar(
        visible_engagements_query(user).where(Engagement.id == engagement_id))
    if engagement is None:
        abort(404)
    if edit and not can_edit(user, engagement):
        abort(403)
    return engagement


def get_trackable(engagement_id: int, user: User) -> Engagement:
    """get_engagement for a checkpoint change: strangers 404, those who may not track 403."""
    engagement = get_engagement(engagement_id, user)
    if not can_track(user, engagement):
        abort(403)
    return engagement


#: The permissions templates call, e.g. {% if can_share(current_user, engagement) %}.
TEMPLATE_GLOBALS = {f.__name__: f for f in (
    can_manage_users, can_manage_questionnaires, can_create_engagement, can_view, can_edit,
    can_share, can_start_report,
    can_track)}
