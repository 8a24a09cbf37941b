"""Plotly figures, built once and used by the pages (interactive) and the PDF (vector SVG)."""
from __future__ import annotations

import plotly.graph_objects as go

from .method.definition import Questionnaire
from .method.texts import ROLE_NAMES
from .method.types import Assessment

FONT = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, sans-serif"
INK, ACCENT = "#1f2a44", "#2f6fb0"
ROLE_COLOURS = {"executive": "#b5473a", "manager": "#d99a2b", "front_line": "#3d8b5a",
                "it": "#6b4fa3", "other": "#7f8c8d"}


def _closed(values: list) -> list:
    """Repeat the first point so the radar polygon closes."""
    return values + values[:1]


def _wrap(label: str, width: int = 16) -> str:
    """Break a long axis label at the space nearest its middle, so it is not cut at the edge."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1:]


def radar_figure(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en",
                 by_role: bool = True) -> go.Figure:
    """Block profile (R-SCORE-2/3): all respondents, plus one dotted trace per role."""
    block_ids = [b.id for b in questionnaire.blocks]
    labels = _closed([_wrap(f"{b.id} {b.title.get(lang)}") for b in questionnaire.blocks])
    everyone = [assessment.blocks[b].score for b in block_ids]
    label_all = "全部受访者" if lang == "zh" else "All respondents"
    fig = go.Figure()
    fig.add_trace(go.Scatterpolar(
        r=_closed([round(v, 1) if v is not None else None for v in everyone]), theta=labels,
        name=label_all, fill="toself", line={"color": ACCENT, "width": 3},
        fillcolor="rgba(47,111,176,0.18)"))
    if by_role:
        for role, stats in sorted(assessment.by_role.items()):
            values = [stats[b].mean for b in block_ids]
            if all(v is None for v in values):
                continue
            fig.add_trace(go.Scatterpolar(
                r=_closed([round(v, 1) if v is not None else None for v in values]), theta=labels,
                name=ROLE_NAMES["zh" if lang == "zh" else "en"].get(role, role),
                line={"color": ROLE_COLOURS.get(role, "#999"), "width": 1.5, "dash": "dot"}))
    fig.update_layout(
        polar={"radialaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100], "angle": 22.5,
                              "tickangle": 22.5,
                              "tickfont": {"size": 9}, "gridcolor": "#d5dae3"},
               "angularaxis": {"tickfont": {"size": 11}, "gridcolor": "#d5dae3", "rotation": 90,
                               "direction": "clockwise"},
               "bgcolor": "white"},
        font={"family": FONT, "color": INK, "size": 11},
        legend={"orientation": "h", "y": -0.12, "x": 0.5, "xanchor": "center"},
        margin={"l": 90, "r": 90, "t": 40, "b": 40},
        paper_bgcolor="white", showlegend=True,
    )
    return fig
