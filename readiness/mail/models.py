"""The outbox: every message is written here (rendered, in the recipient's language) before it is
sent, so sending runs off the request path and a message is never sent twice."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model

KINDS = ("invitation", "reminder", "checkpoint")
STATES = ("queued", "sent", "failed")


class OutboundMessage(Model):
    __tablename__ = "outbound_message"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    #: The respondent it invites or reminds (None for a checkpoint reminder to a team member).
    respondent_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("respondent.id", ondelete="CASCADE"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    #: What makes the message unique ("reminder:12:2026-12-01"): a second enqueue is a no-op.
    dedupe_key: so.Mapped[str] = so.mapped_column(sa.String(200), unique=True)
    recipient: so.Mapped[str] = so.mapped_column(sa.String(254))
    subject: so.Mapped[str] = so.mapped_column(sa.String(300))
    text_body: so.Mapped[str] = so.mapped_column(sa.Text)
    html_body: so.Mapped[str] = so.mapped_column(sa.Text)
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default="queued", index=True)
    #: The SMTP server's reason when it refused the message (shown on the roster).
    error: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    sent_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
