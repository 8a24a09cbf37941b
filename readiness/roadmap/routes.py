from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..engagements.access import can_edit, get_engagement
from ..extensions import db
from ..i18n import current_lang
from ..pains.models import PainPoint
from . import bp, services
from .charts import gantt_figure
from .forms import CapForm, EditForm, PilotForm, RegenerateForm, TrackStartForm
from .messages import message


def _page(engagement, edit_form=None, status=200):
    state = services.current(engagement)  # read-only: a proposal until an action stores it
    pains = {p.id: p for p in db.session.scalars(
        db.select(PainPoint).where(PainPoint.engagement_id == engagement.id))}
    lang = current_lang()
    return render_template(
        "roadmap/show.html", engagement=engagement, state=state, roadmap=state.roadmap,
        gantt=gantt_figure(state.roadmap, lang).to_plotly_json(),
        pains=pains, lang=lang, editable=can_edit(current_user, engagement),
        edit_form=edit_form or EditForm(), regenerate_form=RegenerateForm(), cap_form=CapForm(),
        departments={d.id: d for d in engagement.departments},
        drift=services.red_light_drift(engagement, state.roadmap) if state.plan else ()), status


@bp.route("/engagements/<int:engagement_id>/roadmap")
@login_required
def show(engagement_id: int):
    return _page(get_engagement(engagement_id, current_user))


def _apply(engagement, form, invalid: str, action: Callable[[], object], saved: str,
           anchor: Callable[[], str]):
    """Every roadmap change: validate the form, call the service, commit and redirect; a refused
    form or change re-renders the page with the reason (and the typed value kept)."""
    if not form.validate_on_submit():
        flash(invalid, "error")
        return _page(engagement, form if isinstance(form, EditForm) else None, 400)
    try:
        action()
    except services.RoadmapError as exc:
        flash(_("Not saved: %(reason)s", reason=message(exc)), "error")
        return _page(engagement, form if isinstance(form, EditForm) else None, 400)
    db.session.commit()
    flash(saved, "success")
    return redirect(url_for("roadmap.show", engagement_id=engagement.id, _anchor=anchor()))


@bp.route("/engagements/<int:engagement_id>/roadmap/edit", methods=["POST"])
@login_required
def edit(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = EditForm()

    def change() -> None:
        if form.revert.data:
            services.revert_edit(engagement, form.target.data, form.field.data)
        else:
            services.save_edit(engagement, form.target.data, form.field.data, form.value.data,
                               current_user.id)

    return _apply(engagement, form, _("The change could not be saved."), change,
                  _("Saved. The report will show the edited roadmap."),
                  lambda: form.target.data.replace(":", "-"))


@bp.route("/engagements/<int:engagement_id>/roadmap/regenerate", methods=["POST"])
@login_required
def regenerate(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = RegenerateForm()
    if not form.validate_on_submit():
        return _page(engagement, status=400)
    try:
        services.regenerate(engagement, discard_edits=form.discard_edits.data)
    except services.EditsWouldBeLost as exc:
        return render_template("roadmap/confirm_regenerate.html", engagement=engagement,
                               edits=exc.edits, form=RegenerateForm(discard_edits=True)), 409
    db.session.commit()
    flash(_("The roadmap was generated again from the current scores."), "success")
    return redirect(url_for("roadmap.show", engagement_id=engagement.id))


@bp.route("/engagements/<int:engagement_id>/roadmap/cap", methods=["POST"])
@login_required
def cap(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = CapForm()
    return _apply(
        engagement, form, _("The cap could not be saved."),
        lambda: services.set_cap(engagement, form.department_id.data,
                                 int(form.cap.data) if form.cap.data else None,
                                 form.reason.data or ""),
        _("Cap saved. Generate the roadmap again to apply it."), lambda: "caps")


@bp.route("/engagements/<int:engagement_id>/roadmap/pilot", methods=["POST"])
@login_required
def pilot(engagement_id: int):
    """R-MAP-6: the consultant chooses the pilot department (or gives the choice back)."""
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = PilotForm()
    return _apply(engagement, form, _("The pilot could not be saved."),
                  lambda: services.set_pilot(engagement, form.department_id.data),
                  _("Pilot saved; the tracks were planned again around it."), lambda: "tracks")


@bp.route("/engagements/<int:engagement_id>/roadmap/track-start", methods=["POST"])
@login_required
def track_start(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=True)
    form = TrackStartForm()
    return _apply(
        engagement, form, _("The start date could not be saved: write it as YYYY-MM-DD."),
        lambda: services.set_track_start(engagement, form.department_id.data, form.start.data),
        _("Track start saved; its phases were planned again from it."),
        lambda: f"track-{form.department_id.data}")
