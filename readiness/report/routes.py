import io

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_edit, can_start_report, get_engagement
from . import bp, jobs
from .forms import ReportForm


def _job(engagement, job_id):
    job = jobs.get(job_id)
    if job is None or job.engagement_id != engagement.id:
        abort(404)
    return job


@bp.route("/engagements/<int:engagement_id>/report")
@login_required
def index(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    return render_template("report/index.html", engagement=engagement, form=ReportForm(),
                           jobs=jobs.recent(engagement.id),
                           current=request.args.get("job"))


@bp.route("/engagements/<int:engagement_id>/report", methods=["POST"])
@login_required
def create(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    if not can_start_report(current_user, engagement):
        abort(403)
    form = ReportForm()
    if not form.validate_on_submit():
        abort(400)
    # The client's viewers read client copies only: a working copy asked for by hand is refused.
    if form.working_copy.data and not can_edit(current_user, engagement):
        abort(403)
    # The app itself, not the proxy: the inline runner keeps it. Flask types the proxy as Flask.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        job_id = jobs.start(app, engagement.id, form.lang.data, current_user.id,
                            fmt=form.format.data, working_copy=bool(form.working_copy.data))
    except jobs.AlreadyRunning as running:
        flash(_("Your previous report is still being prepared. Start the next one when it is "
                "done."), "error")
        return redirect(url_for("reports.index", engagement_id=running.job.engagement_id,
                                job=running.job.id))
    return redirect(url_for("reports.index", engagement_id=engagement.id, job=job_id))


@bp.route("/engagements/<int:engagement_id>/report/<job_id>.json")
@login_required
def status(engagement_id: int, job_id: str):
    engagement = get_engagement(engagement_id, current_user)
    job = _job(engagement, job_id)
    return jsonify({"status": job.status, "stage": job.stage, "lang": job.lang, "size": job.size,
                    "error": job.error or None, "format": job.format,
                    "stages": list(jobs.STAGES)})


@bp.route("/engagements/<int:engagement_id>/report/<job_id>.<fmt>")
@login_required
def download(engagement_id: int, job_id: str, fmt: str):
    engagement = get_engagement(engagement_id, current_user)
    job = _job(engagement, job_id)
    if fmt != job.format or job.status != "done" or job.content is None:
        abort(404)
    safe_client = "".join(c if c.isalnum() else "-" for c in engagement.client).strip("-")[:60]
    copy = "-working-copy" if job.working_copy else ""
    return send_file(io.BytesIO(job.content), mimetype=jobs.FORMATS[fmt], as_attachment=True,
                     download_name=f"readiness-{safe_client or engagement.id}-{job.lang}{copy}.{fmt}")
