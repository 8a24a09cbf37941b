"""/profile: any logged-in account edits the name, title, organisation and phone a client reads,
and its own API tokens (readiness/api).

Only the current account's own profile: the URL takes no id, so there is nobody else's to reach.
"""
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..api.messages import MESSAGES as TOKEN_MESSAGES
from ..api.tokens import TokenError, create_token, live_tokens, revoke_token
from ..extensions import db
from . import profile_bp as bp
from .forms import ApiTokenForm, ProfileForm
from .names import display_name
from .services import update_profile

#: Session key holding a token just created, until the next profile page shows it (once).
NEW_TOKEN = "new_api_token"


def _render(form=None, token_form=None, status=200):
    return render_template(
        "auth/profile.html", form=form or ProfileForm(obj=current_user),
        token_form=token_form or ApiTokenForm(formdata=None), tokens=live_tokens(current_user),
        new_token=session.pop(NEW_TOKEN, None), shown_as=display_name(current_user)), status


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def edit():
    form = ProfileForm(obj=current_user)
    if not form.validate_on_submit():
        # A refused form comes back with what was typed and the reasons beside the fields.
        return _render(form, status=422 if form.is_submitted() else 200)
    update_profile(current_user, name=form.name.data, title=form.title.data or "",
                   organisation=form.organisation.data or "", phone=form.phone.data or "",
                   locale=form.locale.data)
    db.session.commit()
    flash(_("Your profile is saved. Clients read you as: %(name)s",
            name=display_name(current_user)))
    return redirect(url_for("profile.edit"))


@bp.route("/profile/tokens", methods=["POST"])
@login_required
def create_api_token():
    token_form = ApiTokenForm()
    if token_form.validate_on_submit():
        try:
            _row, token = create_token(current_user, token_form.token_name.data)
        except TokenError as exc:
            token_form.token_name.errors.append(TOKEN_MESSAGES.message(exc))
        else:
            db.session.commit()
            # Shown once, by the page the redirect leads to (which pops it): only its hash stays.
            session[NEW_TOKEN] = token
            return redirect(url_for("profile.edit") + "#api-tokens")
    return _render(token_form=token_form, status=422)


@bp.route("/profile/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_api_token(token_id: int):
    if revoke_token(current_user, token_id):
        db.session.commit()
        flash(_("The token is revoked: it no longer works."))
    return redirect(url_for("profile.edit") + "#api-tokens")


# Templates name people the way a client reads them: {{ display_name(engagement.owner) }}.
bp.add_app_template_global(display_name, "display_name")
