"""Plotly figures, built once and used by the pages (interactive) and the PDF (vector SVG)."""
from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from flask_babel import gettext, lazy_gettext

# FONT, INK, SCORE_SCALE, no_data and the heat map are imported from here by the other modules.
from .chart_style import ACCENT, AMBER, FONT, GREEN, INK, MUTED, SCORE_SCALE, no_data  # noqa: F401
from .chart_style import layout as _layout
from .chart_style import round_or_none as _round
from .chart_style import wrap as _wrap
from .heatmap_chart import heatmap_height, heatmap_spec  # noqa: F401
from .method.definition import Questionnaire
from .method.texts import ROLE_NAMES
from .method.types import GAP_ROLES, Assessment

ROLE_COLOURS = {"executive": "#b5473a", "manager": "#d99a2b", "front_line": "#3d8b5a",
                "it": "#6b4fa3", "other": "#7f8c8d"}


#: One line under each chart, on the pages and in the PDF: what the chart shows, in the reader's
#: words (no rule ids: the client reads it). Lazy: resolved in the locale of the page or report.
CAPTIONS = {
    "radar": lazy_gettext("Each block's score from 0 to 100 (solid line); the dotted lines show how "
                          "each role scores it."),
    "heatmap": lazy_gettext("Each department's score per block, 0 to 100; hatched cells rest on too "
                            "few respondents to read alone."),
    "gaps": lazy_gettext("Per block, how each role rates it on the 1-5 scale; a red line marks a gap "
                         "between roles worth discussing."),
    "dont-know": lazy_gettext("Share of \"don't know\" answers per block; amber bars pass the "
                              "level where the organisation does not know itself."),
    "response": lazy_gettext("Respondents per department: completed, started and not yet started."),
    "gantt": lazy_gettext("The roadmap over time: phase 0 and the gate on top, then one lane per "
                          "department with its phases and checkpoints."),
    "wave-trend": lazy_gettext("Each block's score in every assessment wave, 0 to 100: a rising "
                               "line is progress the answers show."),
    "timeline": lazy_gettext("Each checkpoint's planned dates (grey bar) against its real dates "
                             "(coloured by status); a red cross marks an overdue one."),
}


def caption(name: str) -> str:
    """The one-line "what this shows" of chart `name` (a key of CAPTIONS), in the current locale."""
    return str(CAPTIONS[name])


def tint(colour: str, alpha: float) -> str:
    """A "#rrggbb" colour as a translucent rgba() fill."""
    digits = colour.lstrip("#")
    if len(digits) == 3:  # "#abc" is "#aabbcc"
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def _closed(values: list) -> list:
    """Repeat the first point so the radar polygon closes."""
    return values + values[:1]


def role_name(role: str, lang: str = "en") -> str:
    return ROLE_NAMES["zh" if lang == "zh" else "en"].get(role, role)


def radar_spec(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en",
               by_role: bool = True, everyone_label: str | None = None,
               accent: str | None = None) -> dict:
    """Block profile (R-SCORE-2/3) as a plain Plotly figure dict: all respondents (in `accent`, the
    consultancy's colour, default the product's), plus one dotted trace per role. Plain dicts
    serialise without plotly's validation (the dashboard's hot path)."""
    accent = accent or ACCENT
    block_ids = [b.id for b in questionnaire.blocks]
    everyone = [assessment.blocks[b].score for b in block_ids]
    # A block without scored answers is a gap in the polygon, labelled on its axis (R-DATA-1);
    # with no answers at all the chart says so once, in its centre.
    empty = all(v is None for v in everyone)
    labels = _closed([_wrap(f"{b.id} {b.title.get(lang)}")
                      + ("" if score is not None or empty else f"<br><i>({no_data(lang)})</i>")
                      for b, score in zip(questionnaire.blocks, everyone, strict=True)])
    label_all = everyone_label or gettext("All respondents")
    data = [{
        "type": "scatterpolar", "r": _closed([_round(v) for v in everyone]), "theta": labels,
        "name": label_all, "fill": "toself", "line": {"color": accent, "width": 3},
        "fillcolor": tint(accent, 0.18)}]
    if by_role:
        for role, stats in sorted(assessment.by_role.items()):
            values = [stats[b].mean for b in block_ids]
            if all(v is None for v in values):
                continue
            data.append({
                "type": "scatterpolar", "r": _closed([_round(v) for v in values]), "theta": labels,
                "name": role_name(role, lang),
                "line": {"color": ROLE_COLOURS.get(role, "#999"), "width": 1.5, "dash": "dot"}})
    layout: dict[str, Any] = {
        "polar": {"radialaxis": {"range": [0, 100], "tickvals": [0, 25, 50, 75, 100], "angle": 22.5,
                                 "tickangle": 22.5,
                                 "tickfont": {"size": 9}, "gridcolor": "#d5dae3"},
                  "angularaxis": {"tickfont": {"size": 11}, "gridcolor": "#d5dae3", "rotation": 90,
                                  "direction": "clockwise"},
                  "bgcolor": "white"},
        "font": {"family": FONT, "color": INK, "size": 11},
        "legend": {"orientation": "h", "y": -0.12, "x": 0.5, "xanchor": "center"},
        "margin": {"l": 90, "r": 90, "t": 40, "b": 40},
        "paper_bgcolor": "white", "showlegend": True,
    }
    if empty:
        layout["polar"]["radialaxis"]["showticklabels"] = False
        layout["annotations"] = [{"text": no_data(lang), "showarrow": False, "x": 0.5, "y": 0.5,
                                  "xref": "paper", "yref": "paper",
                                  "font": {"size": 16, "color": "#5b6680"},
                                  "bgcolor": "rgba(255,255,255,0.85)"}]
    return {"data": data, "layout": layout}


def radar_figure(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en",
                 by_role: bool = True, accent: str | None = None) -> go.Figure:
    """The radar as a Plotly figure (the PDF exports it to SVG)."""
    return go.Figure(radar_spec(assessment, questionnaire, lang, by_role, accent=accent))


# Dashboard figures: plain dicts (drawn by static/js/charts.js; each page shows their data table) --

def _block_labels(questionnaire: Questionnaire, lang: str, width: int = 14) -> list[str]:
    return [_wrap(f"{b.id} {b.title.get(lang)}", width) for b in questionnaire.blocks]


def dont_know_spec(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en") -> dict:
    """"Don't know" rate per block (R-SCORE-4); bars above the threshold in amber."""
    limit = questionnaire.settings.dont_know_flag * 100
    results = [assessment.blocks[b.id] for b in questionnaire.blocks]
    rates = [None if r.dont_know_rate is None else round(r.dont_know_rate * 100, 1)
             for r in results]
    data = [{"type": "bar", "orientation": "h", "y": _block_labels(questionnaire, lang, 22),
             "x": rates,
             "marker": {"color": [AMBER if r.dont_know_flag else MUTED for r in results]},
             "text": [None if v is None else f"{v:.0f}%" for v in rates], "textposition": "outside",
             "cliponaxis": False, "hovertemplate": "%{y}: %{x:.0f}%<extra></extra>"}]
    top = max([limit + 10] + [v + 10 for v in rates if v is not None])
    layout = _layout(
        330, showlegend=False,
        xaxis={"range": [0, min(100, top)], "ticksuffix": "%", "gridcolor": "#eef1f6",
               "fixedrange": True, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        shapes=[{"type": "line", "x0": limit, "x1": limit, "y0": 0, "y1": 1, "yref": "paper",
                 "line": {"color": AMBER, "dash": "dash", "width": 1.5}}],
        annotations=[{"x": limit, "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
                      "text": f"{limit:.0f}%", "font": {"color": AMBER, "size": 11}}]
        # R-DATA-1: a block nobody answered has no rate (not 0%): its row says so.
        + [{"x": 0, "y": i, "xanchor": "left", "showarrow": False, "text": no_data(lang),
            "font": {"color": "#5b6680", "size": 11}} for i, v in enumerate(rates) if v is None])
    layout["margin"]["t"] = 24
    return {"data": data, "layout": layout}


def gap_spec(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en") -> dict:
    """Perception gaps (R-GAP-1): per block, each role's mean on the 1-5 scale joined by a line
    from the lowest to the highest; red when the gap reaches the threshold."""
    titles: dict[str, str] = {b.id: _wrap(f"{b.id} {b.title.get(lang)}", 22)
                              for b in questionnaire.blocks}
    gaps = list(assessment.gaps)
    data = []
    for flagged in (False, True):
        xs, ys = [], []
        for g in gaps:
            if g.flagged == flagged:
                xs += [g.role_means[g.low_role], g.role_means[g.high_role], None]
                ys += [titles[g.block_id], titles[g.block_id], None]
        data.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "showlegend": False,
                     "hoverinfo": "skip",
                     "line": {"color": "#b5473a" if flagged else "#c5ccd8",
                              "width": 6 if flagged else 4}})
    for order, role in enumerate(GAP_ROLES):
        points = [(g.role_means[role], titles[g.block_id]) for g in gaps if role in g.role_means]
        if not points:
            continue
        data.append({"type": "scatter", "mode": "markers", "name": role_name(role, lang),
                     "x": [round(v, 2) for v, _ in points], "y": [t for _, t in points],
                     # Each role a size smaller than the one drawn before it: where roles agree
                     # (10,000 respondents converge) the dots nest as rings instead of hiding.
                     "marker": {"size": 15 - 3 * order, "color": ROLE_COLOURS[role],
                                "line": {"color": "white", "width": 1}},
                     "hovertemplate": "%{y}<br>" + role_name(role, lang)
                                      + ": %{x:.1f}<extra></extra>"})
    layout = _layout(
        90 + 34 * max(len(gaps), 1),
        xaxis={"range": [0.9, 5.1], "tickvals": [1, 2, 3, 4, 5], "gridcolor": "#eef1f6",
               "fixedrange": True, "zeroline": False, "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True,
               "categoryorder": "array", "categoryarray": [titles[g.block_id] for g in gaps]},
        legend={"orientation": "h", "y": -0.12, "x": 0.5, "xanchor": "center"})
    return {"data": data, "layout": layout}


def response_spec(rows: list[tuple[str, int, int, int]], lang: str = "en") -> dict:
    """Respondents per department: completed, started, not started (stacked bars)."""
    names = {"completed": gettext("Completed"), "started": gettext("Started"),
             "not_started": gettext("Not started")}
    colours = {"completed": GREEN, "started": AMBER, "not_started": "#d5dae3"}
    y = [_wrap(name, 18) for name, *_ in rows]
    data = [{"type": "bar", "orientation": "h", "name": names[key], "y": y,
             "x": [row[i + 1] for row in rows], "marker": {"color": colours[key]},
             "hovertemplate": "%{y}: %{x} " + names[key] + "<extra></extra>"}
            for i, key in enumerate(("completed", "started", "not_started"))]
    xaxis = {"gridcolor": "#eef1f6", "fixedrange": True, "rangemode": "tozero",
             "automargin": True, "tickformat": "d"}
    if max((sum(row[1:]) for row in rows), default=0) <= 10:
        xaxis.update(tick0=0, dtick=1)  # people are counted whole: no 0.2 ticks for one respondent
    layout = _layout(100 + 40 * max(len(rows), 1), barmode="stack",
                     xaxis=xaxis,
                     yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
                     legend={"orientation": "h", "y": -0.25, "x": 0.5, "xanchor": "center",
                             "traceorder": "normal"})
    return {"data": data, "layout": layout}
