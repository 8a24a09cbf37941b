"""The facilitator's side of a workshop: open a session, run it from the console, show it on the
projector. Everything goes through get_engagement; changes need edit rights, the projector and its
state endpoint only need to see the engagement."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from ..edge import wants_json
from ..engagements.access import can_edit, get_engagement
from ..extensions import db
from ..i18n import current_lang
from . import bp, capture, controls, presenter, services, state, voting
from .forms import ROLE_LABELS, AcceptForm, ActionForm, ControlForm, MergeForm, OpenSessionForm
from .messages import MESSAGES, message
from .screens import console_context as _console_context
from .screens import join_url, qr_svg, state_payload
from .screens import load as _load


@bp.route("/engagements/<int:engagement_id>/workshops", methods=["GET", "POST"])
@login_required
def sessions(engagement_id: int):
    engagement = get_engagement(engagement_id, current_user, edit=request.method == "POST")
    questionnaire = engagement.questionnaire_version.parsed()
    status = 200
    if request.method == "POST":
        form = OpenSessionForm()
        if form.validate_on_submit():
            session = services.open_session(engagement, current_user, questionnaire,
                                            form.votes.data)
            db.session.commit()
            return redirect(url_for("workshop.console", engagement_id=engagement.id,
                                    session_id=session.id))
        status = 422
    else:
        form = OpenSessionForm(formdata=None,
                               data={"votes": questionnaire.settings.votes_per_participant})
    return render_template("workshop/sessions.html", engagement=engagement, form=form,
                           sessions=services.session_rows(engagement),
                           editable=can_edit(current_user, engagement)), status


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>")
@login_required
def console(engagement_id: int, session_id: int):
    engagement, session = _load(engagement_id, session_id, edit=True)
    return render_template("workshop/console.html", **_console_context(engagement, session))


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>/projector")
@login_required
def projector(engagement_id: int, session_id: int):
    """The projector, and for those who may edit, presenter mode on it (keys and buttons)."""
    engagement, session = _load(engagement_id, session_id, edit=False)
    questionnaire = engagement.questionnaire_version.parsed()
    url = join_url(session)
    split = session.split_by_role
    return render_template("workshop/projector.html", engagement=engagement, session=session,
                           room=state.room(session, questionnaire, split=split),
                           questionnaire=questionnaire, lang=current_lang(), join_url=url,
                           qr=qr_svg(url), split=split, roles=ROLE_LABELS,
                           editable=can_edit(current_user, engagement))


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>/state")
@login_required
def room_state(engagement_id: int, session_id: int):
    """The poll (when the event stream is not available): 204 while the version has not moved,
    else state_payload."""
    engagement, session = _load(engagement_id, session_id, edit=False)
    if request.args.get("v", type=int) == session.version:
        return "", 204
    console = request.args.get("view") == "console" and can_edit(current_user, engagement)
    response = jsonify(state_payload(engagement, session, console))
    response.headers["Cache-Control"] = "no-store"
    return response


def _apply(action: str, session, questionnaire, form: ControlForm) -> None:
    if action in ("pause", "resume"):
        controls.set_status(session, "paused" if action == "pause" else "open")
    elif action == "close":
        if not form.confirm.data:
            raise services.WorkshopError("confirm-close", 400, "confirm")
        controls.set_status(session, "closed")
    elif action in ("lobby", "capture", "voting"):
        controls.set_activity(session, action)
    elif action == "ask":
        controls.ask(session, questionnaire, form.item_id.data)
    elif action in ("next", "prev"):
        item_id = (controls.next_item_id(session, questionnaire) if action == "next"
                   else controls.previous_item_id(session, questionnaire))
        if item_id is None:
            raise services.WorkshopError("unknown-item", 400)
        controls.ask(session, questionnaire, item_id)
    elif action == "reveal":
        controls.reveal(session)
    elif action == "revote":
        controls.revote(session)
    elif action in ("split", "unsplit"):
        controls.set_split(session, action == "split")
    elif action == "reveal_votes":
        voting.reveal(session)
    elif action == "set_votes":
        if form.votes.data is None:
            raise services.WorkshopError("bad-votes", 400, "votes")
        controls.set_votes(session, form.votes.data)
    else:
        raise services.WorkshopError("bad-action", 400)


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>/control",
          methods=["POST"])
@login_required
def control(engagement_id: int, session_id: int):
    """A form posts and is redirected to the console; a JSON caller (the presenter keys, the
    console's script) gets {"ok": true, ...the screen's new state} or {"error", "message"}."""
    engagement, session = _load(engagement_id, session_id, edit=True)
    questionnaire = engagement.questionnaire_version.parsed()
    as_json = wants_json()
    formdata = presenter.json_formdata() if request.is_json else None
    if request.is_json and formdata is None:
        return MESSAGES.json("bad-input", 400)
    form = ControlForm(formdata=formdata) if formdata is not None else ControlForm()
    form.set_items(questionnaire, current_lang())
    if not form.validate_on_submit():
        if as_json:
            return MESSAGES.json("bad-input", 400)
        abort(400)
    try:
        _apply(form.action.data, session, questionnaire, form)
    except services.WorkshopError as exc:
        db.session.rollback()
        if as_json:
            return MESSAGES.json(exc.code, exc.status)
        flash(message(exc), "error")
    else:
        db.session.commit()
        if as_json:
            return presenter.answer(engagement, session)
    anchor = "closed" if session.status == "closed" else ""
    return redirect(url_for("workshop.console", engagement_id=engagement.id,
                            session_id=session.id, _anchor=anchor or None))


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>/submissions/"
          "<int:submission_id>/<any(merge, accept, dismiss):action>", methods=["POST"])
@login_required
def submission(engagement_id: int, session_id: int, submission_id: int, action: str):
    engagement, session = _load(engagement_id, session_id, edit=True)
    row = capture.get_submission(session, submission_id)
    if row is None:
        abort(404)
    forms: dict[str, type[FlaskForm]] = {"merge": MergeForm, "accept": AcceptForm,
                                         "dismiss": ActionForm}
    form = forms[action]()
    as_json = wants_json()
    if not form.validate_on_submit():
        if as_json:
            return MESSAGES.json("bad-input", 400)
        flash(message("bad-input"), "error")
        return redirect(url_for("workshop.console", engagement_id=engagement.id,
                                session_id=session.id, _anchor="capture"))
    said = ""
    try:
        if action == "merge":
            target = capture.get_submission(session, form.target.data or 0)
            if target is None:
                raise services.WorkshopError("bad-merge", 400)
            capture.merge(session, row, target)
        elif action == "accept":
            pain = capture.accept(session, row, form.title.data, form.severity.data,
                                  form.frequency.data)
            said = _accepted_text(pain.title)
        else:
            capture.dismiss(session, row)
    except services.WorkshopError as exc:
        db.session.rollback()
        if as_json:
            return MESSAGES.json(exc.code, exc.status)
        flash(message(exc), "error")
    else:
        db.session.commit()
        if as_json:
            return jsonify({"ok": True, "message": said})
        if said:
            flash(said)
    return redirect(url_for("workshop.console", engagement_id=engagement.id,
                            session_id=session.id, _anchor="capture"))


def _accepted_text(title: str) -> str:
    return _("'%(title)s' is in the pain register.", title=title)

