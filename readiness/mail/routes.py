"""The roster's email buttons: invite everyone not yet invited, remind everyone unfinished. Both
only fill the outbox and redirect; delivery runs off the request path (services.kick)."""
from datetime import date

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..engagements.access import get_engagement
from ..extensions import db
from ..respondents.forms import ActionForm
from . import bp
from . import services as mail

BASE = "/engagements/<int:engagement_id>/respondents/email"


def _checked(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not mail.enabled():
        abort(409)
    return engagement


def _done(engagement, queued: int, skipped_text: str | None):
    db.session.commit()
    mail.kick(current_app._get_current_object())  # type: ignore[attr-defined]
    if queued:
        flash(ngettext("%(num)d email is on its way.", "%(num)d emails are on their way.", queued),
              "success")
    if skipped_text:
        flash(skipped_text, "info")
    if not queued and not skipped_text:
        flash(_("Nobody to email: everyone with an address has finished or has no open link."),
              "info")
    return redirect(url_for("respondents.index", engagement_id=engagement.id))


@bp.route(BASE + "/invitations", methods=["POST"])
@login_required
def send_invitations(engagement_id: int):
    engagement = _checked(engagement_id)
    results = [mail.enqueue_invitation(engagement, r)
               for r in mail.invitable(engagement, unfinished_only=True)]
    skipped = results.count(False)
    return _done(engagement, results.count(True), None if not skipped else ngettext(
        "%(num)d person already had this invitation.", "%(num)d people already had this invitation.",
        skipped))


@bp.route(BASE + "/reminders", methods=["POST"])
@login_required
def send_reminders(engagement_id: int):
    engagement = _checked(engagement_id)
    today = date.today()
    results = [mail.enqueue_reminder(engagement, r, today)
               for r in mail.invitable(engagement, unfinished_only=True)]
    skipped = results.count(False)
    return _done(engagement, results.count(True), None if not skipped else ngettext(
        "%(num)d person was already reminded today.", "%(num)d people were already reminded today.",
        skipped))


@bp.app_context_processor
def _mail_helpers():
    # The roster asks these; a function so pages that do not show email run no query.
    return {"mail_enabled": mail.enabled, "mail_latest": mail.latest_by_respondent}
