import logging

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db
from ..security import safe_next
from . import account_bp, bp
from .forms import LoginForm, PasswordForm
from .services import authenticate, change_password, login_key, throttle

logger = logging.getLogger(__name__)


def _fresh_session(user) -> None:
    """A new session for `user`: nothing of the previous one but the language (no fixation)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME
    login_user(user)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("engagements.index"))
    form = LoginForm()
    if form.validate_on_submit():
        key = login_key(request.remote_addr, form.email.data)
        if throttle.blocked(key):
            logger.warning("login refused while throttled (429)")
            abort(429)
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            throttle.failed(key)
            flash(_("Wrong email or password."), "error")
            return render_template("auth/login.html", form=form), 401
        throttle.reset(key)
        _fresh_session(user)
        db.session.commit()
        logger.info("account %s logged in", user.id)
        return redirect(safe_next(request.args.get("next"), url_for("engagements.index")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logger.info("account %s logged out", current_user.id)
    # The cookie is client-side: a copy of it would still work unless the account's session
    # version moves on. This logs the account out in every browser, which is what a user who
    # presses "Log out" on a shared computer wants.
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@account_bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        key = login_key(request.remote_addr, current_user.email)
        if throttle.blocked(key):
            abort(429)
        if not current_user.check_password(form.current.data):
            throttle.failed(key)
            form.current.errors.append(_("This is not your current password."))
            return render_template("auth/password.html", form=form), 422
        user = current_user._get_current_object()
        change_password(user, form.new.data)
        _fresh_session(user)  # other browsers are logged out; this one goes on
        db.session.commit()
        flash(_("Your password is changed. Other browsers logged in to your account are logged out."))
        return redirect(url_for("account.password"))
    return render_template("auth/password.html", form=form), 422 if form.errors else 200
