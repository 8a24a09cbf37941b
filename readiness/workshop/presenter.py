"""Presenter mode and push: the projector page drives the session (keys and buttons post JSON to
routes.control and get the new stage back), and the projector's and console's event streams
(live.stream) push every change. The phones have streams of their own (phone_live.py)."""
from __future__ import annotations

from flask import Response, jsonify, request, stream_with_context
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from ..edge import EdgeError, read_json
from ..engagements.access import can_edit
from . import bp, live
from .screens import load as _load
from .screens import state_payload

#: Fields a JSON control request may carry (the ControlForm's), as scalars.
_FIELDS = ("action", "item_id", "votes", "confirm")


def json_formdata() -> MultiDict | None:
    """A JSON body as the ControlForm's form data; None if it is not an object of scalars."""
    try:
        data = read_json()
    except EdgeError:
        return None
    if not isinstance(data, dict):
        return None
    out: MultiDict = MultiDict()
    for key in _FIELDS:
        value = data.get(key)
        if isinstance(value, bool):
            if value:
                out[key] = "y"
        elif isinstance(value, (str, int)):
            out[key] = str(value)
        elif value is not None:
            return None
    return out


def answer(engagement, session):
    """After an action: the calling screen's new state, so it changes before the push arrives.
    ?view=console|projector says which screen asks."""
    console = request.args.get("view") == "console"
    payload = state_payload(engagement, session, console)
    return jsonify({"ok": True, **payload})


@bp.route("/engagements/<int:engagement_id>/workshops/<int:session_id>/events")
@login_required
def events(engagement_id: int, session_id: int):
    """Server-sent events: `state` (the same JSON as the poll) on every change, `bye` after at
    most live.STREAM_SECONDS; EventSource reconnects with Last-Event-ID (the version it shows).
    Only EventSource callers: anything else gets 406 at once (and holds no thread)."""
    engagement, session = _load(engagement_id, session_id, edit=False)
    if "text/event-stream" not in request.headers.get("Accept", ""):
        return jsonify({"error": "event-stream-only"}), 406
    console = request.args.get("view") == "console" and can_edit(current_user, engagement)
    seen = request.headers.get("Last-Event-ID", type=int)
    if seen is None:
        seen = request.args.get("v", type=int)
    session_id = session.id

    def render() -> dict:
        current = _load(engagement_id, session_id, edit=False)
        return state_payload(current[0], current[1], console)

    response = Response(stream_with_context(live.stream(session_id, seen, render)),
                        mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
