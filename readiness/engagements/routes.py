from datetime import date
from pathlib import Path

import plotly
from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..branding.services import current_brand
from ..charts import radar_figure
from ..extensions import db
from ..i18n import current_lang
from ..roadmap import services as roadmap_services
from ..tracking import services as tracking_services
from ..waves import services as wave_services
from . import bp, services
from .access import TEMPLATE_GLOBALS, can_share, get_engagement, visible_engagements_query
from .assessment import assess_engagement
from .forms import ShareForm
from .messages import message
from .response import engagement_figures, response_texts

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# Templates ask access.py too: {% if can_share(current_user, engagement) %}, on every page.
for _name, _permission in TEMPLATE_GLOBALS.items():
    bp.add_app_template_global(_permission, _name)


@bp.route("/")
def home():
    return redirect(url_for("engagements.index"))


@bp.route("/engagements")
@login_required
def index():
    engagements = db.session.scalars(visible_engagements_query(current_user)).all()
    return render_template("engagements/index.html", engagements=engagements,
                           lights=tracking_services.lights_by_engagement(engagements, date.today()))


@bp.route("/engagements/<int:engagement_id>")
@login_required
def overview(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    questionnaire = engagement.questionnaire_version.parsed()
    assessment = assess_engagement(engagement)
    # R-HEAD-1 first. Read-only: the stored plan with its edits, or a fresh proposal not stored.
    roadmap = roadmap_services.current(engagement, assessment).roadmap
    verdict = roadmap_services.verdict(engagement, assessment, roadmap)
    lang = current_lang()
    radar = radar_figure(assessment, questionnaire, lang,
                         accent=current_brand(inline_logo=False).colour)
    return render_template("engagements/overview.html", engagement=engagement,
                           questionnaire=questionnaire, assessment=assessment, lang=lang,
                           verdict=verdict, radar=radar.to_plotly_json(),
                           lights=tracking_services.lights(engagement, date.today()),
                           response=response_texts(engagement_figures(engagement)),
                           wave_summary=wave_services.summary_lines(engagement, lang),
                           missing_blocks=[b.id for b in questionnaire.blocks
                                           if assessment.blocks[b.id].score is None])


@bp.route("/vendor/plotly.min.js")
def plotly_js():
    """plotly.js from the installed plotly package: same version as the Python side, no CDN."""
    return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)


# Sharing: the owner (or an admin) shares with existing accounts; the account's role decides
# what it may do there (consultants edit, client viewers read).

def _shareable(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user)
    if not can_share(current_user, engagement):
        abort(403)
    return engagement


@bp.route("/engagements/<int:engagement_id>/sharing", methods=["GET", "POST"])
@login_required
def sharing(engagement_id: int):
    engagement = _shareable(engagement_id)
    form = ShareForm()
    status = 200
    if form.validate_on_submit():
        try:
            access = services.share(engagement, form.email.data)
        except services.SetupError as exc:
            form.email.errors.append(message(exc))
        else:
            db.session.commit()
            flash(_("Shared with %(name)s (%(email)s).", name=access.user.name,
                    email=access.user.email))
            return redirect(url_for("engagements.sharing", engagement_id=engagement.id))
    if form.is_submitted():
        status = 422
    return render_template("engagements/sharing.html", engagement=engagement, form=form,
                           shares=services.shares(engagement)), status


@bp.route("/engagements/<int:engagement_id>/sharing/<int:user_id>/revoke", methods=["POST"])
@login_required
def revoke_share(engagement_id: int, user_id: int):
    engagement = _shareable(engagement_id)
    if not services.revoke_share(engagement, user_id):
        abort(404)
    db.session.commit()
    flash(_("Access revoked."))
    return redirect(url_for("engagements.sharing", engagement_id=engagement.id))
