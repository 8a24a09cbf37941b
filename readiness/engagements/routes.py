from pathlib import Path

import plotly
from flask import redirect, render_template, send_file, url_for
from flask_login import current_user, login_required

from ..charts import radar_figure
from ..extensions import db
from . import bp
from .access import get_engagement, visible_engagements_query
from .services import assess_engagement

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@bp.route("/")
def home():
    return redirect(url_for("engagements.index"))


@bp.route("/engagements")
@login_required
def index():
    engagements = db.session.scalars(visible_engagements_query(current_user)).all()
    return render_template("engagements/index.html", engagements=engagements)


@bp.route("/engagements/<int:engagement_id>")
@login_required
def overview(engagement_id: int):
    from ..i18n import select_locale

    engagement = get_engagement(engagement_id, current_user)
    questionnaire = engagement.questionnaire_version.parsed()
    assessment = assess_engagement(engagement)
    lang = select_locale()
    radar = radar_figure(assessment, questionnaire, lang)
    return render_template("engagements/overview.html", engagement=engagement,
                           questionnaire=questionnaire, assessment=assessment, lang=lang,
                           radar=radar.to_plotly_json())


@bp.route("/vendor/plotly.min.js")
def plotly_js():
    """plotly.js from the installed plotly package: same version as the Python side, no CDN."""
    return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)
