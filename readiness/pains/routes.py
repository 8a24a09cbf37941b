"""The pain register under /engagements/<id>/pains: ranked list, add / edit / delete, catalogue.
Reading needs access to the engagement; every change needs edit rights (client viewers read)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_edit, get_engagement
from ..extensions import db
from ..i18n import current_lang
from . import bp, services
from .forms import PARTY_LABELS, DeleteForm, PainForm
from .messages import message


def _form(engagement, **kwargs) -> PainForm:
    questionnaire = engagement.questionnaire_version.parsed()
    return PainForm(**kwargs).setup(engagement, questionnaire, current_lang())


def _edit_page(engagement, form, pain=None, source=None, status=200):
    return render_template("pains/edit.html", engagement=engagement, form=form, pain=pain,
                           source=source), status


@bp.route("/engagements/<int:engagement_id>/pains")
@login_required
def index(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    questionnaire = engagement.questionnaire_version.parsed()
    departments = {d.id: d.name for d in engagement.departments}
    return render_template(
        "pains/index.html", engagement=engagement, register=services.register(engagement),
        departments=departments, parties=PARTY_LABELS, lang=current_lang(),
        block_titles={b.id: b.title.get(current_lang()) for b in questionnaire.blocks},
        editable=can_edit(current_user, engagement), delete_form=DeleteForm())


@bp.route("/engagements/<int:engagement_id>/pains/new", methods=["GET", "POST"])
@login_required
def new(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    source = request.args.get("from")
    if request.method == "GET":
        values = services.catalogue_values(source, current_lang()) if source else {}
        if values is None:
            abort(404)
        return _edit_page(engagement, _form(engagement, formdata=None, data=values), source=source)
    form = _form(engagement)
    if form.validate_on_submit():
        try:
            pain = services.create_pain(engagement, form.values())
        except services.PainError as exc:
            getattr(form, exc.field).errors.append(message(exc))
        else:
            db.session.commit()
            flash(_("Pain point '%(title)s' added.", title=pain.title))
            return redirect(url_for("pains.index", engagement_id=engagement.id))
    return _edit_page(engagement, form, source=source, status=422)


@bp.route("/engagements/<int:engagement_id>/pains/<int:pain_id>/edit", methods=["GET", "POST"])
@login_required
def edit(engagement_id: int, pain_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    pain = services.get_pain(engagement, pain_id)
    if pain is None:
        abort(404)
    if request.method == "GET":
        form = _form(engagement, formdata=None, obj=pain)
        form.blocks.data = list(pain.block_ids)
        return _edit_page(engagement, form, pain)
    form = _form(engagement)
    if form.validate_on_submit():
        try:
            services.update_pain(engagement, pain, form.values())
        except services.PainError as exc:
            getattr(form, exc.field).errors.append(message(exc))
        else:
            db.session.commit()
            flash(_("Pain point '%(title)s' saved.", title=pain.title))
            return redirect(url_for("pains.index", engagement_id=engagement.id))
    return _edit_page(engagement, form, pain, status=422)


@bp.route("/engagements/<int:engagement_id>/pains/<int:pain_id>/delete", methods=["GET", "POST"])
@login_required
def delete(engagement_id: int, pain_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    pain = services.get_pain(engagement, pain_id)
    if pain is None:
        abort(404)
    form = DeleteForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        title = pain.title
        services.delete_pain(pain)
        db.session.commit()
        flash(_("Pain point '%(title)s' deleted.", title=title))
        return redirect(url_for("pains.index", engagement_id=engagement.id))
    return render_template("pains/confirm_delete.html", engagement=engagement, pain=pain,
                           form=form)


@bp.route("/engagements/<int:engagement_id>/pains/catalogue")
@login_required
def catalogue(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    questionnaire = engagement.questionnaire_version.parsed()
    return render_template(
        "pains/catalogue.html", engagement=engagement, lang=current_lang(), parties=PARTY_LABELS,
        blocks=questionnaire.blocks, by_block=services.catalogue().by_block(),
        in_register=services.catalogue_ids_in_register(engagement))
