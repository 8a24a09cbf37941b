"""Tracking pages under /engagements/<id>/tracking: the board, one checkpoint (its update form,
files, comments and audit log), the timeline; and "my checkpoints". Reading needs access to the
engagement; every change needs can_track (consultants and the client's project team)."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_track, get_engagement, get_trackable
from ..engagements.models import Engagement
from ..extensions import db
from ..i18n import current_lang
from ..method import tracking as rules
from ..roadmap import services as roadmap_services
from . import bp, services
from .charts import timeline_figure
from .forms import STATUS_LABELS, CommentForm, PostForm, UpdateForm
from .messages import message
from .sync import tracked


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in STATUS_LABELS.items()}


def _audit_fields() -> dict[str, str]:
    """The audit log's field names in words."""
    return {"created": _("Tracked from the roadmap"), "status": _("Status"), "owner": _("Owner"),
            "started_on": _("Started on"), "done_on": _("Done on"), "evidence": _("Evidence"),
            "drop_reason": _("Reason for dropping"), "file": _("File attached"),
            "comment": _("Comment"), "due": _("Due date"), "planned_start": _("Planned start")}


def _tracks(engagement) -> dict[int | None, str]:
    return {None: _("Phase 0"), **{d.id: d.name for d in engagement.departments}}


@bp.route("/engagements/<int:engagement_id>/tracking")
@login_required
def board(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    rows = [r for r in tracked(engagement)]
    department, owner = request.args.get("track", ""), request.args.get("owner", "")
    if department:
        rows = [r for r in rows if str(r.department_id or 0) == department]
    if owner:
        rows = [r for r in rows if (f"m{r.owner_member_id}" if r.owner_member_id else
                                    f"u{r.owner_user_id}" if r.owner_user_id else "") == owner]
    today = date.today()
    threshold = services.amber_days(engagement)
    columns = {status: [r for r in rows if r.status == status] for status in rules.STATUSES}
    return render_template(
        "tracking/board.html", engagement=engagement, columns=columns, labels=_labels(),
        lang=current_lang(), today=today, tracks=_tracks(engagement),
        owners=services.owner_choices(engagement), track_filter=department, owner_filter=owner,
        late={r.id: rules.days_overdue(services.point_of(r), today) for r in rows},
        amber={r.id for r in rows if rules.is_amber(services.point_of(r), today, threshold)},
        lights=services.lights(engagement, today), stored=roadmap_services.is_stored(engagement),
        start_form=PostForm())


@bp.route("/engagements/<int:engagement_id>/tracking/start", methods=["POST"])
@login_required
def start(engagement_id: int):
    """The consultant stores the roadmap, which makes its checkpoints tracked."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    if not PostForm().validate_on_submit():
        abort(400)
    roadmap_services.ensure_stored(engagement)
    db.session.commit()
    flash(_("The roadmap's checkpoints are now tracked."), "success")
    return redirect(url_for("tracking.board", engagement_id=engagement.id))


def _checkpoint(engagement, checkpoint_id: int):
    row = services.get_checkpoint(engagement, checkpoint_id)
    if row is None:
        abort(404)
    return row


def _page(engagement, row, form=None, comment_form=None, status=200):
    today = date.today()
    if form is None:
        form = UpdateForm(formdata=None, obj=row)
        form.owner.data = (f"m{row.owner_member_id}" if row.owner_member_id
                           else f"u{row.owner_user_id}" if row.owner_user_id else "")
    form.setup(services.owner_choices(engagement))
    point = services.point_of(row)
    return render_template(
        "tracking/checkpoint.html", engagement=engagement, row=row, form=form,
        comment_form=comment_form or CommentForm(), labels=_labels(), lang=current_lang(),
        tracks=_tracks(engagement), editable=can_track(current_user, engagement),
        audit_fields=_audit_fields(),
        late=rules.days_overdue(point, today),
        amber=rules.is_amber(point, today, services.amber_days(engagement))), status


@bp.route("/engagements/<int:engagement_id>/tracking/<int:checkpoint_id>")
@login_required
def checkpoint(engagement_id: int, checkpoint_id: int):
    engagement = get_engagement(engagement_id, current_user)
    return _page(engagement, _checkpoint(engagement, checkpoint_id))


@bp.route("/engagements/<int:engagement_id>/tracking/<int:checkpoint_id>/update", methods=["POST"])
@login_required
def update(engagement_id: int, checkpoint_id: int):
    engagement = get_trackable(engagement_id, current_user)
    row = _checkpoint(engagement, checkpoint_id)
    form = UpdateForm().setup(services.owner_choices(engagement))
    if not form.validate_on_submit():
        flash(_("The checkpoint could not be saved."), "error")
        return _page(engagement, row, form, status=422)
    try:
        upload = form.file.data
        if upload and upload.filename:
            services.add_file(row, upload.filename, upload.read(), current_user)
        services.update(engagement, row, services.Change(
            form.status.data, form.owner.data or "", form.started_on.data, form.done_on.data,
            form.evidence.data or "", form.drop_reason.data or ""), current_user, date.today())
    except services.TrackingError as exc:
        db.session.rollback()
        row = _checkpoint(engagement, checkpoint_id)
        flash(_("Not saved: %(reason)s", reason=message(exc)), "error")
        return _page(engagement, row, form, status=422)
    db.session.commit()
    flash(_("Checkpoint saved."), "success")
    return redirect(url_for("tracking.checkpoint", engagement_id=engagement.id,
                            checkpoint_id=row.id))


@bp.route("/engagements/<int:engagement_id>/tracking/<int:checkpoint_id>/comment", methods=["POST"])
@login_required
def comment(engagement_id: int, checkpoint_id: int):
    engagement = get_trackable(engagement_id, current_user)
    row = _checkpoint(engagement, checkpoint_id)
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("The comment could not be saved."), "error")
        return _page(engagement, row, comment_form=form, status=422)
    try:
        services.add_comment(row, form.body.data, current_user)
    except services.TrackingError as exc:
        flash(_("Not saved: %(reason)s", reason=message(exc)), "error")
        return _page(engagement, row, comment_form=form, status=422)
    db.session.commit()
    return redirect(url_for("tracking.checkpoint", engagement_id=engagement.id,
                            checkpoint_id=row.id, _anchor="comments"))


@bp.route("/engagements/<int:engagement_id>/tracking/<int:checkpoint_id>/files/<int:file_id>")
@login_required
def file(engagement_id: int, checkpoint_id: int, file_id: int):
    engagement = get_engagement(engagement_id, current_user)
    evidence = services.get_file(_checkpoint(engagement, checkpoint_id), file_id)
    if evidence is None:
        abort(404)
    response = send_file(BytesIO(evidence.data), mimetype=evidence.content_type,
                         as_attachment=True, download_name=evidence.filename)
    # An uploaded file is never shown inline nor sniffed into HTML by the browser.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/engagements/<int:engagement_id>/tracking/timeline")
@login_required
def timeline(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    rows = [r for r in tracked(engagement) if not r.removed_by_regeneration]
    lang = current_lang()
    figure = timeline_figure(rows, _tracks(engagement), date.today(), _labels(), lang) if rows else None
    return render_template("tracking/timeline.html", engagement=engagement, lang=lang,
                           figure=figure.to_plotly_json() if figure else None,
                           stored=roadmap_services.is_stored(engagement))


@bp.route("/my/checkpoints")
@login_required
def mine():
    today = date.today()
    rows = services.my_checkpoints(current_user)
    clients = dict(db.session.execute(sa.select(Engagement.id, Engagement.client).where(
        Engagement.id.in_({r.engagement_id for r in rows}))).all())
    return render_template("tracking/mine.html", rows=rows, labels=_labels(), lang=current_lang(),
                           clients=clients,
                           late={r.id: rules.days_overdue(services.point_of(r), today) for r in rows})
