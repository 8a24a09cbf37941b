"""Plotly figures, built once and used by the pages (interactive) and the PDF (vector SVG)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go
from flask_babel import gettext

from .method.definition import Questionnaire
from .method.texts import ROLE_NAMES
from .method.types import GAP_ROLES, Assessment, Stat

FONT = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, sans-serif"
INK, ACCENT = "#1f2a44", "#2f6fb0"
ROLE_COLOURS = {"executive": "#b5473a", "manager": "#d99a2b", "front_line": "#3d8b5a",
                "it": "#6b4fa3", "other": "#7f8c8d"}


def _closed(values: list) -> list:
    """Repeat the first point so the radar polygon closes."""
    return values + values[:1]


def no_data(lang: str = "en") -> str:
    """R-DATA-1: what a chart says where there are no scored answers: a gap, never a 0. UI text
    comes from the Babel catalogue (pages render in the reader's locale, the PDF under
    force_locale), so `lang` is only kept for the callers' symmetry."""
    return gettext("no data yet")


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def role_name(role: str, lang: str = "en") -> str:
    return ROLE_NAMES["zh" if lang == "zh" else "en"].get(role, role)


def _wrap(label: str, width: int = 16) -> str:
    """Break a long axis label at the space nearest its middle, so it is not cut at the edge."""
    if len(label) <= width or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1:]


def radar_spec(assessment: Assessment, questionnaire: Questionnaire, lang: str = "en",
               by_role: bool = True, everyone_label: str | None = None) -> dict:
    """Block profile (R-SCORE-2/3) as a plain Plotly figure dict: all respondents, plus one dotted
    trace per role. Plain dicts serialise without plotly's validation (the dashboard's hot path)."""
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
        "name": label_all, "fill": "toself", "line": {"color": ACCENT, "width": 3},
        "fillcolor": "rgba(47,111,176,0.18)"}]
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
                 by_role: bool = True) -> go.Figure:
    """The radar as a Plotly figure (the PDF exports it to SVG)."""
    return go.Figure(radar_spec(assessment, questionnaire, lang, by_role))


# Dashboard figures: plain dicts (drawn by static/js/charts.js; each page shows their data table) --

#: 0-100 colour scale with stops at the method's thresholds: red lights below 40 (R-RED-1/2),
#: walk needs 50, run needs 70 (R-CWR-1).
SCORE_SCALE = [[0.0, "#b5473a"], [0.4, "#e0874f"], [0.5, "#f0c75e"], [0.7, "#9cc48a"],
               [1.0, "#3d8b5a"]]
GREY_SCALE = [[0.0, "#e4e7ec"], [1.0, "#e4e7ec"]]
AMBER, MUTED, GREEN = "#c98a1b", "#9aa5b8", "#3d8b5a"


def _layout(height: int, **extra) -> dict:
    layout = {"font": {"family": FONT, "color": INK, "size": 12}, "height": height,
              "paper_bgcolor": "white", "plot_bgcolor": "white",
              "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}
    layout.update(extra)
    return layout


def _block_labels(questionnaire: Questionnaire, lang: str, width: int = 14) -> list[str]:
    return [_wrap(f"{b.id} {b.title.get(lang)}", width) for b in questionnaire.blocks]


def heatmap_spec(rows: list[tuple[str, Mapping[str, Stat]]], questionnaire: Questionnaire,
                 lang: str = "en") -> dict:
    """Department x block scores (R-SCORE-2), each cell annotated with its score. Cells with fewer
    than the low-sample threshold are drawn grey with a "*" (still shown, marked)."""
    block_ids = [b.id for b in questionnaire.blocks]
    x = _block_labels(questionnaire, lang)
    # R-DATA-1: a department without scored answers is an empty row, labelled "no data yet" on
    # its axis; an empty cell in a scored row is a gap (never a 0) marked "—", "no data yet" on hover.
    scored = [any(s.mean is not None for s in stats.values()) for _, stats in rows]
    y = [_wrap(name, 18) + ("" if ok else f"<br><i>({no_data(lang)})</i>")
         for (name, _), ok in zip(rows, scored, strict=True)]
    gaps = []
    z_ok, z_low, text_ok, text_low, counts = [], [], [], [], []
    for i, (row_scored, (_, stats)) in enumerate(zip(scored, rows, strict=True)):
        ok_row, low_row, ok_text, low_text, n_row = [], [], [], [], []
        for b in block_ids:
            stat = stats.get(b)
            score = None if stat is None else _round(stat.mean, 0)
            low = stat is not None and stat.low_sample and score is not None
            ok_row.append(None if low else score)
            low_row.append(score if low else None)
            # Each trace writes only its own cells: text over the other trace's cells would
            # print twice (grey over white on the dark cells).
            ok_text.append("" if score is None or low else f"{score:.0f}")
            low_text.append(f"{score:.0f}*" if low else "")
            n_row.append(0 if stat is None else stat.n)
            if score is None and row_scored:
                # Category positions by index: the phone layout renames the block labels.
                gaps.append({"x": len(n_row) - 1, "y": i, "text": "—",
                             "hovertext": no_data(lang), "showarrow": False,
                             "font": {"size": 13, "color": "#5b6680"}})
        z_ok.append(ok_row)
        z_low.append(low_row)
        counts.append(n_row)
        text_ok.append(ok_text)
        text_low.append(low_text)
    hover = ("%{y}<br>%{x}<br>" + gettext("score") + " %{text}, n = "
             "%{customdata}<extra></extra>")
    common = {"type": "heatmap", "x": x, "y": y, "customdata": counts,
              "texttemplate": "%{text}", "hovertemplate": hover, "zmin": 0, "zmax": 100,
              "xgap": 3, "ygap": 3, "textfont": {"size": 13}, "hoverongaps": False}
    data = [
        dict(common, z=z_ok, text=text_ok, colorscale=SCORE_SCALE, showscale=True,
             colorbar={"thickness": 12, "len": 0.9, "tickvals": [0, 40, 50, 70, 100],
                       "outlinewidth": 0}),
        dict(common, z=z_low, text=text_low, colorscale=GREY_SCALE, showscale=False,
             textfont={"size": 13, "color": "#5b6680"}),
    ]
    layout = _layout(120 + 46 * max(len(rows), 1),
                     xaxis={"side": "top", "tickfont": {"size": 11}, "fixedrange": True,
                            "automargin": True, "showgrid": False, "zeroline": False},
                     yaxis={"autorange": "reversed", "tickfont": {"size": 12}, "fixedrange": True,
                            "automargin": True, "showgrid": False, "zeroline": False})
    if gaps:
        layout["annotations"] = gaps
    return {"data": data, "layout": layout}


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
    for role in GAP_ROLES:
        points = [(g.role_means[role], titles[g.block_id]) for g in gaps if role in g.role_means]
        if not points:
            continue
        data.append({"type": "scatter", "mode": "markers", "name": role_name(role, lang),
                     "x": [round(v, 2) for v, _ in points], "y": [t for _, t in points],
                     "marker": {"size": 12, "color": ROLE_COLOURS[role],
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
