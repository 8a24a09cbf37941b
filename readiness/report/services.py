"""Render the executive report: context -> HTML (reports/report.html) -> PDF with WeasyPrint."""
from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any, cast

from flask import current_app
from flask_babel import force_locale
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import resources
from ..engagements.models import Engagement
from ..i18n import escaped_gettext_callables
from .chart_export import figure_svg
from .context import build_context

REPORTS_DIR = resources.reports_dir()
_env: Environment | None = None


def _environment() -> Environment:
    global _env
    if _env is None:
        # Autoescape on: every name, title and evidence text typed by a user prints as text.
        _env = Environment(loader=FileSystemLoader(str(REPORTS_DIR)),
                           autoescape=select_autoescape(["html"]), auto_reload=False,
                           extensions=["jinja2.ext.i18n"])
        # The report's words come from the Babel catalog, as the pages' do (Flask-Babel installs
        # the same callables, new style, in the app's environment); force_locale picks the language.
        # Escaped like the pages' (i18n.escaped_gettext_callables): a quote in a message never
        # cuts an attribute.
        cast(Any, _env).install_gettext_callables(newstyle=True, **escaped_gettext_callables())
    return _env


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def report_html(engagement: Engagement, lang: str = "en",
                progress: Callable[[str], None] = lambda stage: None, *,
                working_copy: bool = False) -> str:
    """The report in `lang`, whoever asks (a request in another language, the CLI, the report
    worker without a request): every gettext, date and plural below is in `lang`. The client's
    copy (default) leaves rule ids and edit badges out of the body; the consultant's working copy
    keeps them."""
    with force_locale("zh" if lang == "zh" else "en"):
        progress("scores")
        context = build_context(engagement, lang, working_copy)
        progress("charts")
        chromium = current_app.config["CHROMIUM_PATH"]
        charts = {name: _svg_data_uri(figure_svg(fig, width, height, chromium))
                  for name, (fig, width, height) in context.pop("figures").items()}
        # working_copy: the consultant's copy keeps rule ids and edit markers in the body.
        context["working_copy"] = working_copy
        return _environment().get_template("report.html").render(charts=charts, **context)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # lazy: ~2 s to import; web workers start without it

    return HTML(string=html, base_url=str(REPORTS_DIR)).write_pdf()


def render_pdf(engagement: Engagement, lang: str = "en",
               progress: Callable[[str], None] | None = None, *,
               working_copy: bool = False) -> bytes:
    progress = progress or (lambda stage: None)
    html = report_html(engagement, lang, progress, working_copy=working_copy)
    progress("layout")
    return html_to_pdf(html)
