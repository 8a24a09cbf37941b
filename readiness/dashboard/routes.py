"""Results dashboard (read-only: client viewers see it too) and the answer exports."""
from __future__ import annotations

import logging

from flask import Response, render_template, request, send_file, stream_with_context
from flask_login import current_user, login_required

from ..engagements.access import get_engagement
from ..engagements.response import response_texts
from ..i18n import current_lang
from ..waves import services as wave_services
from . import bp, exports
from .forms import FilterForm
from .services import Filters, dashboard_data
from .view import dashboard_view, role_label

logger = logging.getLogger(__name__)


@bp.route("/engagements/<int:engagement_id>/dashboard")
@login_required
def show(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=False)
    lang = current_lang()
    form = FilterForm(request.args, engagement, lang)
    valid = form.validate()
    filters = form.filters() if valid else Filters()
    data = dashboard_data(engagement, filters)
    view = dashboard_view(engagement, data, lang)
    page = render_template("dashboard/show.html", engagement=engagement, form=form, lang=lang,
                           data=data, view=view, questionnaire=data.questionnaire,
                           assessment=data.assessment, role_label=role_label,
                           response_text=response_texts(data.response),
                           wave_summary=wave_services.summary_lines(engagement, lang))
    return page, 200 if valid else 400


@bp.route("/engagements/<int:engagement_id>/export.csv")
@login_required
def export_csv(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=False)
    logger.info("answers of engagement %s exported as CSV by account %s", engagement.id,
                current_user.id)
    return Response(
        stream_with_context(exports.csv_chunks(engagement)), mimetype="text/csv",
        headers={"Content-Disposition":
                 f"attachment; filename=engagement-{engagement.id}-answers.csv",
                 "Cache-Control": "no-store"})


@bp.route("/engagements/<int:engagement_id>/export.xlsx")
@login_required
def export_xlsx(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=False)
    logger.info("answers of engagement %s exported as XLSX by account %s", engagement.id,
                current_user.id)
    response = send_file(
        exports.xlsx_file(engagement), as_attachment=True,
        download_name=f"engagement-{engagement.id}-answers.xlsx",
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Cache-Control"] = "no-store"
    return response
