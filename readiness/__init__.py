"""Readiness: is this organisation ready to implement CRM, where does it hurt, what comes first."""
from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from flask import Flask, request

from . import logs, resources
from .config import load_config
from .edge import init_edge
from .extensions import csrf, db, login_manager, migrate
from .i18n import init_i18n
from .ops import init_ops
from .security import init_security
from .sessions import CheckedCookieSessionInterface

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout; see resources.py


class ReadinessApp(Flask):
    def log_exception(self, exc_info: tuple[type, BaseException, TracebackType]
                      | tuple[None, None, None]) -> None:
        """Flask's log line for an unhandled exception, naming the route instead of the path: a
        respondent's or participant's path holds their link token."""
        rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
        self.logger.error("Exception on %s [%s]", rule, request.method, exc_info=exc_info)


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` overrides environment-derived settings (tests pass a temp DB)."""
    logs.configure()  # before Flask's app.logger exists, so Flask adds no handler of its own
    app = ReadinessApp(
        __name__,
        instance_path=str(resources.instance_dir()),  # $READINESS_INSTANCE, else see resources.py
        instance_relative_config=True,
        # Templates live at the top level of the repository (fixed layout), in a wheel under
        # readiness/_resources: resources.py knows which.
        template_folder=str(resources.templates_dir()),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    app.session_interface = CheckedCookieSessionInterface()
    csrf.init_app(app)
    login_manager.init_app(app)

    # The views and commands are imported when an app is built, not with the package (the Flask
    # tutorial's factory): `readiness.method` and the models import without loading every view,
    # and the entry points that build an app (cli.main, the report worker) import create_app.
    from .blueprints import BLUEPRINTS
    from .cli import register_commands

    init_edge(app)  # first: the bounded <int:...> converter must exist before any route is added
    init_i18n(app)
    init_security(app)
    init_ops(app)  # /healthz and the access log line of every request
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_commands(app)
    from .api.setup import init_api

    init_api(app)  # the JSON API (/api/v1) and its OpenAPI document
    _register_template_helpers(app)
    return app


def _register_template_helpers(app: Flask) -> None:
    from .charts import caption

    # A global, not a context processor: the chart macro (_macros/results.html) is imported
    # without context, and every chart on every page carries its one-line caption.
    app.jinja_env.globals["chart_caption"] = caption

    @app.context_processor
    def _helpers():
        # Lets shared navigation link only to features that are registered.
        return {"has_endpoint": lambda name: name in app.view_functions}
