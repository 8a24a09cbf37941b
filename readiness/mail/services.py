"""Compose messages into the outbox (inside a request or a CLI app context) and deliver them off
the request path. Each message is rendered in the recipient's language with their personal link;
its dedupe key makes a second enqueue of the same message a no-op (never sent twice)."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import sqlalchemy as sa
from flask import Flask, current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from .. import redis_conn
from ..auth.models import utcnow
from ..auth.names import display_name
from ..engagements.models import Engagement
from ..extensions import db
from ..respondents.models import Respondent
from .models import OutboundMessage
from .transport import Refused, SmtpSettings, send

logger = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")
MAX_ATTEMPTS = 3


def enabled(app: Flask | None = None) -> bool:
    return bool((app or current_app).config.get("SMTP_URL"))


def _enqueue(engagement: Engagement, about: Respondent | None, kind: str, key: str,
             recipient: str, template: str, lang: str, /, **context) -> bool:
    """Render and store one message; False when the same message is already in the outbox."""
    if db.session.scalar(sa.select(OutboundMessage.id).where(OutboundMessage.dedupe_key == key)):
        return False
    with force_locale(lang):
        html = render_template(f"mail/{template}.html", engagement=engagement, **context)
        text = render_template(f"mail/{template}.txt", engagement=engagement, **context)
        subject = context["subject"]
    try:
        with db.session.begin_nested():  # a concurrent enqueue of the same key loses quietly
            db.session.add(OutboundMessage(
                engagement_id=engagement.id, respondent_id=about.id if about else None,
                kind=kind, dedupe_key=key, recipient=recipient, subject=str(subject)[:300],
                text_body=text, html_body=html))
    except sa.exc.IntegrityError:
        return False
    return True


def _respondent_context(engagement: Engagement, respondent: Respondent) -> dict:
    return {"respondent": respondent, "consultant": display_name(engagement.owner),
            "link": url_for("respond.intro", token=respondent.token, _external=True)}


def enqueue_invitation(engagement: Engagement, respondent: Respondent) -> bool:
    # Keyed on the link: a re-issued link deserves a new invitation, the same link does not.
    with force_locale(respondent.locale):
        subject = _("%(client)s: your view on our customer work", client=engagement.client)
    return _enqueue(engagement, respondent, "invitation",
                    f"invitation:{respondent.id}:{respondent.token[:12]}", respondent.email,
                    "invitation", respondent.locale, subject=subject,
                    **_respondent_context(engagement, respondent))


def enqueue_reminder(engagement: Engagement, respondent: Respondent, today: date) -> bool:
    # At most one reminder per respondent per day, however often the button is pressed.
    with force_locale(respondent.locale):
        subject = _("Reminder: %(client)s questionnaire", client=engagement.client)
    return _enqueue(engagement, respondent, "reminder",
                    f"reminder:{respondent.id}:{today.isoformat()}", respondent.email,
                    "reminder", respondent.locale, subject=subject,
                    **_respondent_context(engagement, respondent))


def enqueue_checkpoint_reminder(engagement: Engagement, *, key: str, due: date, overdue: bool,
                                recipient: str, name: str, lang: str, title: str,
                                link: str) -> bool:
    """A checkpoint due soon or overdue; one message per checkpoint, due date and state."""
    with force_locale(lang):
        subject = (_("Overdue: %(title)s", title=title) if overdue
                   else _("Due soon: %(title)s", title=title))
    state = "overdue" if overdue else "due"
    return _enqueue(engagement, None, "checkpoint", f"checkpoint:{key}:{due.isoformat()}:{state}",
                    recipient, "checkpoint", lang, subject=subject, name=name, title=title,
                    due=due, overdue=overdue, link=link)


def invitable(engagement: Engagement, *, unfinished_only: bool) -> list[Respondent]:
    query = sa.select(Respondent).where(
        Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False),
        Respondent.email != "", Respondent.source == "survey")
    if unfinished_only:
        query = query.where(Respondent.status != "completed")
    return list(db.session.scalars(query.order_by(Respondent.id)))


def latest_by_respondent(respondent_ids: list[int]) -> dict[int, OutboundMessage]:
    """The newest message per respondent, for the roster's email column."""
    if not respondent_ids:
        return {}
    rows = db.session.scalars(sa.select(OutboundMessage).where(
        OutboundMessage.respondent_id.in_(respondent_ids)).order_by(OutboundMessage.id))
    return {m.respondent_id: m for m in rows if m.respondent_id is not None}


def _email(app: Flask, message: OutboundMessage) -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = app.config["MAIL_FROM"]
    email["To"] = formataddr(("", message.recipient))
    email["Message-ID"] = make_msgid(domain="readiness.local")
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    return email


def deliver_pending(app: Flask, limit: int = 200) -> int:
    """Send queued messages; each is claimed by one conditional UPDATE first, so two workers
    never send the same message. Returns how many were sent."""
    settings = SmtpSettings.from_url(app.config["SMTP_URL"])
    sent = 0
    with app.app_context():
        ids = db.session.scalars(sa.select(OutboundMessage.id).where(
            OutboundMessage.status == "queued").order_by(OutboundMessage.id).limit(limit)).all()
        for message_id in ids:
            claimed = db.session.execute(sa.update(OutboundMessage).where(
                OutboundMessage.id == message_id, OutboundMessage.status == "queued")
                .values(status="sending", attempts=OutboundMessage.attempts + 1))
            db.session.commit()
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue
            message = db.session.get_one(OutboundMessage, message_id)
            try:
                send(settings, _email(app, message))
                message.status, message.sent_at, message.error = "sent", utcnow(), ""
                sent += 1
            except Refused as exc:
                message.status, message.error = "failed", str(exc)[:500]
            except Exception as exc:  # server down: retried on the next delivery, then failed
                logger.warning("mail delivery failed for message %s: %s", message_id, exc)
                message.error = str(exc)[:500] or exc.__class__.__name__
                message.status = "failed" if message.attempts >= MAX_ATTEMPTS else "queued"
            db.session.commit()
        db.session.remove()
    return sent


def kick(app: Flask) -> None:
    """Deliver the outbox off the request path: an RQ job for any `readiness worker` when there is
    a Redis, else a thread of this process (inline in tests that ask for it)."""
    if not enabled(app):
        return
    queue = redis_conn.queue(app)
    if app.config.get("MAIL_INLINE"):
        deliver_pending(app)
    elif queue is not None:
        queue.enqueue("readiness.mail.services.deliver_rq_job", result_ttl=0, failure_ttl=86400)
    else:
        _executor.submit(_deliver_logged, app)


def _deliver_logged(app: Flask) -> None:
    try:
        deliver_pending(app)
    except Exception:
        logger.exception("mail delivery run failed")


def deliver_rq_job() -> int:
    """The RQ job: `readiness worker` runs it inside its app context. A failure is logged here with
    its traceback and raised again, so RQ keeps the job among the failed ones."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        return deliver_pending(app)
    except Exception:
        logger.exception("mail delivery run failed")
        raise
