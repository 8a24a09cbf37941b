"""The Export button (a JSON download) and the Import page (upload, check, a new engagement)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..edge import MESSAGES as EDGE_MESSAGES
from ..engagements.access import can_create_engagement, get_engagement
from ..extensions import csrf
from . import bp
from .forms import ImportForm
from .messages import message
from .services import export_bytes, filename, import_bytes
from .validate import MAX_BYTES, BackupError


@bp.route("/engagements/<int:engagement_id>/export")
@login_required
def export(engagement_id: int):
    """Those who edit the engagement download it (its answers and people's names, not links)."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    return Response(export_bytes(engagement), mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename(engagement)}"',
        "Cache-Control": "no-store"})


@bp.route("/engagements/import", methods=["GET", "POST"])
@csrf.exempt  # the app-wide check would parse the body under the usual 5 MB limit: ImportForm
@login_required  # checks the CSRF token itself (a FlaskForm), after the limit is raised below
def import_page():
    if not can_create_engagement(current_user):
        abort(404)
    # A backup carries its evidence files: more than the app's usual upload limit.
    request.max_content_length = MAX_BYTES
    form = ImportForm()
    error = None
    if form.validate_on_submit():
        upload = form.backup.data
        if not upload or not getattr(upload, "filename", ""):
            error = message("no-file")
        else:
            try:
                engagement = import_bytes(upload.read(MAX_BYTES + 1), current_user)
            except BackupError as exc:
                error = message(exc)
            else:
                flash(_("Imported as a new engagement: %(client)s. Respondents have new links.",
                        client=engagement.client), "success")
                return redirect(url_for("engagements.overview", engagement_id=engagement.id))
    elif form.is_submitted():  # the CSRF token missing or expired
        error = EDGE_MESSAGES.message("bad-request")
    status = 422 if error else 200
    return render_template("backup/import.html", form=form, error=error), status
