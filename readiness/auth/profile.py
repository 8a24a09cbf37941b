"""/profile: any logged-in account edits the name, title, organisation and phone a client reads.

Only the current account's own profile: the URL takes no id, so there is nobody else's to reach.
"""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from . import profile_bp as bp
from .forms import ProfileForm
from .names import display_name
from .services import update_profile


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def edit():
    form = ProfileForm(obj=current_user)
    if not form.validate_on_submit():
        # A refused form comes back with what was typed and the reasons beside the fields.
        status = 422 if form.is_submitted() else 200
        return render_template("auth/profile.html", form=form,
                               shown_as=display_name(current_user)), status
    update_profile(current_user, name=form.name.data, title=form.title.data or "",
                   organisation=form.organisation.data or "", phone=form.phone.data or "",
                   locale=form.locale.data)
    db.session.commit()
    flash(_("Your profile is saved. Clients read you as: %(name)s",
            name=display_name(current_user)))
    return redirect(url_for("profile.edit"))


# Templates name people the way a client reads them: {{ display_name(engagement.owner) }}.
bp.add_app_template_global(display_name, "display_name")
