"""Locale choice: explicit ?lang= switch kept in the session, else the browser's preference.
current_lang() is the one way code asks which language it is writing in."""
from flask import Flask, has_request_context, request, session

from .extensions import babel


def current_lang() -> str:
    """"en" or "zh": the request's language, or the one forced (a respondent's, a report's)."""
    from flask_babel import get_locale

    return str(get_locale() or "en")


def select_locale() -> str | None:
    """Babel's locale selector (views call current_lang()). Outside a request (the CLI, the report
    worker) Babel's default locale applies."""
    from flask import current_app

    if not has_request_context():
        return None
    languages = current_app.config["LANGUAGES"]
    lang = request.args.get("lang")
    if lang in languages:
        session["lang"] = lang
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(list(languages)) or "en"


def init_i18n(app: Flask) -> None:
    from pathlib import Path

    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    _escape_translations(app)
    init_filters(app)

    @app.context_processor
    def _inject_lang():
        return {"current_lang": current_lang(), "languages": app.config["LANGUAGES"]}


def escaped_gettext_callables() -> dict:
    """gettext, ngettext, pgettext, npgettext for a Jinja environment (new style) that escape the
    translated text itself, not only its %(values)s.

    Jinja marks a translation safe (translators may write HTML), so a message with a quote cut
    the attribute it was put in: data-msg-need-level="Choose a level or "Don't know"..." showed
    "Choose a level or". No message of ours holds HTML, so escaping every one makes _() safe in
    text and in any attribute alike, in both languages, on pages and in the report
    (tests/respond/test_markup.py)."""
    from flask_babel import get_translations
    from markupsafe import escape

    return {
        "gettext": lambda s: escape(get_translations().ugettext(s)),
        "ngettext": lambda s, p, n: escape(get_translations().ungettext(s, p, n)),
        "pgettext": lambda c, s: escape(get_translations().upgettext(c, s)),
        "npgettext": lambda c, s, p, n: escape(get_translations().unpgettext(c, s, p, n)),
    }


def _escape_translations(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        newstyle=True, **escaped_gettext_callables())


def session_days(value: float) -> str:
    """"1 day", "1.5 days", "0.5 days" / "1.5 天": plural chosen by the number as written (the
    web's `days` filter and the report's days())."""
    from flask_babel import ngettext

    return ngettext("%(count)s day", "%(count)s days", 1 if value == 1 else 2,
                    count=format(value, "g"))


def local_date(value) -> str:
    """A date in the reader's locale: "Mar 1, 2027" / "2027年3月1日" (the web's `ldate` filter, the
    report's ldate() and its dates inside generated sentences)."""
    from flask_babel import format_date

    return format_date(value, "medium") if value else "—"


def init_filters(app: Flask) -> None:
    app.jinja_env.filters["days"] = session_days
    app.jinja_env.filters["ldate"] = local_date
