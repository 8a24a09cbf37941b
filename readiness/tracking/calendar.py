"""Calendar feeds: the page that makes and revokes them (those who track), and the .ics itself,
read by calendar apps with the token alone (no login, no session, no CSRF: it only reads)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import get_trackable
from ..engagements.models import Engagement
from ..extensions import db
from . import bp, feeds
from .forms import STATUS_LABELS, FeedForm, PostForm


@bp.route("/engagements/<int:engagement_id>/tracking/calendar")
@login_required
def calendars(engagement_id: int):
    engagement = get_trackable(engagement_id, current_user)
    return render_template("tracking/calendar.html", engagement=engagement,
                           feeds=feeds.feeds(engagement), form=FeedForm(), revoke_form=PostForm())


@bp.route("/engagements/<int:engagement_id>/tracking/calendar/new", methods=["POST"])
@login_required
def new_calendar(engagement_id: int):
    engagement = get_trackable(engagement_id, current_user)
    form = FeedForm()
    if not form.validate_on_submit():
        abort(400)
    if feeds.create_feed(engagement, form.member_id.data, current_user) is None:
        abort(404)
    db.session.commit()
    flash(_("Calendar link made. Add it to your calendar app as a subscription."), "success")
    return redirect(url_for("tracking.calendars", engagement_id=engagement.id))


@bp.route("/engagements/<int:engagement_id>/tracking/calendar/<int:feed_id>/revoke",
          methods=["POST"])
@login_required
def revoke_calendar(engagement_id: int, feed_id: int):
    engagement = get_trackable(engagement_id, current_user)
    if not PostForm().validate_on_submit():
        abort(400)
    if not feeds.revoke_feed(engagement, feed_id):
        abort(404)
    db.session.commit()
    flash(_("Calendar link revoked: it no longer works."), "success")
    return redirect(url_for("tracking.calendars", engagement_id=engagement.id))


@bp.route("/calendar/<token>.ics")
def ics(token: str):
    feed = feeds.by_token(token)
    if feed is None:
        abort(404)
    engagement = db.session.get(Engagement, feed.engagement_id)
    if engagement is None:
        abort(404)
    lang = "zh" if request.args.get("lang") == "zh" else "en"
    with force_locale(lang):
        labels = {k: str(v) for k, v in STATUS_LABELS.items()}
        name = engagement.client + (f" · {feed.member.name}" if feed.member else "")
        body = feeds.render(name, feeds.feed_checkpoints(feed, engagement), lang, labels,
                            request.host.split(":")[0] or "readiness")
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = "inline; filename=checkpoints.ics"
    response.headers["Cache-Control"] = "private, no-store"
    return response
