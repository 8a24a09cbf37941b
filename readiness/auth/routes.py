import logging

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from . import bp
from .forms import LoginForm
from .services import authenticate, throttle

logger = logging.getLogger(__name__)


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths: never redirect to another host after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("engagements.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("engagements.index"))
    form = LoginForm()
    if form.validate_on_submit():
        key = f"{request.remote_addr}|{form.email.data.lower()}"
        if throttle.blocked(key):
            logger.warning("login refused while throttled (429)")
            abort(429)
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            throttle.failed(key)
            flash(_("Wrong email or password."), "error")
            return render_template("auth/login.html", form=form), 401
        throttle.reset(key)
        lang = session.get("lang")
        session.clear()  # a fresh session on login: no fixation
        if lang:
            session["lang"] = lang
        session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
        login_user(user)
        db.session.commit()
        logger.info("account %s logged in", user.id)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logger.info("account %s logged out", current_user.id)
    logout_user()
    return redirect(url_for("auth.login"))
