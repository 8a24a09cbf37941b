"""The roadmap as a timeline (Gantt): one bar per phase, its adoption period, and checkpoints."""
from __future__ import annotations

from datetime import timedelta

import plotly.graph_objects as go

from ..charts import FONT, INK
from ..method.roadmap_types import Roadmap

PHASE_COLOURS = {0: "#9aa5b8", 1: "#3d8b5a", 2: "#2f6fb0", 3: "#6b4fa3"}


def gantt_figure(roadmap: Roadmap, lang: str = "en") -> go.Figure:
    rows = [p.title.get(lang).split("·")[0].strip() for p in roadmap.phases]
    adoption_label = "固化使用" if lang == "zh" else "Rigid use"
    fig = go.Figure()
    for phase, row in zip(roadmap.phases, rows):
        days = (phase.end - phase.start).days + 1
        fig.add_trace(go.Bar(
            y=[row], x=[days * 86_400_000], base=[phase.start.isoformat()], orientation="h",
            marker={"color": PHASE_COLOURS[phase.level]}, showlegend=False,
            hovertemplate=f"{phase.title.get(lang)}<br>{phase.start} → {phase.end}<extra></extra>"))
        if phase.adoption:
            rigid = phase.adoption[0]
            fig.add_trace(go.Bar(
                y=[row], x=[((rigid.end - rigid.start).days + 1) * 86_400_000],
                base=[rigid.start.isoformat()], orientation="h", showlegend=False,
                marker={"color": PHASE_COLOURS[phase.level], "opacity": 0.35,
                        "pattern": {"shape": "/"}},
                hovertemplate=f"{adoption_label}<br>{rigid.start} → {rigid.end}<extra></extra>"))
        points = [c for c in phase.checkpoints]
        fig.add_trace(go.Scatter(
            y=[row] * len(points), x=[c.start.isoformat() for c in points], mode="markers",
            marker={"symbol": "diamond", "size": 8, "color": INK}, showlegend=False,
            hovertext=[f"{c.title.get(lang)} · {c.start}" for c in points], hoverinfo="text"))
    start = min(p.start for p in roadmap.phases)
    end = max((p.adoption[0].end if p.adoption else p.end) for p in roadmap.phases)
    fig.update_layout(
        barmode="overlay", font={"family": FONT, "color": INK, "size": 11},
        xaxis={"type": "date", "range": [(start - timedelta(days=7)).isoformat(),
                                         (end + timedelta(days=14)).isoformat()],
               "gridcolor": "#e3e7ee", "tickformat": "%Y-%m" if lang == "zh" else "%b %Y"},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 20, "t": 10, "b": 30}, height=80 + 45 * len(rows),
        paper_bgcolor="white", plot_bgcolor="white")
    return fig
