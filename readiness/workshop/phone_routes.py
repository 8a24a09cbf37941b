"""A phone's state: the event stream (push, phone_live.py) and the poll it falls back to. Both send
the same JSON, {"stage_version", "status", "activity", "html"}, from the same cached page."""
from __future__ import annotations

from types import SimpleNamespace

from flask import Response, jsonify, request, stream_with_context
from flask_wtf.csrf import generate_csrf

from ..extensions import db
from ..i18n import current_lang
from . import bp, phone_live
from .forms import PainSubmitForm
from .models import WorkshopParticipant, WorkshopSession
from .participant import _participant_request, _questionnaire


def _renderer(session_id: int, participant_id: int):
    """Renders the phone's page for an own part (only when no stream of this process did yet)."""
    lang = current_lang()

    def render(own: dict) -> str:
        ws = db.session.get_one(WorkshopSession, session_id)
        participant = db.session.get_one(WorkshopParticipant, participant_id)
        engagement, version = _questionnaire(ws)
        return phone_live.render_page(ws, participant, version.parsed(), own,
                                      engagement=engagement, lang=lang,
                                      pain_form=PainSubmitForm(formdata=None))
    return render


def _snapshot(ws: WorkshopSession) -> SimpleNamespace:
    return SimpleNamespace(id=ws.id, stage_version=ws.stage_version, status=ws.status,
                           activity=ws.activity, item_id=ws.item_id,
                           votes_revealed=ws.votes_revealed,
                           votes_per_participant=ws.votes_per_participant)


@bp.route("/w/<code>/state")
def phone_state(code: str):
    """Polled by the phone when it has no stream: 204 while nothing it shows changed."""
    ws, participant, refusal = _participant_request(code, json=True)
    if refusal is not None:
        return refusal
    if request.args.get("v", type=int) == ws.stage_version:
        return "", 204
    return jsonify(phone_live.payload(ws.id, participant, current_lang(),
                                      _renderer(ws.id, participant.id), _snapshot(ws)))


@bp.route("/w/<code>/events")
def phone_events(code: str):
    """Server-sent events: `state` (the poll's JSON) when the stage changes, `bye` at the end of
    the stream's life (EventSource reconnects with Last-Event-ID), `bye` with poll: true when this
    server has no stream to spare (the phone polls). Only EventSource callers: anything else gets
    406 at once (and holds no thread)."""
    if "text/event-stream" not in request.headers.get("Accept", ""):
        return jsonify({"error": "event-stream-only"}), 406
    ws, participant, refusal = _participant_request(code, json=True)
    if refusal is not None:
        return refusal
    seen = request.headers.get("Last-Event-ID", type=int)
    if seen is None:
        seen = request.args.get("v", type=int)
    session_id = ws.id
    me = SimpleNamespace(id=participant.id, display_name=participant.display_name)
    lang = current_lang()
    generate_csrf()  # now, while the session cookie can still be set on the response
    render = _renderer(session_id, participant.id)
    db.session.rollback()  # the stream reads afresh; no transaction held meanwhile

    def make(row) -> dict:
        return phone_live.payload(session_id, me, lang, render, row)

    response = Response(stream_with_context(phone_live.stream(session_id, seen, make)),
                        mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
