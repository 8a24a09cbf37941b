"""Locale choice: explicit ?lang= switch kept in the session, else the browser's preference."""
from flask import Flask, request, session

from .extensions import babel


def select_locale() -> str:
    from flask import current_app

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

    @app.context_processor
    def _inject_lang():
        from flask_babel import get_locale

        return {"current_lang": str(get_locale() or "en"), "languages": app.config["LANGUAGES"]}
