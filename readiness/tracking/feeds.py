"""Calendar feeds (.ics, RFC 5545): per engagement or per team member, behind a random token.

A calendar app cannot log in, so the URL's token is the credential: 256 random bits, shown only
to those who may track, revocable. The feed carries checkpoint titles, dates, status and owner,
no emails and no evidence.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..auth.models import User, utcnow
from ..engagements.models import Engagement
from ..extensions import db
from .models import CalendarFeed, TrackedCheckpoint
from .sync import tracked

PRODID = "-//Readiness//Checkpoint tracking//EN"


def feeds(engagement: Engagement) -> list[CalendarFeed]:
    return list(db.session.scalars(sa.select(CalendarFeed).where(
        CalendarFeed.engagement_id == engagement.id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.id)))


def create_feed(engagement: Engagement, member_id: int | None, user: User) -> CalendarFeed | None:
    """None when `member_id` is not a team member of this engagement."""
    if member_id is not None and member_id not in {m.id for m in engagement.team}:
        return None
    feed = CalendarFeed(engagement_id=engagement.id, member_id=member_id, created_by=user.id,
                        token=secrets.token_urlsafe(32))
    db.session.add(feed)
    db.session.flush()
    return feed


def revoke_feed(engagement: Engagement, feed_id: int) -> bool:
    feed = db.session.scalar(sa.select(CalendarFeed).where(
        CalendarFeed.id == feed_id, CalendarFeed.engagement_id == engagement.id,
        CalendarFeed.revoked_at.is_(None)))
    if feed is None:
        return False
    feed.revoked_at = utcnow()
    db.session.flush()
    return True


def by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(CalendarFeed).where(
        CalendarFeed.token == token, CalendarFeed.revoked_at.is_(None)))


def feed_checkpoints(feed: CalendarFeed, engagement: Engagement) -> list[TrackedCheckpoint]:
    rows = [r for r in tracked(engagement) if not r.removed_by_regeneration]
    if feed.member_id is not None:
        rows = [r for r in rows if r.owner_member_id == feed.member_id]
    return rows


def escape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma escaped; line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF + one space; never split
    inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def render(name: str, rows: Iterable[TrackedCheckpoint], lang: str, labels: dict[str, str],
           host: str) -> str:
    """The calendar: one all-day event per checkpoint (due date; done ones on their real day)."""
    now = _stamp(utcnow())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for row in rows:
        day = row.done_on if row.status == "done" and row.done_on else row.due
        status = labels.get(row.status, row.status)
        lines += [
            "BEGIN:VEVENT",
            f"UID:checkpoint-{row.id}-{row.key}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(row.title(lang))} [{escape(status)}]",
            f"DESCRIPTION:{escape(row.owner_name)}",
            "STATUS:" + ("CANCELLED" if row.status == "dropped" else "CONFIRMED"),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
