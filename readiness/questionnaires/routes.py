"""/questionnaires: list, upload, download, copy, edit and compare questionnaire versions.
Admins and consultants only (can_manage_questionnaires); client accounts get 403."""
from __future__ import annotations

from functools import wraps

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_manage_questionnaires
from ..extensions import db
from ..i18n import current_lang
from ..method.loading import QuestionnaireError
from . import bp, manage
from .diff import diff
from .forms import (
    CopyForm,
    DiffForm,
    UploadForm,
    apply_block,
    apply_general,
    block_form,
    general_form,
)
from .messages import message
from .models import QuestionnaireVersion


def managers_only(view):
    @login_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not can_manage_questionnaires(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def _version_or_404(version_id: int) -> QuestionnaireVersion:
    version = manage.get_version(version_id)
    if version is None:
        abort(404)
    return version


def _index(upload: UploadForm | None = None, problems: list[str] | None = None, status: int = 200):
    versions = manage.all_versions()
    form = DiffForm(formdata=None)
    _diff_choices(form, versions)
    return render_template(
        "questionnaires/index.html", versions=versions, answered=manage.answered_ids(),
        in_use=manage.engagement_counts(), upload=upload or UploadForm(formdata=None),
        problems=problems or [], diff_form=form, lang=current_lang()), status


def _diff_choices(form: DiffForm, versions) -> None:
    choices = [(v.id, f"{v.title} v{v.version} · {v.content_hash[:8]}") for v in versions]
    form.old.choices = choices
    form.new.choices = choices


@bp.route("/questionnaires")
@managers_only
def index():
    return _index()


@bp.route("/questionnaires/upload", methods=["POST"])
@managers_only
def upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return _index(form, status=422)
    file = form.file.data
    if not file or not file.filename:
        form.file.errors = [_("Choose a YAML or JSON file.")]
        return _index(form, status=422)
    raw = file.stream.read(manage.MAX_UPLOAD_BYTES + 1)  # never more than the limit in memory
    try:
        questionnaire = manage.parse_upload(raw, file.filename)
        version, created = manage.store_upload(questionnaire)
    except QuestionnaireError as exc:
        return _index(form, [str(p) for p in exc.problems], 422)
    except manage.ManageError as exc:
        return _index(form, [message(exc)], 422)
    db.session.commit()
    if created:
        flash(_("Stored %(title)s version %(version)s.", title=version.title, version=version.version))
    else:
        flash(_("This content is stored already, as %(title)s version %(version)s.",
                title=version.title, version=version.version))
    return redirect(url_for("questionnaires.show", version_id=version.id))


@bp.route("/questionnaires/<int:version_id>")
@managers_only
def show(version_id: int):
    version = _version_or_404(version_id)
    return render_template("questionnaires/show.html", version=version, q=version.parsed(),
                           answered=manage.is_answered(version),
                           in_use=manage.engagement_counts().get(version.id, 0),
                           lang=current_lang())


@bp.route("/questionnaires/<int:version_id>/download.<any(yaml, json):fmt>")
@managers_only
def download(version_id: int, fmt: str):
    version = _version_or_404(version_id)
    q = version.parsed()
    body = manage.to_yaml(q) if fmt == "yaml" else manage.to_json(q)
    mimetype = "application/yaml" if fmt == "yaml" else "application/json"
    name = f"{version.key}-{version.version}.{fmt}".replace('"', "")
    return Response(body, mimetype=f"{mimetype}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/questionnaires/<int:version_id>/copy", methods=["GET", "POST"])
@managers_only
def copy(version_id: int):
    source = _version_or_404(version_id)
    form = CopyForm() if request.method == "POST" else CopyForm(formdata=None, data={
        "key": f"{source.key}-copy", "version": "1.0",
        "title_en": f"{source.parsed().title.en} (copy)",
        "title_zh": f"{source.parsed().title.zh}（副本）"})
    if form.validate_on_submit():
        try:
            version = manage.copy_version(source, form.key.data, form.version.data,
                                          form.title_en.data, form.title_zh.data)
        except manage.ManageError as exc:
            form.key.errors = [message(exc)]
        except QuestionnaireError as exc:
            form.key.errors = manage.problems_in_words(exc)
        else:
            db.session.commit()
            flash(_("Copied into the draft %(title)s: edit it below.", title=version.title))
            return redirect(url_for("questionnaires.show", version_id=version.id))
    status = 422 if form.is_submitted() else 200
    return render_template("questionnaires/copy.html", source=source, form=form), status


def _saved(version: QuestionnaireVersion, outcome: str, anchor: str | None = None):
    db.session.commit()
    if outcome == "created":
        flash(_("Answers were given on the version you edited, so it stays as it is: your "
                "changes are stored as the new version %(version)s.", version=version.version))
    elif outcome == "updated":
        flash(_("Saved."))
    else:
        flash(_("Nothing changed."))
    return redirect(url_for("questionnaires.show", version_id=version.id, _anchor=anchor))


def _edit_page(version, form, what: str, problems: list[str], status: int, block=None):
    return render_template("questionnaires/edit.html", version=version, form=form, what=what,
                           block=block, problems=problems, answered=manage.is_answered(version),
                           lang=current_lang()), status


@bp.route("/questionnaires/<int:version_id>/edit", methods=["GET", "POST"])
@managers_only
def edit(version_id: int):
    """General texts and the settings (thresholds, prerequisites)."""
    version = _version_or_404(version_id)
    posted = request.method == "POST"
    form = general_form(version.definition, **({} if posted else {"formdata": None}))
    if not form.validate_on_submit():
        return _edit_page(version, form, "general", [], 422 if posted else 200)
    try:
        shown, outcome = manage.save_edit(version, lambda data: apply_general(form, data))
    except QuestionnaireError as exc:
        return _edit_page(version, form, "general", manage.problems_in_words(exc), 422)
    except manage.ManageError as exc:
        return _edit_page(version, form, "general", [message(exc)], 422)
    return _saved(shown, outcome, "settings")


@bp.route("/questionnaires/<int:version_id>/edit/<any(B1, B2, B3, B4, B5, B6, B7, B8):block_id>",
          methods=["GET", "POST"])
@managers_only
def edit_block(version_id: int, block_id: str):
    version = _version_or_404(version_id)
    block = next(b for b in version.definition["blocks"] if b["id"] == block_id)
    posted = request.method == "POST"
    form = block_form(block, **({} if posted else {"formdata": None}))
    if not form.validate_on_submit():
        return _edit_page(version, form, "block", [], 422 if posted else 200, block)

    def change(data):
        apply_block(form, next(b for b in data["blocks"] if b["id"] == block_id))

    try:
        shown, outcome = manage.save_edit(version, change)
    except QuestionnaireError as exc:
        return _edit_page(version, form, "block", manage.problems_in_words(exc), 422, block)
    except manage.ManageError as exc:
        return _edit_page(version, form, "block", [message(exc)], 422, block)
    return _saved(shown, outcome, block_id)


@bp.route("/questionnaires/diff")
@managers_only
def compare():
    versions = manage.all_versions()
    form = DiffForm(request.args)
    _diff_choices(form, versions)
    result = None
    asked = "old" in request.args or "new" in request.args  # not just ?lang=zh
    if asked and form.validate():
        old, new = _version_or_404(form.old.data), _version_or_404(form.new.data)
        result = diff(old.parsed(), new.parsed())
    status = 422 if asked and result is None else 200
    return render_template("questionnaires/diff.html", form=form, result=result, lang=current_lang(),
                           old=manage.get_version(form.old.data or 0) if result else None,
                           new=manage.get_version(form.new.data or 0) if result else None), status
