"""The public questionnaire under /r/<token>: no account, the personal link is the key.

Every page renders in the respondent's own language (Respondent.locale, switched with ?lang=).
A bad token is 404, a revoked one 410, a change after submitting 409: plain pages, JSON for the
autosave endpoint.
"""
import json
import logging
from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError

from ..edge import MESSAGES as EDGE_MESSAGES
from ..edge import EdgeError, read_json
from ..extensions import db
from ..respondents.forms import ROLE_LABELS
from ..respondents.messages import MESSAGES as ANSWER_MESSAGES
from ..respondents.services import AnswerError
from . import bp
from . import services as svc
from .forms import DONT_KNOW, InputError, parse_json, parse_page, values_from_answers
from .messages import MESSAGES, message

logger = logging.getLogger(__name__)

#: Tells the phone's service worker that this link is over: its kept pages are dropped.
FORGET = {"X-Offline-Forget": "1"}


@bp.after_request
def _private(response):
    """Answers are personal: never cached (shared workshop devices), never indexed."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _problem(code: int, respondent=None, wave_closed: bool = False):
    # A withdrawn or unknown link: the phone's offline copy drops its pages (templates/offline).
    headers = {"X-Offline-Forget": "1"} if code == 410 or (code == 404 and respondent is None) else {}

    def render():
        return render_template("respond/problem.html", code=code, respondent=respondent,
                               wave_closed=wave_closed), code, headers
    if respondent is None:
        return render()
    with force_locale(respondent.locale):
        return render()


def respondent_page(view):
    """Load the respondent by token, refuse bad or revoked links, apply ?lang=, and render the
    view in the respondent's language."""
    @wraps(view)
    def wrapper(token: str, **kwargs):
        respondent = svc.find_respondent(token)
        if respondent is None:
            return _problem(404)
        if respondent.revoked:
            return _problem(410, respondent)
        if svc.wave_closed(respondent):  # R-WAVE-1: an earlier wave is read-only
            return _problem(410, respondent, wave_closed=True)
        lang = request.args.get("lang")
        if request.method == "GET" and lang is not None:
            if lang in svc.LANGS and lang != respondent.locale:
                svc.set_locale(respondent, lang)
                db.session.commit()
            return redirect(request.path)
        with force_locale(respondent.locale):
            return view(respondent, **kwargs)
    return wrapper


def _common(respondent):
    engagement, questionnaire = svc.engagement_of(respondent)
    return {"respondent": respondent, "engagement": engagement, "questionnaire": questionnaire,
            "lang": respondent.locale, "total": len(questionnaire.items())}


@bp.route("/r/<token>")
@respondent_page
def intro(respondent):
    if respondent.status == "completed":
        return redirect(url_for(".done", token=respondent.token))
    ctx = _common(respondent)
    department = next((d.name for d in ctx["engagement"].departments
                       if d.id == respondent.department_id), None)
    return render_template(
        "respond/intro.html", **ctx, answered=svc.answered_count(respondent),
        minutes=svc.estimated_minutes(ctx["total"]), department=department,
        role_label=ROLE_LABELS.get(respondent.role, ""))


@bp.route("/r/<token>/continue")
@respondent_page
def resume(respondent):
    """Where the respondent stopped: the first block with an unanswered item, else the review."""
    if respondent.status == "completed":
        return redirect(url_for(".done", token=respondent.token))
    questionnaire = svc.engagement_of(respondent)[1]
    number = svc.resume_block(questionnaire, svc.saved_answers(respondent).keys())
    if number is None:
        return redirect(url_for(".review", token=respondent.token))
    return redirect(url_for(".block", token=respondent.token, number=number))


def _save(respondent, version_id, questionnaire, answers) -> None:
    """Save and commit. Two tabs saving the same new item at once collide on the unique
    (respondent, item) key; the loser starts again and finds the row to update."""
    for attempt in (1, 2):
        try:
            svc.save(respondent, questionnaire, version_id, answers)
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()
            if attempt == 2:
                raise


def _render_block(respondent, number, values=None, errors=None, message=None, status=200):
    ctx = _common(respondent)
    block = svc.block_by_number(ctx["questionnaire"], number)
    if block is None:  # the callers looked the block up already
        abort(404)
    saved = svc.saved_answers(respondent)
    if values is None:
        values = values_from_answers(block, saved)
    return render_template(
        "respond/block.html", **ctx, block=block, number=number,
        blocks=len(ctx["questionnaire"].blocks), values=values, errors=errors or {},
        answered=len(saved), block_answered=sum(1 for i in block.items if i.id in saved),
        message=message, dont_know=DONT_KNOW), status


@bp.route("/r/<token>/block/<int:number>", methods=["GET", "POST"])
@respondent_page
def block(respondent, number: int):
    engagement, questionnaire = svc.engagement_of(respondent)
    block = svc.block_by_number(questionnaire, number)
    if block is None:
        return _problem(404, respondent)
    if respondent.status == "completed":
        if request.method == "POST":
            return _problem(409, respondent)
        return redirect(url_for(".done", token=respondent.token))
    if request.method == "GET":
        return _render_block(respondent, number)
    answers, values, errors = parse_page(block, request.form)
    if errors:
        return _render_block(respondent, number, values, errors, status=400, message=_(
            "Some answers on this page need another look: see the notes below."))
    _save(respondent, engagement.questionnaire_version_id, questionnaire, answers)
    go = request.form.get("go")
    if go == "back":
        target = (url_for(".block", token=respondent.token, number=number - 1) if number > 1
                  else url_for(".intro", token=respondent.token))
    elif go == "review" or number == len(questionnaire.blocks):
        target = url_for(".review", token=respondent.token)
    else:
        target = url_for(".block", token=respondent.token, number=number + 1)
    return redirect(target)


@bp.route("/r/<token>/answer", methods=["POST"])
def answer(token: str):
    """Autosave one answer: JSON in, JSON out. Idempotent. Speed (bench/save.py): two reads, then
    a two-statement write transaction; the answer count comes back from the save itself."""
    try:  # first: the item it names is read together with the link (one query)
        body, unreadable = read_json(), None
    except EdgeError as exc:
        body, unreadable = None, exc
    context = svc.answer_context(token, body.get("item_id") if isinstance(body, dict) else None)
    if context is None:
        return MESSAGES.json("bad-link", 404)
    questionnaire = context.questionnaire
    try:
        if context.revoked:
            raise _Refused(MESSAGES, "link-withdrawn", 410)
        if context.closed:
            raise _Refused(MESSAGES, "wave-closed", 410)
        if context.status == "completed":
            raise _Refused(MESSAGES, "already-submitted", 409)
        if unreadable is not None:
            raise unreadable
        given = parse_json(body, questionnaire)
        saved = _save_one(context, given)
    except _Refused as refused:
        return refused.answer(context.locale)
    except EdgeError as exc:  # here, not in the app's handler: in the respondent's language
        return _Refused(EDGE_MESSAGES, exc).answer(context.locale)
    except InputError as exc:
        db.session.rollback()
        return _Refused(MESSAGES, exc, 400).answer(context.locale)
    except AnswerError as exc:  # the item left the questionnaire since the page was served
        db.session.rollback()
        return _Refused(ANSWER_MESSAGES, exc, 400).answer(context.locale)
    # The reply every autosave gets, built without jsonify's machinery (it is a third of the
    # time the save spends outside the database).
    return current_app.response_class(
        json.dumps({"saved": True, "item_id": given.item_id, "answered": saved.answered,
                    "total": len(questionnaire.item_index())}, separators=(",", ":")),
        mimetype="application/json")


class _Refused(Exception):
    """A refused autosave: its message is rendered in the respondent's language, and only then
    (choosing the locale costs time every successful save would pay for nothing)."""

    def __init__(self, messages, error, status=None):
        super().__init__(error)
        self.messages, self.error, self.status = messages, error, status

    def answer(self, locale):
        with force_locale(locale):
            return self.messages.json(self.error, self.status)


def _save_one(context, given):
    """Save and commit one answer; a collision on the unique key (two tabs saving the same new
    item at once) starts again and finds the row to update."""
    for attempt in (1, 2):
        try:
            saved = svc.save_one(context, given, first_try=attempt == 1)
            db.session.commit()
            return saved
        except IntegrityError:
            db.session.rollback()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@bp.route("/r/<token>/review")
@respondent_page
def review(respondent):
    if respondent.status == "completed":
        return redirect(url_for(".done", token=respondent.token))
    ctx = _common(respondent)
    saved = svc.saved_answers(respondent)
    return render_template(
        "respond/review.html", **ctx, answered=len(saved),
        dont_know=sum(1 for a in saved.values() if a.level is None),
        missing=svc.unanswered(ctx["questionnaire"], saved.keys()))


@bp.route("/r/<token>/submit", methods=["POST"])
@respondent_page
def submit(respondent):
    if respondent.status != "completed":
        try:
            svc.submit(respondent)
        except svc.SubmitError as exc:
            flash(message(exc), "error")
            return redirect(url_for(".review", token=respondent.token))
        db.session.commit()
    return redirect(url_for(".done", token=respondent.token))


@bp.route("/r/<token>/done")
@respondent_page
def done(respondent):
    if respondent.status != "completed":
        return redirect(url_for(".intro", token=respondent.token))
    # Submitted: the phone's offline copy drops this link's pages (templates/offline/sw.js).
    return render_template("respond/done.html", **_common(respondent)), 200, FORGET


def _expired_json():
    """The autosave's CSRF refusal, in the respondent's language when the link is theirs."""
    respondent = svc.find_respondent((request.view_args or {}).get("token", ""))
    if respondent is None:
        return MESSAGES.json("page-expired", 400)
    with force_locale(respondent.locale):
        return MESSAGES.json("page-expired", 400)


@bp.errorhandler(CSRFError)
def _csrf_failed(error):
    """An expired page (the CSRF token lives an hour): say so, and keep a posted page's answers."""
    logger.info("respondent page refused: %s (%s)", error.description, request.endpoint)
    if request.endpoint == "respond.answer":
        return _expired_json()
    token = (request.view_args or {}).get("token", "")
    respondent = svc.find_respondent(token)
    if respondent is None or respondent.revoked:
        return _problem(404 if respondent is None else 410, respondent)
    if svc.wave_closed(respondent):
        return _problem(410, respondent, wave_closed=True)
    number = (request.view_args or {}).get("number")
    questionnaire = svc.engagement_of(respondent)[1]
    block = svc.block_by_number(questionnaire, number) if number else None
    with force_locale(respondent.locale):
        if request.endpoint == "respond.block" and block and respondent.status != "completed":
            values, errors = parse_page(block, request.form)[1:]
            return _render_block(respondent, number, values, errors, status=400, message=_(
                "This page was open for a long time and has expired. Your answers are still "
                "below: press Next again to save them."))
        return _problem(400, respondent)
