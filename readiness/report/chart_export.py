"""Plotly figure -> vector SVG through kaleido and Debian's chromium.

One browser is started on first use and kept alive (kaleido's sync server) for every later chart;
exported SVGs are cached by the figure's content, so an unchanged chart is never exported twice.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict

import plotly.graph_objects as go

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_started = False
_cache: OrderedDict[str, bytes] = OrderedDict()
CACHE_SIZE = 256


class ChartExportError(RuntimeError):
    pass


def _ensure_server(chromium_path: str) -> None:
    global _started
    if _started:
        return
    import kaleido  # lazy: ~1 s to import, and only PDF reports export charts

    if not os.path.exists(chromium_path):
        logger.error("chart export: no chromium at %s", chromium_path)
        raise ChartExportError(
            f"chromium not found at {chromium_path}: run `make install` (installs Debian's "
            "chromium) or set CHROMIUM_PATH")
    # mathjax=False: kaleido would otherwise load MathJax from a CDN, and we have no formulas.
    started = time.perf_counter()
    kaleido.start_sync_server(n=1, timeout=60, mathjax=False, path=chromium_path,
                              silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _started = True
    logger.info("chart export: chromium started in %.1f s", time.perf_counter() - started)


def figure_key(fig: go.Figure | dict, width: int, height: int) -> str:
    body = fig.to_json() if isinstance(fig, go.Figure) else json.dumps(fig, sort_keys=True, default=str)
    return hashlib.sha256(f"{width}x{height}:{body}".encode()).hexdigest()


def figure_svg(fig: go.Figure | dict, width: int = 640, height: int = 480,
               chromium_path: str = "/usr/bin/chromium") -> bytes:
    return _export(fig, width, height, chromium_path, {"format": "svg"})


def figure_png(fig: go.Figure | dict, width: int = 640, height: int = 480,
               chromium_path: str = "/usr/bin/chromium", scale: float = 3) -> bytes:
    """A raster for slides (PowerPoint shows no SVG everywhere): `scale` 3 puts a 680-pixel chart
    at ~2000 pixels, print resolution on a 16:9 slide. Same warm chromium and cache as the SVG."""
    return _export(fig, width, height, chromium_path, {"format": "png", "scale": scale})


def _export(fig: go.Figure | dict, width: int, height: int, chromium_path: str,
            opts: dict) -> bytes:
    key = figure_key(fig, width, height) + json.dumps(opts, sort_keys=True)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        _ensure_server(chromium_path)
        import kaleido  # lazy, as in _ensure_server (already loaded there)

        if isinstance(fig, dict):  # the pages' plain figure dicts
            fig = go.Figure(fig)
        try:
            image = kaleido.calc_fig_sync(fig, opts=dict(opts, width=width, height=height))
        except Exception:
            logger.exception("chart export failed (%dx%d)", width, height)
            raise
        _cache[key] = image
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return image


def warm_up(chromium_path: str = "/usr/bin/chromium") -> None:
    """Start chromium and WeasyPrint's font machinery before the first report needs them (the
    first chart export costs ~2-3 s of browser start-up; a tiny PDF loads the fonts)."""

    def fonts():
        from weasyprint import HTML  # lazy: ~2 s to import, only the report worker needs it

        HTML(string='<p style="font-family: Noto Sans CJK SC">Readiness 就绪度</p>').write_pdf()

    # Chromium starts in its own process; load the fonts meanwhile rather than after it.
    font_thread = threading.Thread(target=fonts, daemon=True)
    font_thread.start()
    try:
        figure_svg(go.Figure(go.Bar(x=[0], y=[0])), 50, 50, chromium_path)
    except Exception:  # the first report tries again, and fails with the reason if it must
        logger.warning("chart export warm-up failed; the first report starts chromium itself",
                       exc_info=True)
    font_thread.join()
