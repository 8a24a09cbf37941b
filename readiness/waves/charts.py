"""The trend across waves: each block's score per wave and the overall readiness (R-WAVE-2)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext

from ..charts import ACCENT, FONT, INK
from ..method.definition import Questionnaire
from .compare import WaveResult

BLOCK_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                 "#9c755f")


def trend_spec(waves: Sequence[WaveResult], questionnaire: Questionnaire, lang: str) -> dict:
    """A plain Plotly figure dict: one line per block, the overall readiness in bold. A block
    without scored answers in a wave is a gap in its line, never a 0 (R-DATA-1)."""
    labels = [gettext("Wave %(number)d", number=w.number) for w in waves]
    data: list[dict[str, Any]] = []
    for block, colour in zip(questionnaire.blocks, BLOCK_COLOURS, strict=True):
        values = [w.assessment.blocks[block.id].score for w in waves]
        data.append({"type": "scatter", "mode": "lines+markers", "x": labels,
                     "y": [None if v is None else round(v, 1) for v in values],
                     "name": f"{block.id} {block.title.get(lang)}",
                     "line": {"color": colour, "width": 1.5}, "marker": {"size": 6}})
    overall = [w.assessment.overall for w in waves]
    data.append({"type": "scatter", "mode": "lines+markers", "x": labels,
                 "y": [None if v is None else round(v, 1) for v in overall],
                 "name": gettext("Overall readiness"), "line": {"color": INK, "width": 4},
                 "marker": {"size": 9, "color": ACCENT}})
    layout = {"font": {"family": FONT, "size": 12, "color": INK},
              "yaxis": {"range": [0, 100], "title": {"text": gettext("Score (0-100)")},
                        "gridcolor": "#e3e7ee"},
              "xaxis": {"type": "category"},
              "legend": {"orientation": "v", "x": 1.02, "y": 1, "font": {"size": 11}},
              "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
              "paper_bgcolor": "#fff", "plot_bgcolor": "#fff", "height": 380}
    return {"data": data, "layout": layout}
