"""The report's charts exported while WeasyPrint already works on the rest of the PDF.

Exporting the four charts (kaleido, in chromium's own process) takes ~1.3 s when they are not
cached yet, the first report after a start above all; WeasyPrint spends about as long parsing the
HTML and computing its styles before it needs the first picture. render_pdf therefore gives
WeasyPrint an HTML whose charts are `readiness-chart:NAME` addresses, exports the charts on a
background thread meanwhile, and answers those addresses from that thread's results: the second
core works on the charts instead of waiting for them.
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

    def start(self, figures: Figures) -> dict[str, str]:
        """Start exporting `figures`; returns the address of each chart for the template."""
        self._futures = {name: Future() for name in figures}
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
