"""The consultant's invitation pages: roster, add one, import CSV, revoke / re-issue / reopen, and the
printable QR sheet. Personal links are keys to a person's answers, so only people who may edit the
engagement see them (client viewers see the roster without links)."""
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..edge import parse_id
from ..engagements.access import can_edit, get_engagement
from ..engagements.response import engagement_figures
from ..extensions import db
from ..waves.rounds import current_number
from . import bp, import_reports
from . import invitations as inv
from .csvimport import CsvError, decode
from .forms import ROLE_LABELS, STATUS_LABELS, ActionForm, ImportForm, RespondentForm
from .messages import message

BASE = "/engagements/<int:engagement_id>/respondents"
SHEET_PAGE = 120


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return parse_id(value)  # "²" is a digit to str.isdigit, and 400 nines overflow the query


def _filters(engagement) -> dict:
    department = _int_arg("department")
    if department not in {d.id for d in engagement.departments}:
        department = None
    status = request.args.get("status")
    return {"department_id": department, "status": status if status in inv.STATUSES else None}


def _render_index(engagement, form=None, import_form=None, report=None, status=200):
    form = form or RespondentForm(formdata=None)
    form.set_departments(engagement)
    filters = _filters(engagement)
    page = inv.roster(engagement, page=_int_arg("page") or 1, **filters)
    questionnaire = engagement.questionnaire_version.parsed()
    return render_template(
        "respondents/index.html", engagement=engagement, page=page, filters=filters,
        summary=engagement_figures(engagement), total_items=len(questionnaire.items()),
        participants=inv.workshop_participants(engagement),
        answered=inv.answered_counts([r.id for r in page.respondents]),
        departments={d.id: d.name for d in engagement.departments},
        form=form, import_form=import_form or ImportForm(formdata=None), report=report,
        role_labels=ROLE_LABELS, status_labels=STATUS_LABELS,
        status_of=inv.display_status, editor=can_edit(current_user, engagement),
        wave=current_number(engagement)), status


@bp.route(BASE)
@login_required
def index(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    report = import_reports.load(current_app.instance_path, request.args.get("imported"),
                                 engagement.id, current_user.id)
    if report is None:
        return _render_index(engagement)
    # Refill the text box with the rejected rows only, ready to fix and import again.
    refill = ImportForm(formdata=None, data={"csv_text": report.rejected_csv})
    return _render_index(engagement, import_form=refill, report=report)


@bp.route(BASE, methods=["POST"])
@login_required
def add(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = RespondentForm()
    form.set_departments(engagement)
    if form.validate_on_submit():
        try:
            respondent = inv.add_respondent(engagement, form.name.data, form.email.data or "",
                                            form.role.data, form.department.data or None)
        except inv.InvitationError as exc:
            getattr(form, exc.field).errors.append(message(exc))
        else:
            db.session.commit()
            flash(_("%(name)s added. Their personal link is in the list.", name=respondent.name),
                  "success")
            return redirect(url_for(".index", engagement_id=engagement.id))
    return _render_index(engagement, form=form, status=400)


@bp.route(BASE + "/import", methods=["POST"])
@login_required
def import_csv(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = ImportForm()
    if not form.validate_on_submit():
        return _render_index(engagement, import_form=form, status=400)
    upload = form.csv_file.data
    try:
        text = decode(upload.read()) if upload and upload.filename else form.csv_text.data
        result = inv.import_csv(engagement, text)
    except CsvError as exc:
        form.csv_text.errors.append(message(exc))
        return _render_index(engagement, import_form=form, status=400)
    if not result.rows and result.errors:  # nothing stored: the page is answered directly
        refill = ImportForm(formdata=None, data={"csv_text": result.rejected_csv})
        return _render_index(engagement, import_form=refill, report=result, status=400)
    db.session.commit()
    # Redirect (post/redirect/get): Back or reload never imports the same rows twice. The report
    # and the rejected rows wait for the next page under an unguessable token.
    token = import_reports.save(current_app.instance_path, engagement.id, current_user.id, result)
    return redirect(url_for(".index", engagement_id=engagement.id, imported=token))


def _action(engagement_id: int, respondent_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    respondent = inv.get_respondent(engagement, respondent_id)
    if respondent is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    return engagement, respondent


def _back(engagement):
    filters: dict[str, Any] = {k: v for k, v in request.args.items()
                               if k in ("department", "status", "page")}
    return redirect(url_for(".index", engagement_id=engagement.id, **filters))


@bp.route(BASE + "/<int:respondent_id>/revoke", methods=["POST"])
@login_required
def revoke(engagement_id: int, respondent_id: int):
    engagement, respondent = _action(engagement_id, respondent_id)
    inv.revoke(respondent)
    db.session.commit()
    flash(_("The link of %(name)s no longer works and their answers no longer count.",
            name=respondent.name), "success")
    return _back(engagement)


@bp.route(BASE + "/<int:respondent_id>/reissue", methods=["POST"])
@login_required
def reissue(engagement_id: int, respondent_id: int):
    engagement, respondent = _action(engagement_id, respondent_id)
    inv.reissue(respondent)
    db.session.commit()
    flash(_("%(name)s has a new link; the old one no longer works.", name=respondent.name),
          "success")
    return _back(engagement)


@bp.route(BASE + "/<int:respondent_id>/reopen", methods=["POST"])
@login_required
def reopen(engagement_id: int, respondent_id: int):
    engagement, respondent = _action(engagement_id, respondent_id)
    if respondent.status != "completed":
        flash(_("Only a completed questionnaire can be reopened."), "error")
        return _back(engagement)
    inv.reopen(respondent)
    db.session.commit()
    flash(_("The questionnaire of %(name)s is open again.", name=respondent.name), "success")
    return _back(engagement)


@bp.route(BASE + "/sheet")
@login_required
def sheet(engagement_id: int):
    """Printable cards with link and QR code. The links are keys: editors only."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    filters = _filters(engagement)
    page = inv.roster(engagement, page=_int_arg("page") or 1, per_page=SHEET_PAGE,
                      include_revoked=False, **filters)
    cards = []
    for respondent in page.respondents:
        url = url_for("respond.intro", token=respondent.token, _external=True)
        cards.append((respondent, url, inv.qr_svg(url)))
    return render_template(
        "respondents/sheet.html", engagement=engagement, cards=cards, page=page, filters=filters,
        departments={d.id: d.name for d in engagement.departments}, role_labels=ROLE_LABELS)
