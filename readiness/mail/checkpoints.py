"""Checkpoint reminders (R-TRACK-1): a checkpoint owned by an account, not done or dropped, gets
one email when it falls due within REMINDER_DAYS and one when it is overdue, in the owner's
language, with the link to update it. Team members without an account have no address: the
board and the calendar feed remind them."""
from __future__ import annotations

from datetime import date

from flask import url_for

from ..engagements.models import Engagement
from ..method import tracking as rules
from ..tracking.sync import point_of, tracked
from . import services as mail

REMINDER_DAYS = 7


def queue_checkpoint_reminders(engagement: Engagement, today: date,
                               days_ahead: int = REMINDER_DAYS) -> int:
    queued = 0
    for row in tracked(engagement):
        owner = row.owner_user
        if row.removed_by_regeneration or owner is None or not owner.email or not owner.active:
            continue
        point = point_of(row)
        if row.status in rules.CLOSED:  # done, or dropped (with or without its reason yet)
            continue
        overdue = rules.is_overdue(point, today)
        if not overdue and (row.due - today).days > days_ahead:
            continue
        lang = owner.locale if owner.locale in ("en", "zh") else "en"
        title = (row.title_zh or row.title_en) if lang == "zh" else row.title_en
        queued += mail.enqueue_checkpoint_reminder(
            engagement, key=f"{engagement.id}:{row.key}", due=row.due, overdue=overdue,
            recipient=owner.email, name=owner.name, lang=lang, title=title,
            link=url_for("tracking.checkpoint", engagement_id=engagement.id,
                         checkpoint_id=row.id, _external=True))
    return queued
