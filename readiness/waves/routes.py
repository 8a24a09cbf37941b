"""The waves page (every wave, the comparison of the latest two) and starting the next wave."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_edit, get_engagement
from ..extensions import db
from ..i18n import current_lang
from . import bp, rounds, services
from .forms import StartWaveForm
from .messages import message


@bp.route("/engagements/<int:engagement_id>/waves")
@login_required
def index(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    lang = current_lang()
    return render_template("waves/index.html", engagement=engagement, lang=lang,
                           editable=can_edit(current_user, engagement),
                           current=rounds.current_number(engagement),
                           **services.comparison_context(engagement, lang))


@bp.route("/engagements/<int:engagement_id>/waves/start", methods=["GET", "POST"])
@login_required
def start(engagement_id: int):
    """A confirm page: starting a wave closes the current one (GET shows what will happen)."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = StartWaveForm()
    form.set_versions(rounds.next_versions(engagement), engagement.questionnaire_version_id)
    if not form.is_submitted():
        form.questionnaire_version_id.data = engagement.questionnaire_version_id
    status = 200
    if form.validate_on_submit():
        try:
            wave = rounds.start_wave(engagement, form.questionnaire_version_id.data, current_user)
        except rounds.WaveError as exc:
            flash(message(exc), "error")
            status = 409
        else:
            db.session.commit()
            flash(_("Wave %(number)d started: the respondents have new links on the Respondents "
                    "page; the links of earlier waves are closed.", number=wave.number), "success")
            return redirect(url_for("waves.index", engagement_id=engagement.id))
    elif form.is_submitted():
        status = 400
    number = rounds.current_number(engagement)
    return render_template("waves/start.html", engagement=engagement, form=form, current=number,
                           reinvited=len(rounds.reinvited(engagement)),
                           answered=rounds.has_answers(engagement, number)), status
