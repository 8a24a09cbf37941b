"""render_pdf exports the charts while WeasyPrint lays out the rest (chart_pipeline): the layout
never waits for a chart (only drawing its page does), every chart still reaches the PDF, as a
vector drawing, and a chart that cannot be exported fails the report with the export's own error
instead of a PDF without the chart."""
import io
import threading

import pytest
from pypdf import PdfReader

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.report import chart_pipeline, services
from readiness.report.chart_export import ChartExportError

CHARTS = ("radar", "heatmap", "gaps", "gantt")


def _svg(word: str) -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
            f'<text x="5" y="20" font-size="12">{word}</text></svg>').encode()


def test_exports_run_in_document_order_on_another_thread():
    seen = []

    def export(fig, width, height):
        seen.append((fig, threading.current_thread().name))
        return _svg(fig)

    exports = chart_pipeline.ChartExports(export)
    sources = exports.start({"radar": ("r", 1, 1), "gantt": ("g", 1, 1)})
    assert sources == {"radar": "readiness-chart:radar", "gantt": "readiness-chart:gantt"}
    assert exports.svg("gantt") == _svg("g") and exports.svg("radar") == _svg("r")
    assert [fig for fig, _ in seen] == ["r", "g"]
    assert all(name == "report-charts" for _, name in seen)
    assert exports.failure() is None


def test_the_fetcher_answers_chart_addresses_and_stops_the_layout_on_a_failure():
    from weasyprint.urls import FatalURLFetchingError

    def export(fig, width, height):
        if fig == "bad":
            raise ChartExportError("no chromium")
        return _svg(fig)

    exports = chart_pipeline.ChartExports(export)
    exports.start({"good": ("ok", 1, 1), "bad": ("bad", 1, 1)})
    fetcher = chart_pipeline.url_fetcher(exports)
    response = fetcher("readiness-chart:good")
    assert response.content_type == "image/svg+xml" and response.read() == _svg("ok")
    with pytest.raises(FatalURLFetchingError) as raised:
        fetcher("readiness-chart:bad")
    assert isinstance(raised.value.__cause__, ChartExportError)
    assert isinstance(exports.failure(), ChartExportError)


@pytest.mark.pdf
def test_every_chart_reaches_the_pdf(app, demo, monkeypatch):
    # Each chart a tiny SVG saying its name: the PDF's text shows which charts were drawn.
    monkeypatch.setattr(services, "figure_svg", lambda fig, width, height, chromium: _svg(
        f"chart{width}x{height}"))
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = {f"chart{w}x{h}" for _, w, h in services.build_context(
            engagement, "en", False)["figures"].values()}
        pdf = services.render_pdf(engagement, "en")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert len(expected) >= 3 and all(word in text for word in expected)


@pytest.mark.pdf
def test_a_chart_that_cannot_be_exported_fails_the_report(app, demo, monkeypatch):
    def fail(*args):
        raise ChartExportError("chromium not found at /nowhere")

    monkeypatch.setattr(services, "figure_svg", fail)
    with app.app_context(), pytest.raises(ChartExportError, match="chromium not found"):
        services.render_pdf(db.session.get(Engagement, demo.engagement_id), "en")


@pytest.mark.pdf
def test_the_layout_does_not_wait_for_the_charts(app, demo, monkeypatch):
    """The exports are held until WeasyPrint has laid out every page (its Document exists and is
    being written): had the layout waited for a chart, the export would time out instead."""
    from weasyprint.document import Document

    laid_out = threading.Event()
    write_pdf = Document.write_pdf

    def written(self, *args, **kwargs):
        laid_out.set()
        return write_pdf(self, *args, **kwargs)

    def held_export(fig, width, height, chromium):
        if not laid_out.wait(60):
            raise ChartExportError("the layout waited for the charts")
        return _svg(f"chart{width}x{height}")

    monkeypatch.setattr(Document, "write_pdf", written)
    monkeypatch.setattr(services, "figure_svg", held_export)
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        sizes = {f"chart{w}x{h}" for _, w, h in services.build_context(
            engagement, "en", False)["figures"].values()}
        pdf = services.render_pdf(engagement, "en")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(word in text for word in sizes)


def test_a_deferred_chart_has_its_size_before_its_drawing():
    held = threading.Event()
    exports = chart_pipeline.ChartExports(lambda fig, width, height: held.wait(5) and _svg(fig))
    exports.start({"radar": ("r", 680, 532)})
    (chart,) = exports.image_cache(None, None).values()
    assert chart.get_intrinsic_size(96, 16) == (680.0, 532.0, 680 / 532)  # no export needed
    held.set()
    assert exports.svg("radar") == _svg("r")
