"""Plotly figure -> vector SVG through kaleido and Debian's chromium.

One browser is started on first use and kept alive (kaleido's sync server) for every later chart;
exported SVGs are cached by the figure's content, so an unchanged chart is never exported twice.

Plotly draws a colour bar as one linear gradient with a stop per colour-scale step (five for the
score scale). WeasyPrint writes that as a PDF shading whose function stitches four pieces, and
poppler (pdftoppm, Evince, Okular, most Linux viewers) draws nothing for it, so the heat map's
colour scale vanished from the PDF (even split into two-colour pieces, poppler drops one of
them). split_gradients() paints such a fill as thin solid slices instead: plain rects every
viewer and printer draws, looking the same.
"""
from __future__ import annotations

import atexit
import hashlib
import itertools
import json
import logging
import math
import os
import re
import threading
import time
import xml.etree.ElementTree as ET

import plotly.graph_objects as go

from ..lru import LRUCache

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_started = False
CACHE_SIZE = 256
_cache: LRUCache = LRUCache(CACHE_SIZE)


SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
SLICE = 2.0  # px: a colour bar's slices, finer than the eye tells apart at print size
_URL = re.compile(r"""fill:\s*url\(['"]?#([^'")]+)['"]?\)""")


class ChartExportError(RuntimeError):
    pass


def _number(value: str | None) -> float:
    return float(value) if value else 0.0


def split_gradients(svg: bytes) -> bytes:
    """Replace each rect filled with a linear gradient of more than two stops, running along x or
    y in its own box (plotly's colour bars), by thin solid slices of the gradient's colours."""
    if b"linearGradient" not in svg:
        return svg
    root = ET.fromstring(svg)
    tag = f"{{{SVG_NS}}}"
    gradients = {g.get("id"): g for g in root.iter(tag + "linearGradient")
                 if len(g) > 2 and g.get("gradientUnits", "objectBoundingBox") != "userSpaceOnUse"}
    parents = {child: parent for parent in root.iter() for child in parent}
    changed = False
    for rect in list(root.iter(tag + "rect")):
        match = _URL.search(rect.get("style", "") + ";fill:" + rect.get("fill", ""))
        gradient = gradients.get(match.group(1)) if match else None
        if gradient is None:
            continue
        x1, y1, x2, y2 = (_number(gradient.get(a)) for a in ("x1", "y1", "x2", "y2"))
        if (x1 != x2) == (y1 != y2):  # diagonal or degenerate: leave it to the viewer
            continue
        horizontal = x1 != x2
        x, y, width, height = (_number(rect.get(a)) for a in ("x", "y", "width", "height"))
        length = width if horizontal else height
        start, end = (x1, x2) if horizontal else (y1, y2)
        stops = [(_offset(s.get("offset")), _rgb(s.get("stop-color"))) for s in gradient]
        parent = parents[rect]
        index = list(parent).index(rect)
        parent.remove(rect)
        attrib = {k: v for k, v in rect.attrib.items() if k not in ("style", "fill")}
        slices = max(2, math.ceil(length / SLICE))
        for i in range(slices):
            # Slice i covers [i, i+1] / slices of the box; its colour is the gradient's at its
            # middle, read along the vector (x1 = 1, x2 = 0 runs from the far end back).
            t = ((i + 0.5) / slices - start) / (end - start)
            step = length / slices
            # Each slice overlaps the next by half a pixel: no hairline seams between slices.
            size = step + (0.5 if i < slices - 1 else 0.0)
            geometry = ({"x": x + i * step, "width": size, "y": y, "height": height}
                        if horizontal else
                        {"x": x, "width": width, "y": y + i * step, "height": size})
            piece = dict(attrib, **{k: f"{v:.2f}" for k, v in geometry.items()},
                         fill=_colour_at(stops, t))
            parent.insert(index, ET.Element(tag + "rect", piece))
            index += 1
        changed = True
    # The elements may come out prefixed ("ns0:svg") when another library holds ElementTree's
    # empty prefix: the same SVG to any XML reader (WeasyPrint included).
    return ET.tostring(root) if changed else svg


def _offset(value: str | None) -> float:
    text = (value or "0").strip()
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def _rgb(value: str | None) -> tuple[float, float, float]:
    text = (value or "#000000").strip()
    if text.startswith("#"):
        digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:4])
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    red, green, blue = (float(v) for v in re.findall(r"[\d.]+", text)[:3])
    return (red, green, blue)


def _colour_at(stops: list[tuple[float, tuple[float, float, float]]], t: float) -> str:
    t = min(max(t, stops[0][0]), stops[-1][0])
    for (a, low), (b, high) in itertools.pairwise(stops):
        if a <= t <= b:
            share = 0.0 if b == a else (t - a) / (b - a)
            red, green, blue = (round(p + (q - p) * share) for p, q in zip(low, high, strict=True))
            return f"rgb({red},{green},{blue})"
    red, green, blue = (round(v) for v in stops[-1][1])
    return f"rgb({red},{green},{blue})"


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
    return _cache.get_or_compute(key, lambda: _render(fig, width, height, chromium_path, opts))


def _render(fig: go.Figure | dict, width: int, height: int, chromium_path: str,
            opts: dict) -> bytes:
    with _lock:  # one chromium for the process: one export at a time
        _ensure_server(chromium_path)
        import kaleido  # lazy, as in _ensure_server (already loaded there)

        if isinstance(fig, dict):  # the pages' plain figure dicts
            fig = go.Figure(fig)
        try:
            image = kaleido.calc_fig_sync(fig, opts=dict(opts, width=width, height=height))
        except Exception:
            logger.exception("chart export failed (%dx%d)", width, height)
            raise
    if opts.get("format") == "svg":  # poppler drops many-stop gradients (split_gradients)
        image = split_gradients(image)
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
