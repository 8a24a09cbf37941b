"""The roadmap as a timeline (Gantt): phase 0 and the gate on top, one swimlane per department
(R-MAP-6), each with its phases, rigid use and checkpoints. The same figure on the page and in the PDF.
"""
from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
from flask_babel import gettext as _

from ..charts import FONT, INK
from ..method.roadmap_types import Phase, Roadmap, Track
from ..method.texts import LEVELS

PHASE_COLOURS = {0: "#9aa5b8", 1: "#3d8b5a", 2: "#2f6fb0", 3: "#6b4fa3"}
STABILISE_COLOUR = "#c98a1b"
GATE_COLOUR = "#b5473a"
DAY_MS = 86_400_000
def _labels() -> dict[str, str]:
    """The chart's words from the Babel catalogue (the page's locale, or the PDF's force_locale)."""
    return {"phase0": _("Phase 0"), "pilot": _("pilot"), "gate": _("Gate"), "rigid": _("Rigid use"),
            "hold": _("holds at %(level)s"), "stabilise": _("Stabilise"),
            "conditional": _("conditional on the gate")}


def _lane(track: Track, lang: str) -> str:
    name = track.name if len(track.name) <= 28 else track.name[:27] + "…"
    return f"{name} ({_labels()['pilot']})" if track.pilot else name


def _phase_label(phase: Phase, lang: str) -> str:
    if phase.kind == "stabilise":
        return _labels()["stabilise"]
    return LEVELS[lang][phase.level] if phase.level else _labels()["phase0"]


def _bar(fig: go.Figure, row: str, phase: Phase, lang: str) -> None:
    colour = STABILISE_COLOUR if phase.kind == "stabilise" else PHASE_COLOURS[phase.level]
    days = (phase.end - phase.start).days + 1
    note = f"<br>{_labels()['conditional']}" if phase.gated else ""
    fig.add_trace(go.Bar(
        y=[row], x=[days * DAY_MS], base=[phase.start.isoformat()], orientation="h",
        marker={"color": colour, "opacity": 0.55 if phase.gated else 1.0,
                "line": {"color": colour, "width": 1.5}},
        showlegend=False,
        hovertemplate=f"{phase.title.get(lang)}<br>{phase.start} → {phase.end}{note}<extra></extra>"))
    if phase.level or phase.kind == "stabilise":
        # The level's name just above the bar's start: inside, the checkpoint diamonds cover it.
        fig.add_annotation(x=phase.start.isoformat(), y=row, text=_phase_label(phase, lang),
                           showarrow=False, xanchor="left", yanchor="bottom", yshift=9, xshift=1,
                           font={"size": 10, "color": colour})
    if phase.adoption:
        rigid, rigid_end = phase.adoption[0], _bar_end(phase)
        fig.add_trace(go.Bar(
            y=[row], x=[((rigid_end - rigid.start).days + 1) * DAY_MS], base=[rigid.start.isoformat()],
            orientation="h", showlegend=False,
            marker={"color": colour, "opacity": 0.3, "pattern": {"shape": "/"}},
            hovertemplate=f"{_labels()['rigid']}<br>{rigid.start} → {rigid_end}<extra></extra>"))
    points = [c for c in phase.checkpoints if c.kind != "gate"]
    fig.add_trace(go.Scatter(
        y=[row] * len(points), x=[c.start.isoformat() for c in points], mode="markers",
        marker={"symbol": "diamond", "size": 7, "color": INK}, showlegend=False,
        hovertext=[f"{c.title.get(lang)} · {c.start} · {c.owner}" for c in points], hoverinfo="text"))


def _bar_end(phase: Phase) -> date:
    """Where a phase's bar ends: its rigid-use step (R-MAP-4; only the last, re-optimise step is
    open-ended), else the phase itself."""
    rigid_end = phase.adoption[0].end if phase.adoption else None
    return phase.end if rigid_end is None else rigid_end


def _span(roadmap: Roadmap) -> tuple[date, date]:
    phases = roadmap.phases
    start = min(p.start for p in phases)
    end = max(_bar_end(p) for p in phases)
    return start, end


def gantt_figure(roadmap: Roadmap, lang: str = "en") -> go.Figure:
    lang = "zh" if lang == "zh" else "en"
    fig = go.Figure()
    top = _labels()["phase0"]
    rows = [top]
    _bar(fig, top, roadmap.phase0, lang)
    start, end = _span(roadmap)
    for track in roadmap.tracks:
        row = _lane(track, lang)
        while row in rows:  # two departments of the same name keep their own lanes
            row += " "
        rows.append(row)
        for phase in track.phases:
            _bar(fig, row, phase, lang)
        if not track.phases:  # R-MAP-6: a holding department still has its lane
            fig.add_trace(go.Scatter(
                y=[row], x=[roadmap.phase0.end.isoformat()], mode="text", showlegend=False,
                text=["\u00a0" * 4 + _("holds at %(level)s", level=LEVELS[lang][track.today])],
                textposition="middle right", textfont={"color": "#5b6680", "size": 10},
                hoverinfo="skip"))
    gate = roadmap.gate
    if gate is not None:  # R-MAP-7: the gate across every lane
        fig.add_shape(type="line", x0=gate.start.isoformat(), x1=gate.start.isoformat(), y0=0, y1=1,
                      yref="paper", line={"color": GATE_COLOUR, "width": 2, "dash": "dash"})
        fig.add_annotation(x=gate.start.isoformat(), y=1, yref="paper", yanchor="bottom",
                           text=f"{_labels()['gate']} {gate.start.isoformat()}", showarrow=False,
                           font={"color": GATE_COLOUR, "size": 10})
    fig.update_layout(
        barmode="overlay", font={"family": FONT, "color": INK, "size": 11},
        xaxis={"type": "date", "range": [(start - timedelta(days=7)).isoformat(),
                                         (end + timedelta(days=14)).isoformat()],
               "gridcolor": "#e3e7ee", "tickformat": "%Y-%m" if lang == "zh" else "%b %Y"},
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "array",
               "categoryarray": rows},
        margin={"l": 10, "r": 20, "t": 28, "b": 30}, height=gantt_height(roadmap),
        paper_bgcolor="white", plot_bgcolor="white", bargap=0.5)
    return fig


def gantt_height(roadmap: Roadmap) -> int:
    return 100 + 48 * (1 + len(roadmap.tracks))
