"""What every chart shares: fonts, colours, the 0-100 score scale, layout defaults and label fitting.
Kept apart from charts.py so the heat map (heatmap_chart.py) and the roadmap's Gantt use the same
look without importing each other."""
from __future__ import annotations

import unicodedata

from flask_babel import gettext

FONT = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, sans-serif"
INK, ACCENT = "#1f2a44", "#2f6fb0"

#: 0-100 colour scale with stops at the method's thresholds: red lights below 40 (R-RED-1/2),
#: walk needs 50, run needs 70 (R-CWR-1).
SCORE_SCALE = [[0.0, "#b5473a"], [0.4, "#e0874f"], [0.5, "#f0c75e"], [0.7, "#9cc48a"],
               [1.0, "#3d8b5a"]]
AMBER, MUTED, GREEN = "#c98a1b", "#9aa5b8", "#3d8b5a"
ELLIPSIS = "…"


def no_data(lang: str = "en") -> str:
    """R-DATA-1: what a chart says where there are no scored answers: a gap, never a 0. UI text
    comes from the Babel catalogue (pages render in the reader's locale, the PDF under
    force_locale), so `lang` is only kept for the callers' symmetry."""
    return gettext("no data yet")


def round_or_none(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def layout(height: int, **extra) -> dict:
    base = {"font": {"family": FONT, "color": INK, "size": 12}, "height": height,
            "paper_bgcolor": "white", "plot_bgcolor": "white",
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}
    base.update(extra)
    return base


def wrap(label: str, width: int = 16) -> str:
    """Break a long axis label at the space nearest its middle, so it is not cut at the edge."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1:]


def text_width(text: str) -> int:
    """Width in Latin-letter units: a Chinese character takes two (it is drawn about twice as wide)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _head(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        used += text_width(c)
        if used > width:
            break
        out += c
    return out


def _tail(text: str, width: int, limit: int) -> str:
    """The last `width` units of the text, from the start of its word when that stays within
    `limit` units ("(North)", not "rth)")."""
    tail = _head(text[::-1], width)[::-1]
    word = text[:len(text) - len(tail)].rpartition(" ")[2]
    return word + tail if text_width(word + tail) <= limit else tail


def _middle_cut(text: str, width: int, keep: int) -> str:
    """At most `width` units: the start, an ellipsis, and about `keep` units of the end."""
    tail = _tail(text, keep, max(keep, width // 2))
    return _head(text, width - text_width(tail) - 1).rstrip() + ELLIPSIS + tail


def truncate(text: str, width: int) -> str:
    """At most `width` units: the start of the text and an ellipsis (the full text is in the hover
    and in the data table beside the chart)."""
    return text if text_width(text) <= width else _head(text, width - 1).rstrip() + ELLIPSIS


def short_labels(names: list[str], width: int) -> list[str]:
    """Axis labels of at most `width` units that stay told apart: names that truncate alike keep
    their ends ("Customer Serv…(North)", "Customer Serv…(South)"); equal names are numbered."""
    labels = [truncate(name, width) for name in names]
    for label in set(labels):
        same = [i for i, other in enumerate(labels) if other == label]
        if len(same) < 2:
            continue
        tried = [labels[i] for i in same]
        for keep in range(4, width - 4):
            # The end of each name after the ellipsis, as long as it takes to tell them apart.
            tried = [_middle_cut(names[i], width, keep) if text_width(names[i]) > width
                     else names[i] for i in same]
            if len(set(tried)) == len(tried):
                break
        for i, text in zip(same, tried, strict=True):
            labels[i] = text
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):  # two departments of one name: "Sales", "Sales (2)"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label} ({seen[label]})"
    return labels
