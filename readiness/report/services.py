"""Render the executive report: context -> HTML (reports/report.html) -> PDF with WeasyPrint."""
from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from typing import Any, cast

from flask import current_app
from flask_babel import force_locale
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import resources
from ..engagements.models import Engagement
from ..i18n import escaped_gettext_callables
from . import chart_pipeline
from .chart_export import figure_svg
from .chart_export import warm_up as warm_up_charts
from .chart_pipeline import ChartExports, Figures
from .context import build_context

logger = logging.getLogger(__name__)
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


#: One figure with the trace types and properties the report's charts use (bars with bases and
#: patterns, markers, polar, heat map, annotations, shapes, date axes): building it loads plotly's
#: validators for them, which the first report otherwise pays for (~0.5 s).
_WARM_FIGURE = {
    "data": [
        {"type": "bar", "x": [1], "y": ["a"], "base": ["2027-01-01"], "orientation": "h",
         "marker": {"color": "#000", "opacity": 1, "line": {"color": "#000", "width": 1},
                    "pattern": {"shape": "/"}}, "text": ["a"], "textposition": "outside",
         "hovertemplate": "a<extra></extra>", "showlegend": False},
        {"type": "scatter", "x": ["2027-01-01"], "y": ["a"], "mode": "markers+text",
         "marker": {"symbol": "diamond", "size": 7, "color": "#000"}, "text": ["a"],
         "textfont": {"color": "#000", "size": 10}, "hovertext": ["a"], "hoverinfo": "text"},
        {"type": "scatterpolar", "r": [1, 2], "theta": ["a", "b"], "fill": "toself",
         "line": {"color": "#000"}},
        {"type": "heatmap", "z": [[1]], "x": ["a"], "y": ["b"], "zmin": 0, "zmax": 100,
         "colorscale": [[0, "#fff"], [1, "#000"]], "colorbar": {"title": {"text": "a"}},
         "texttemplate": "%{z}", "xgap": 1, "ygap": 1},
    ],
    "layout": {"barmode": "overlay", "font": {"family": "sans-serif", "size": 11},
               "xaxis": {"type": "date", "range": ["2027-01-01", "2027-02-01"]},
               "yaxis": {"autorange": "reversed", "automargin": True},
               "polar": {"radialaxis": {"range": [0, 100]}},
               "shapes": [{"type": "line", "x0": 0, "x1": 1, "y0": 0, "y1": 1, "yref": "paper"}],
               "annotations": [{"x": 0, "y": 0, "text": "a", "showarrow": False}],
               "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "height": 100, "width": 100},
}


def warm_up_report() -> None:
    """What the first report would do once per process, done ahead (the report worker calls this
    in the background when it starts): compile the report's templates and load plotly's
    validators for the kinds of chart the report draws."""
    import plotly.graph_objects as go

    environment = _environment()
    for path in sorted(REPORTS_DIR.glob("*.html")):
        environment.get_template(path.name)
    go.Figure(_WARM_FIGURE).to_json()


def warm_up(chromium_path: str = "/usr/bin/chromium") -> None:
    """Everything the first report would do once per process, done ahead: chromium and the fonts
    (chart_export.warm_up) and, meanwhile, the templates and plotly's validators."""

    def report() -> None:
        try:
            warm_up_report()
        except Exception:  # the first report compiles them itself
            logger.warning("report warm-up failed", exc_info=True)

    thread = threading.Thread(target=report, daemon=True)
    thread.start()
    warm_up_charts(chromium_path)
    thread.join()


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def report_html(engagement: Engagement, lang: str = "en",
                progress: Callable[[str], None] = lambda stage: None, *,
                working_copy: bool = False) -> str:
    """The report in `lang`, whoever asks (a request in another language, the CLI, the report
    worker without a request): every gettext, date and plural below is in `lang`. The client's
    copy (default) leaves rule ids and edit badges out of the body; the consultant's working copy
    keeps them. The charts are embedded (data: URIs): the HTML stands alone."""
    chromium = current_app.config["CHROMIUM_PATH"]

    def charts(figures: Figures) -> dict[str, str]:
        return {name: _svg_data_uri(figure_svg(fig, width, height, chromium))
                for name, (fig, width, height) in figures.items()}

    return _render_html(engagement, lang, progress, working_copy, charts)


def _render_html(engagement: Engagement, lang: str, progress: Callable[[str], None],
                 working_copy: bool, charts: Callable[[Figures], dict[str, str]]) -> str:
    """The report's HTML; `charts` turns the figures into each chart's <img src>."""
    with force_locale("zh" if lang == "zh" else "en"):
        progress("scores")
        context = build_context(engagement, lang, working_copy)
        progress("charts")
        sources = charts(context.pop("figures"))
        # working_copy: the consultant's copy keeps rule ids and edit markers in the body.
        context["working_copy"] = working_copy
        return _environment().get_template("report.html").render(charts=sources, **context)


def html_to_pdf(html: str, url_fetcher: Any = None, images: Callable[..., dict] | None = None) -> bytes:
    """`images(font_config, url_fetcher)`: WeasyPrint's image cache, filled ahead
    (chart_pipeline's deferred charts, drawn with the document's fonts)."""
    from weasyprint import HTML  # lazy: ~2 s to import; web workers start without it
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(REPORTS_DIR), url_fetcher=url_fetcher)
    cache = images(fonts, document.url_fetcher) if images else None
    return document.write_pdf(font_config=fonts, cache=cache)


def render_pdf(engagement: Engagement, lang: str = "en",
               progress: Callable[[str], None] | None = None, *,
               working_copy: bool = False) -> bytes:
    progress = progress or (lambda stage: None)
    chromium = current_app.config["CHROMIUM_PATH"]
    # The charts are exported while WeasyPrint lays the pages out; each is waited for only when
    # its page is drawn (chart_pipeline): on a cold start chromium is still starting.
    exports = ChartExports(lambda fig, width, height: figure_svg(fig, width, height, chromium))
    html = _render_html(engagement, lang, progress, working_copy, exports.start)
    progress("layout")
    try:
        return html_to_pdf(html, chart_pipeline.url_fetcher(exports), exports.image_cache)
    except BaseException:  # WeasyPrint's FatalURLFetchingError is a BaseException
        # A chart that could not be exported fails the report with the export's own error
        # (chromium missing...), as when the charts were exported before the layout.
        if (error := exports.failure()) is not None:
            raise error from None
        raise
