"""/sw.js, served from the root so that its scope covers /w/ and /r/ (the worker itself only
touches those pages and /static/), and /csrf-token for pages taken from the offline copy."""
from __future__ import annotations

from flask import current_app, jsonify, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from . import bp
from .worker import PAGE_PREFIXES, PRECACHE, static_version


@bp.after_app_request
def _keepable(response):
    """The worker keeps a page only when the server says so: a participant's or respondent's
    page, answered in full, to somebody who is not logged in (a consultant trying a link on
    their own browser sees their name and menus: never kept)."""
    if (response.status_code == 200 and response.mimetype == "text/html"
            and request.method == "GET" and request.path.startswith(PAGE_PREFIXES)
            and not current_user.is_authenticated):
        response.headers["X-Offline-Keep"] = "1"
    return response


@bp.route("/sw.js")
def service_worker():
    static_folder = current_app.static_folder or ""
    # The template alone, without the pages' context processors (the brand, the user): the
    # worker is the same script for everybody.
    body = current_app.jinja_env.get_template("offline/sw.js").render(
        version=static_version(static_folder), static_prefix=url_for("static", filename=""),
        page_prefixes=list(PAGE_PREFIXES),
        precache=[url_for("static", filename=name) for name in PRECACHE])
    response = current_app.response_class(body, mimetype="text/javascript")
    # Browsers check for a new worker on every visit; no-cache makes that check reach us.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/csrf-token")
def csrf_token():
    """A fresh CSRF token for this browser's session. A page served from the phone's offline
    copy may carry a token that has expired (8 hours) or belongs to a session cookie the phone
    no longer has; its queued answers go with this one. The answer is readable by our own pages
    only (same origin, no CORS), and the token is bound to the caller's own session."""
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response
