"""`readiness send-reminders`: run from cron (e.g. daily) to remind respondents who have not
finished and deliver the outbox. Links start with PUBLIC_URL, since there is no request."""
from __future__ import annotations

from datetime import date

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from ..engagements.models import Engagement
from ..extensions import db
from . import services as mail
from .checkpoints import queue_checkpoint_reminders


@click.command("send-reminders")
@click.option("--engagement", "engagement_id", type=int, default=None,
              help="Only this engagement (default: every engagement).")
@with_appcontext
def send_reminders_command(engagement_id: int | None):
    """Email a reminder to every respondent who has not finished (once a day at most) and to the
    owners of checkpoints due within a week or overdue (once per due date), then send."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not mail.enabled(app):
        raise click.ClickException("email is off: set SMTP_URL (see README)")
    query = sa.select(Engagement)
    if engagement_id is not None:
        query = query.where(Engagement.id == engagement_id)
    queued = checkpoints = 0
    with app.test_request_context(base_url=app.config["PUBLIC_URL"]):
        for engagement in db.session.scalars(query).all():
            for respondent in mail.invitable(engagement, unfinished_only=True):
                queued += mail.enqueue_reminder(engagement, respondent, date.today())
            checkpoints += queue_checkpoint_reminders(engagement, date.today())
        db.session.commit()
    sent = mail.deliver_pending(app)
    click.echo(f"Queued {queued} reminders and {checkpoints} checkpoint reminders; "
               f"sent {sent} messages.")
