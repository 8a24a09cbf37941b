"""The report's charts exported while WeasyPrint already works on the rest of the PDF.

Exporting the four charts (kaleido, in chromium's own process) takes ~1 s when they are not cached
yet, and on the first report after a start chromium itself is still starting (2-4 s on a busy
machine). WeasyPrint reads an <img> when it builds its boxes, long before it draws the page, and
would wait there for the chart. render_pdf therefore gives WeasyPrint an HTML whose charts are
`readiness-chart:NAME` addresses, exports the charts on a background thread meanwhile, and hands
WeasyPrint, through its image cache, a DeferredChart per address: its size is known from the
figure (all the layout needs), its drawing waits for the export only when the page is drawn,
after the whole layout. The second core works on the charts instead of the layout waiting.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

SCHEME = "readiness-chart:"

#: name -> (figure, width, height), as build_context's "figures".
Figures = dict[str, tuple[Any, int, int]]


class ChartExports:
    """The report's charts, exported in document order on one background thread (chromium exports
    one chart at a time anyway)."""

    def __init__(self, export: Callable[[Any, int, int], bytes]):
        self._export = export
        self._futures: dict[str, Future[bytes]] = {}
        self._sizes: dict[str, tuple[int, int]] = {}

    def start(self, figures: Figures) -> dict[str, str]:
        """Start exporting `figures`; returns the address of each chart for the template."""
        self._futures = {name: Future() for name in figures}
        self._sizes = {name: (width, height) for name, (_, width, height) in figures.items()}
        thread = threading.Thread(target=self._run, args=(figures,), daemon=True,
                                  name="report-charts")
        thread.start()
        return {name: SCHEME + name for name in figures}

    def _run(self, figures: Figures) -> None:
        for name, (fig, width, height) in figures.items():
            future = self._futures[name]
            try:
                future.set_result(self._export(fig, width, height))
            except BaseException as error:  # handed to the PDF's thread, which raises it
                future.set_exception(error)

    def svg(self, name: str) -> bytes:
        """The chart's SVG, waiting for its export; raises the export's own error."""
        return self._futures[name].result()

    def failure(self) -> BaseException | None:
        """The first export error, once every export has ended (None when all succeeded)."""
        for future in self._futures.values():
            if error := future.exception():
                return error
        return None


    def image_cache(self, font_config: Any, fetcher: Any) -> dict[str, Any]:
        """WeasyPrint's image cache (its `cache` option) filled with a DeferredChart per address:
        WeasyPrint takes an image from there without fetching it. `font_config` must be the one
        the PDF is rendered with (the charts' text uses the document's fonts)."""
        drawing = _DrawingContext(font_config, fetcher)
        return {SCHEME + name: DeferredChart(self, name, width, height, drawing)
                for name, (width, height) in self._sizes.items()}


class _DrawingContext:
    """What WeasyPrint's SVG drawing asks of the layout context it is usually given: the
    document's fonts, a way to load images nested in the SVG (plotly draws a heat map as a PNG
    inside its SVG) and the hyphenation dictionaries."""

    def __init__(self, font_config: Any, fetcher: Any):
        from functools import partial

        from weasyprint import DEFAULT_OPTIONS
        from weasyprint.images import get_image_from_uri

        self.font_config, self.url_fetcher = font_config, fetcher
        self.dictionaries: dict[Any, Any] = {}
        self.get_image_from_uri = partial(get_image_from_uri, cache={}, url_fetcher=fetcher,
                                          options=DEFAULT_OPTIONS, context=self)


class DeferredChart:
    """A chart as WeasyPrint's image interface (that of weasyprint.images.SVGImage): the size the
    layout asks for comes from the figure (the exported SVG's width and height, in CSS pixels,
    are the figure's own), the SVG is waited for and parsed when the page is drawn. An export
    error propagates from draw() and stops the PDF (SVGImage.draw would log it and print a page
    without the chart)."""

    def __init__(self, exports: ChartExports, name: str, width: int, height: int,
                 drawing: _DrawingContext):
        self._exports, self._name, self._drawing = exports, name, drawing
        self._width, self._height = float(width), float(height)
        self._image: Any = None

    def get_intrinsic_size(self, image_resolution: float, font_size: float):
        return self._width, self._height, self._width / self._height

    def draw(self, stream: Any, concrete_width: float, concrete_height: float, style: Any) -> None:
        if self._image is None:
            from xml.etree import ElementTree

            from weasyprint.images import SVGImage

            tree = ElementTree.fromstring(self._exports.svg(self._name))
            self._image = SVGImage(tree, SCHEME + self._name,
                                   self._drawing.url_fetcher,
                                   self._drawing)
        self._image.draw(stream, concrete_width, concrete_height, style)


def url_fetcher(exports: ChartExports) -> Any:
    """A WeasyPrint URL fetcher answering `readiness-chart:` addresses from `exports` (and every
    other address, the stylesheet's, as WeasyPrint's own fetcher does)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ChartFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if not url.startswith(SCHEME):
                return super().fetch(url, headers)
            try:
                svg = exports.svg(url[len(SCHEME):])
            except Exception as error:
                # Fatal: WeasyPrint would otherwise print the report without the chart.
                raise FatalURLFetchingError(f"chart export failed: {url}") from error
            return URLFetcherResponse(url, svg, {"Content-Type": "image/svg+xml"})

    return ChartFetcher()
