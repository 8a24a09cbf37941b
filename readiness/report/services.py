"""Render the executive report: context -> HTML (reports/report.html) -> PDF with WeasyPrint."""
from __future__ import annotations

import base64
from collections.abc import Callable

from flask import current_app
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import resources
from ..engagements.models import Engagement
from .chart_export import figure_svg
from .context import build_context
from .labels import LABELS

REPORTS_DIR = resources.reports_dir()
_env: Environment | None = None


def _environment() -> Environment:
    global _env
    if _env is None:
        # Autoescape on: every name, title and evidence text typed by a user prints as text.
        _env = Environment(loader=FileSystemLoader(str(REPORTS_DIR)),
                           autoescape=select_autoescape(["html"]), auto_reload=False)
    return _env


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def report_html(engagement: Engagement, lang: str = "en",
                progress: Callable[[str], None] = lambda stage: None) -> str:
    progress("scores")
    context = build_context(engagement, lang)
    progress("charts")
    chromium = current_app.config["CHROMIUM_PATH"]
    charts = {name: _svg_data_uri(figure_svg(fig, width, height, chromium))
              for name, (fig, width, height) in context.pop("figures").items()}
    return _environment().get_template("report.html").render(
        t=LABELS["zh" if lang == "zh" else "en"], charts=charts, **context)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # lazy: ~2 s to import; web workers start without it

    return HTML(string=html, base_url=str(REPORTS_DIR)).write_pdf()


def render_pdf(engagement: Engagement, lang: str = "en",
               progress: Callable[[str], None] = lambda stage: None) -> bytes:
    html = report_html(engagement, lang, progress)
    progress("layout")
    return html_to_pdf(html)
