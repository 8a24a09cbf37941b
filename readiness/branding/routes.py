"""/admin/branding: admins set the consultancy's name, colour and logo; /brand/logo serves it.

Other logged-in accounts get 403 on the settings (they see the brand on every page anyway, so the
page's existence is no secret, unlike the /admin/users area's 404). The logo itself is public: the
login page and the respondents' pages, open without an account, show it in their header.
"""
from functools import wraps

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from ..engagements.access import can_manage_users
from ..extensions import db
from . import bp, services
from .checks import MAX_LOGO_BYTES, SVG, BrandError
from .forms import BrandForm, RemoveLogoForm
from .messages import message

#: An SVG opened on its own runs nothing and loads nothing (its own inline styles aside).
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def admin_only(view):
    @login_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not can_manage_users(current_user):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def _page(form: BrandForm | None = None, status: int = 200):
    brand = services.current_brand(inline_logo=False)
    form = form or BrandForm(formdata=None, data={
        "name": "" if brand.is_default_name else brand.name,
        "colour": "" if brand.colour == services.DEFAULT_COLOUR else brand.colour})
    return render_template("branding/settings.html", form=form, remove_form=RemoveLogoForm(formdata=None),
                           current=brand, default_colour=services.DEFAULT_COLOUR), status


@bp.route("/admin/branding", methods=["GET", "POST"])
@admin_only
def settings():
    form = BrandForm()
    if not form.validate_on_submit():
        return _page(form, 422) if form.is_submitted() else _page()
    upload = form.logo.data
    data = upload.read() if upload and upload.filename else None
    try:
        services.save_settings(form.name.data or "", form.colour.data or "", data)
    except services.SettingsRefused as refused:
        for exc in refused.errors:  # each beside its field
            field = form[exc.field or "logo"]
            field.errors = [*field.errors, message(exc)]
        return _page(form, 422)
    db.session.commit()
    flash(_("The brand is saved."))
    return redirect(url_for("branding.settings"))


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """A file over the app's upload limit never reaches the form: say it as the size check does."""
    # CSRF protection reads the form before the view runs: the admin check is repeated here.
    if (request.endpoint != "branding.settings" or not current_user.is_authenticated
            or not can_manage_users(current_user)):
        return error
    form = BrandForm(formdata=None)
    form.logo.errors = [message(BrandError("logo-too-large", size=(request.content_length or 0)
                                           // 1024, limit=MAX_LOGO_BYTES // 1024))]
    return _page(form, 413)


@bp.route("/admin/branding/logo/remove", methods=["POST"])
@admin_only
def remove_logo():
    if not RemoveLogoForm().validate_on_submit():
        abort(400)
    services.remove_logo()
    db.session.commit()
    flash(_("The logo is removed."))
    return redirect(url_for("branding.settings"))


@bp.route("/brand/logo")
def logo():
    stored = services.logo()
    if stored is None:
        abort(404)
    data, content_type = stored
    response = Response(data, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline; filename=logo." + (
        "svg" if content_type == SVG else "png")
    if content_type == SVG:
        response.headers["Content-Security-Policy"] = SVG_POLICY
    # The URL carries the settings' version (?v=): a new logo is a new URL.
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.app_context_processor
def _brand():
    # Every page's header: name, colour and the logo's URL; the logo's bytes stay in the database.
    return {"brand": services.current_brand(inline_logo=False)}
