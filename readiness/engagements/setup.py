"""Engagement set-up: create one, then edit its facts, departments, project team and reusable
assets on one page of plain POST forms (no JavaScript needed). Routes stay thin: validate a form,
call a service, commit, flash, redirect."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..extensions import db
from ..i18n import current_lang
from ..questionnaires.services import BUILTIN_KEY
from . import bp, services
from .access import can_create_engagement, can_edit, get_engagement
from .forms import (
    AssetForm,
    ConfirmForm,
    EngagementForm,
    NewDepartmentForm,
    TeamMemberForm,
    department_form,
)
from .messages import message

ADD_FORMS: dict[str, type[FlaskForm]] = {"departments": NewDepartmentForm, "team": TeamMemberForm,
                                         "assets": AssetForm}


def _row_form(kind: str, engagement, row=None, bound: bool = False):
    """The edit form of one row; unbound forms are filled from the row, never from the request."""
    extra = {} if bound else {"formdata": None}
    if kind == "departments":
        questionnaire = engagement.questionnaire_version.parsed()
        return department_form(questionnaire, current_lang(), obj=row, **extra)
    return ADD_FORMS[kind](obj=row, **extra)


def _row_values(kind: str, form) -> dict:
    values = {f.name: f.data for f in form if f.name != "csrf_token"}
    if kind == "departments" and hasattr(form, "fit_answers"):
        values = {k: v for k, v in values.items() if not k.startswith("fit_")}
        values["fit_answers"] = form.fit_answers()
    return values


def _facts_form(engagement=None, bound: bool = False, versions: bool = True) -> EngagementForm:
    form = EngagementForm(obj=engagement, **({} if bound else {"formdata": None}))
    if not versions:  # answers are given on the engagement's version: it stays fixed
        del form.questionnaire_version_id
        return form
    stored = services.questionnaire_versions()
    form.set_versions(stored)
    if engagement is None and not bound:
        form.start_date.data = date.today()
        if stored:  # none before `readiness db upgrade` has stored the built-in one
            # The newest version of the main questionnaire, else the newest of any.
            main = [v for v in stored if v.key == BUILTIN_KEY]
            form.questionnaire_version_id.data = (main or stored)[0].id
    return form


def setup_page(engagement, status: int = 200, bound: dict | None = None):
    """The whole set-up page; `bound` holds the one submitted form that failed, keyed like the
    others ("facts", ("new", kind) or (kind, row id)), so its input and errors are shown."""
    bound = bound or {}
    questionnaire = engagement.questionnaire_version.parsed()
    locked = services.has_answers(engagement)
    facts = bound.get("facts") or _facts_form(engagement, versions=not locked)
    rows = {"departments": engagement.departments, "team": engagement.team,
            "assets": engagement.assets}
    forms = {kind: [(row, bound.get((kind, row.id)) or _row_form(kind, engagement, row))
                    for row in rows[kind]] for kind in rows}
    new = {kind: bound.get(("new", kind)) or ADD_FORMS[kind](formdata=None) for kind in ADD_FORMS}
    return render_template(
        "engagements/setup.html", engagement=engagement, questionnaire=questionnaire,
        lang=current_lang(), facts=facts, forms=forms, new=new,
        needs=services.department_needs(engagement, questionnaire),
        has_business=services.has_business_member(engagement),
        editable=can_edit(current_user, engagement)), status


def _to_setup(engagement, anchor: str | None = None):
    return redirect(url_for("engagements.setup", engagement_id=engagement.id, _anchor=anchor))


@bp.route("/engagements/new", methods=["GET", "POST"])
@login_required
def new():
    if not can_create_engagement(current_user):
        abort(403)
    submitted = request.method == "POST"
    form = _facts_form(bound=submitted)
    if not form.validate_on_submit():
        return render_template("engagements/new.html", form=form), 422 if submitted else 200
    try:
        engagement = services.create_engagement(current_user, form.data)
    except services.SetupError as exc:
        form.questionnaire_version_id.errors.append(message(exc))
        return render_template("engagements/new.html", form=form), 422
    db.session.commit()
    flash(_("Engagement created. Add its departments, project team and reusable projects."))
    return _to_setup(engagement)


@bp.route("/engagements/<int:engagement_id>/setup")
@login_required
def setup(engagement_id: int):
    return setup_page(get_engagement(engagement_id, current_user))


@bp.route("/engagements/<int:engagement_id>/setup/facts", methods=["POST"])
@login_required
def edit_facts(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = _facts_form(engagement, bound=True, versions=not services.has_answers(engagement))
    if not form.validate_on_submit():
        return setup_page(engagement, 422, {"facts": form})
    try:
        services.update_facts(engagement, form.data)
    except services.SetupError as exc:
        form.questionnaire_version_id.errors.append(message(exc))
        return setup_page(engagement, 422, {"facts": form})
    db.session.commit()
    flash(_("Engagement facts saved."))
    return _to_setup(engagement, "facts")


def _kind_or_404(kind: str) -> str:
    if kind not in services.ROW_KINDS:
        abort(404)
    return kind


def _row_or_404(engagement, kind: str, row_id: int):
    row = services.get_row(engagement, _kind_or_404(kind), row_id)
    if row is None:
        abort(404)
    return row


@bp.route("/engagements/<int:engagement_id>/setup/<kind>", methods=["POST"])
@login_required
def add_row(engagement_id: int, kind: str):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = ADD_FORMS[_kind_or_404(kind)]()
    if not form.validate_on_submit():
        return setup_page(engagement, 422, {("new", kind): form})
    row = services.add_row(engagement, kind, _row_values(kind, form))
    db.session.commit()
    flash(_("%(name)s added.", name=row.name))
    return _to_setup(engagement, f"{kind}-{row.id}")


@bp.route("/engagements/<int:engagement_id>/setup/<kind>/<int:row_id>", methods=["POST"])
@login_required
def edit_row(engagement_id: int, kind: str, row_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    row = _row_or_404(engagement, kind, row_id)
    form = _row_form(kind, engagement, row, bound=True)
    if not form.validate_on_submit():
        return setup_page(engagement, 422, {(kind, row.id): form})
    services.update_row(row, kind, _row_values(kind, form))
    db.session.commit()
    flash(_("%(name)s saved.", name=row.name))
    return _to_setup(engagement, f"{kind}-{row.id}")


@bp.route("/engagements/<int:engagement_id>/setup/<kind>/<int:row_id>/delete", methods=["POST"])
@login_required
def delete_row(engagement_id: int, kind: str, row_id: int):
    """First POST (from the row's Delete button) shows what will go; the confirmed POST deletes."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    row = _row_or_404(engagement, kind, row_id)
    form = ConfirmForm()
    if not (form.validate_on_submit() and form.confirm.data):
        return render_template("engagements/confirm_delete.html", engagement=engagement, kind=kind,
                               row=row, impact=services.deletion_impact(engagement, kind, row))
    name = row.name
    services.delete_row(row)
    db.session.commit()
    flash(_("%(name)s deleted.", name=name))
    return _to_setup(engagement, kind)
