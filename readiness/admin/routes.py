"""/admin/users: admins manage accounts. Everyone else gets 404: the area is not advertised."""
from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import handoff
from ..auth.messages import message
from ..engagements.access import can_manage_users
from ..extensions import db
from . import bp, services
from .forms import ActionForm, ActiveForm, UserForm


def admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not can_manage_users(current_user):
            abort(404)
        return view(*args, **kwargs)
    return wrapper


def _user_or_404(user_id: int):
    user = services.get_user(user_id)
    if user is None:
        abort(404)
    return user


def _shown_password() -> dict:
    """created=/reset= (user, password) for the page a create or reset redirected to."""
    shown = handoff.load(current_app.instance_path, request.args.get("shown"), "password",
                         current_user.id)
    if not shown:
        return {}
    user = services.get_user(shown["user_id"])
    return {shown["kind"]: (user, shown["password"])} if user is not None else {}


def _page(form=None, created=None, reset=None, status=200):
    return render_template(
        "admin/users.html", users=services.list_users(), form=form or UserForm(formdata=None),
        created=created, reset=reset), status


@bp.route("/admin")
@admin_required
def index():
    return redirect(url_for("admin.users"))


@bp.route("/admin/users", methods=["GET", "POST"])
@admin_required
def users():
    form = UserForm()
    if request.method == "GET":
        return _page(**_shown_password())
    if not form.validate_on_submit():
        return _page(form, status=422)
    try:
        user, password = services.create_account(form.email.data, form.name.data, form.role.data)
    except services.UserError as exc:
        form.email.errors.append(message(exc))
        return _page(form, status=422)
    db.session.commit()
    return _show_password("created", user, password)


@bp.route("/admin/users/<int:user_id>/active", methods=["POST"])
@admin_required
def set_active(user_id: int):
    user = _user_or_404(user_id)
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400)
    active = form.active.data == "1"
    try:
        services.set_active(user, active, current_user)
    except services.UserError as exc:
        flash(message(exc), "error")
        return redirect(url_for("admin.users"))
    db.session.commit()
    flash(_("%(email)s can log in again.", email=user.email) if active
          else _("%(email)s is deactivated and can no longer log in.", email=user.email))
    return redirect(url_for("admin.users"))


@bp.route("/admin/users/<int:user_id>/password", methods=["POST"])
@admin_required
def reset_password(user_id: int):
    user = _user_or_404(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    password = services.reset_password(user)
    db.session.commit()
    return _show_password("reset", user, password)


def _show_password(kind: str, user, password: str):
    """Redirect (post/redirect/get) to the list showing the generated password once. It waits in
    a one-time handoff, not flashed: the session cookie is readable by whoever holds it."""
    token = handoff.save(current_app.instance_path, "password", current_user.id,
                         {"kind": kind, "user_id": user.id, "password": password},
                         keep=600, once=True)
    return redirect(url_for("admin.users", shown=token))
