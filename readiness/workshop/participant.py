"""The participant's side under /w: no account. Join by code (typed at /w or scanned: /w/<code>),
then answer, submit pains and vote from the phone. The participant token lives in the signed
session cookie; only its hash is stored. Every POST works as a plain form (no JavaScript) and as
JSON (X-CSRFToken header): JSON callers get {"error": code, "message": text} with a 4xx status."""
from __future__ import annotations

import json
import logging

from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError

from ..edge import EdgeError, error_response, read_json
from ..engagements.models import Engagement
from ..extensions import db
from ..i18n import current_lang
from ..throttle import Throttle
from . import answers, bp, capture, services, state, vote_path, voting
from .forms import CodeForm, JoinForm, PainSubmitForm
from .messages import MESSAGES, message
from .services import WorkshopError

logger = logging.getLogger(__name__)

COOKIE_KEY = "workshop"
#: Sessions remembered per browser (a phone used in several workshops).
REMEMBER = 8
#: Wrong join codes per client address: the code is all that stands between a stranger and a
#: session, so guessing is slowed to 20 tries per 5 minutes (then 429).
code_guesses = Throttle("join code", limit=20)
#: Tells the phone's service worker that this session is over (closed or gone): its kept pages
#: are dropped (templates/offline/sw.js).
FORGET = {"X-Offline-Forget": "1"}


@bp.after_request
def _private(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.errorhandler(CSRFError)
def _csrf_refused(error):
    logger.info("workshop phone request refused: %s (%s)", error.description, request.endpoint)
    if _wants_json():
        return MESSAGES.json("csrf", 400)
    return error_response(400, error)


def _wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"


def _token_for(ws) -> str | None:
    return (session.get(COOKIE_KEY) or {}).get(str(ws.id))


def _remember(ws, token: str) -> None:
    tokens = dict(session.get(COOKIE_KEY) or {})
    tokens[str(ws.id)] = token
    session[COOKIE_KEY] = dict(list(tokens.items())[-REMEMBER:])


def _questionnaire(ws):
    engagement = db.session.get_one(Engagement, ws.engagement_id)
    return engagement, engagement.questionnaire_version


def _refuse(ws, code: str, status: int, json: bool = False):
    if json or _wants_json():
        return MESSAGES.json(code, status)
    flash(message(code), "error")
    if ws is None:
        return redirect(url_for("workshop.enter"))
    return redirect(url_for("workshop.phone", code=ws.code))


def _guessing() -> bool:
    return code_guesses.blocked(request.remote_addr or "-")


def _find(code: str):
    """The session with this code; a wrong code counts against the client's address."""
    ws = services.find_by_code(code)
    if ws is None:
        code_guesses.failed(request.remote_addr or "-")
    return ws


def _too_many(code: str = "", json: bool = False):
    if json or _wants_json():
        return MESSAGES.json("too-many-codes", 429)
    form = CodeForm(formdata=None, data={"code": code})
    form.code.errors = [message("too-many-codes")]
    return render_template("workshop/enter.html", form=form), 429


@bp.route("/w", methods=["GET", "POST"])
def enter():
    form = CodeForm()
    if form.validate_on_submit():
        if _guessing():
            return _too_many(form.code.data)
        ws = _find(form.code.data)
        if ws is not None:
            return redirect(url_for("workshop.phone", code=ws.code))
        form.code.errors.append(message("no-session"))
    status = 422 if form.errors else 200
    return render_template("workshop/enter.html", form=form), status


@bp.route("/w/<code>")
def phone(code: str):
    if _guessing():
        return _too_many(code)
    ws = _find(code)
    if ws is None:
        form = CodeForm(formdata=None, data={"code": code})
        form.code.errors = [message("no-session")]
        return render_template("workshop/enter.html", form=form), 404, FORGET
    if code != ws.code:
        return redirect(url_for("workshop.phone", code=ws.code))
    engagement, version = _questionnaire(ws)
    if ws.status == "closed":
        return render_template("workshop/closed.html", ws=ws, engagement=engagement), 410, FORGET
    participant = services.participant_for(ws, _token_for(ws))
    if participant is None:
        form = JoinForm(formdata=None).set_departments(engagement.departments)
        return render_template("workshop/join.html", ws=ws, engagement=engagement, form=form)
    view = state.phone(ws, participant, version.parsed())
    return render_template("workshop/phone.html", ws=ws, engagement=engagement, view=view,
                           lang=current_lang(), pain_form=PainSubmitForm(formdata=None))


@bp.route("/w/<code>/join", methods=["POST"])
def join(code: str):
    if _guessing():
        return _too_many(code)
    ws = _find(code)
    if ws is None:
        return _refuse(None, "no-session", 404)
    engagement, _version = _questionnaire(ws)
    form = JoinForm().set_departments(engagement.departments)
    if ws.status == "closed":
        return render_template("workshop/closed.html", ws=ws, engagement=engagement), 410, FORGET
    if form.validate_on_submit():
        try:
            _participant, token = services.join(ws, form.display_name.data, form.role.data,
                                                form.department_id.data, current_lang())
        except WorkshopError as exc:
            db.session.rollback()
            getattr(form, exc.field or "role").errors.append(message(exc))
        else:
            db.session.commit()
            _remember(ws, token)
            return redirect(url_for("workshop.phone", code=ws.code))
    return render_template("workshop/join.html", ws=ws, engagement=engagement, form=form), 422


def _participant_request(code: str, json: bool = False):
    """(session, participant) for a participant's request, or a refusal response."""
    if _guessing():
        return None, None, _too_many(code, json)
    ws, participant = services.participant_by_code(
        code, (session.get(COOKIE_KEY) or {}).values())
    if ws is None:
        code_guesses.failed(request.remote_addr or "-")
        return None, None, _refuse(None, "no-session", 404, json)
    if participant is None:
        return ws, None, _refuse(ws, "not-joined", 403, json)
    return ws, participant, None


def _payload() -> dict:
    if request.is_json:
        data = read_json()  # bounded: too deep, too large or non-finite numbers are a 4xx
        return data if isinstance(data, dict) else {}
    return request.form.to_dict()


def _done(ws, body: dict, status: int = 200):
    db.session.commit()
    if _wants_json():
        return jsonify({"ok": True, **body}), status
    return redirect(url_for("workshop.phone", code=ws.code))


def _parse_level(value):
    if value in ("dk", None):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WorkshopError("bad-level", 400, "level") from None


@bp.route("/w/<code>/answer", methods=["POST"])
def answer(code: str):
    ws, participant, refusal = _participant_request(code)
    if refusal is not None:
        return refusal
    data = _payload()
    _engagement, version = _questionnaire(ws)
    try:
        if "level" not in data:
            raise WorkshopError("bad-level", 400, "level")
        level = _parse_level(data["level"])
        row = answers.answer(ws, participant, version.parsed(), version.id,
                             str(data.get("item_id", "")), level)
        db.session.commit()
    except WorkshopError as exc:
        db.session.rollback()
        return _refuse(ws, exc.code, exc.status)
    return _done(ws, {"item_id": row.item_id, "round": row.round, "level": row.level})


@bp.route("/w/<code>/pains", methods=["POST"])
def submit_pain(code: str):
    ws, participant, refusal = _participant_request(code)
    if refusal is not None:
        return refusal
    data = _payload()
    try:
        row = capture.submit(ws, participant, str(data.get("title", "")),
                             str(data.get("scenario", "")),
                             str(data.get("affected_party", "customer")))
    except WorkshopError as exc:
        db.session.rollback()
        return _refuse(ws, exc.code, exc.status)
    return _done(ws, {"id": row.id, "title": row.title})


@bp.route("/w/<code>/votes", methods=["POST"])
def vote(code: str):
    """{"pain_id": 7} puts a dot on pain 7; {"pain_id": 7, "vote": false} takes it back. A dot
    takes the short path (vote_path.py: a room of phones votes in the same second); taking one
    back, and anything the short path does not find, goes the long way (_vote), which refuses in
    the same order as ever: who is asking first, then what they sent."""
    if _guessing():
        return _too_many(code)
    try:
        data = _payload()
    except EdgeError:
        return _vote(code)
    try:
        pain_id = int(data["pain_id"])
    except (KeyError, TypeError, ValueError):
        return _vote(code)
    if data.get("vote") in (False, "false", "0") or data.get("action") == "withdraw":
        return _vote(code)
    context = vote_path.context(code, (session.get(COOKIE_KEY) or {}).values(), pain_id)
    if context is None:
        return _vote(code)
    with vote_path.writing():  # up to the commit or the rollback: the write lock is free then
        try:
            vote_id, left = vote_path.cast(context, pain_id)
            db.session.commit()
        except WorkshopError as exc:
            db.session.rollback()
            refused: WorkshopError | None = exc
        else:
            refused = None
    if refused is not None:
        return _refuse(context, refused.code, refused.status)  # context has the code: a redirect
    if not _wants_json():
        return redirect(url_for("workshop.phone", code=context.code))
    # Built without jsonify's machinery: it cost as much as a statement.
    return current_app.response_class(json.dumps(
        {"ok": True, "pain_id": pain_id, "voted": True, "vote_id": vote_id, "votes_left": left},
        separators=(",", ":")), mimetype="application/json")


def _vote(code: str):
    ws, participant, refusal = _participant_request(code)
    if refusal is not None:
        return refusal
    data = _payload()
    try:
        try:
            pain_id = int(data["pain_id"])
        except (KeyError, TypeError, ValueError):
            raise WorkshopError("unknown-pain", 404, "pain_id") from None
        take_back = data.get("vote") in (False, "false", "0") or data.get("action") == "withdraw"
        if take_back:
            voting.withdraw(ws, participant, pain_id)
            body = {"pain_id": pain_id, "voted": False}
        else:
            body = {"pain_id": pain_id, "voted": True,
                    "vote_id": voting.cast(ws, participant, pain_id)}
        db.session.commit()  # first: the lock is released before the rest of the answer is built
    except WorkshopError as exc:
        db.session.rollback()
        return _refuse(ws, exc.code, exc.status)
    return _done(ws, {**body, "votes_left": voting.votes_left(ws, participant)})
