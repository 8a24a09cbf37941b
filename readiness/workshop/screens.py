"""What the facilitator's screens show, shared by the pages (routes.py) and the pushed or polled
state (presenter.py, routes.room_state): loading a session the user may see, the join link and
its QR code, the console's context, and state_payload."""
from __future__ import annotations

import qrcode
import qrcode.image.svg
from flask import abort, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from ..engagements.access import get_engagement
from ..i18n import current_lang
from ..pains.forms import FREQUENCY_LABELS, SEVERITY_LABELS
from . import capture, controls, services, state
from .forms import ROLE_LABELS, ControlForm


def load(engagement_id: int, session_id: int, edit: bool):
    engagement = get_engagement(engagement_id, current_user, edit=edit)
    session = services.get_session(engagement, session_id)
    if session is None:
        abort(404)
    return engagement, session


def join_url(session) -> str:
    return url_for("workshop.phone", code=session.code, _external=True)


def qr_svg(url: str) -> Markup:
    """Inline SVG of our own URL (no user text in it)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    # qrcode gives every code's path the same id: unique ids keep a page of codes valid HTML.
    return Markup(image.to_string(encoding="unicode").replace(' id="qr-path"', ""))


def console_context(engagement, session):
    questionnaire = engagement.questionnaire_version.parsed()
    lang = current_lang()
    control = ControlForm(formdata=None).set_items(questionnaire, lang)
    control.item_id.data = controls.next_item_id(session, questionnaire)
    control.votes.data = session.votes_per_participant
    rows = capture.submissions(session)
    open_rows = [r for r in rows if r.status == "new"]
    return {
        "engagement": engagement, "session": session, "questionnaire": questionnaire,
        "lang": lang, "room": state.room(session, questionnaire, split=session.split_by_role),
        "control": control,
        "asked": controls.asked_items(session), "submissions": rows, "open_rows": open_rows,
        "merged": capture.merged_into(session), "join_url": join_url(session),
        "next_item": controls.next_item_id(session, questionnaire),
        "departments": {d.id: d.name for d in engagement.departments}, "roles": ROLE_LABELS,
        "severity_labels": SEVERITY_LABELS, "frequency_labels": FREQUENCY_LABELS,
    }


def state_payload(engagement, session, console: bool) -> dict:
    """The state and the HTML of the projector's stage (or the console's live panels): what the
    poll answers and what the event stream pushes. The split by role is the session's
    (controls.set_split), so every projector and the console show the same."""
    questionnaire = engagement.questionnaire_version.parsed()
    data = state.room(session, questionnaire, split=session.split_by_role and not console)
    out = state.room_json(data)
    if console:
        full = console_context(engagement, session)
        out["html"] = {"live": render_template("workshop/_live.html", **full),
                       "submissions": render_template("workshop/_submissions.html", **full)}
        return out
    url = join_url(session)
    context = {"engagement": engagement, "session": session, "room": data,
               "questionnaire": questionnaire, "lang": current_lang(), "join_url": url,
               "qr": qr_svg(url) if session.activity == "lobby" else "", "roles": ROLE_LABELS}
    out["html"] = {"stage": render_template("workshop/_stage.html", **context)}
    out["split"] = bool(data["question"] and data["question"]["split"] is not None)
    return out
