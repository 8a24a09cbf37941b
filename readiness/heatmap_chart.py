"""The department x block heat map (R-SCORE-2) at any number of departments: a value in every scored
cell, low-sample cells hatched (never greyed out), labels that do not collide, a colour scale that
survives the PDF (report/chart_export.py) and a height that grows with the rows."""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext, ngettext

from .chart_style import (
    INK,
    SCORE_SCALE,
    layout,
    no_data,
    round_or_none,
    short_labels,
    text_width,
    truncate,
    wrap,
)
from .method.definition import Questionnaire
from .method.types import Stat

#: Above this many departments a label gets one line (rows are too low for two).
TWO_LINE_ROWS = 12
#: px: block names at an angle on top; the colour scale below, and the hatching's legend line
HEADER, FOOTER, LEGEND = 140, 50, 40
HATCH = {"shape": "/", "fgcolor": INK, "fgopacity": 0.55, "size": 7, "solidity": 0.12,
         "bgcolor": "rgba(0,0,0,0)"}


def row_height(rows: int) -> int:
    """46 px a row up to 8 departments, then lower, down to 22 px (30 departments on one A4 page)."""
    return max(22, min(46, 46 - 2 * (rows - 8)))


def heatmap_height(rows: int, hatched: bool = True) -> int:
    return HEADER + FOOTER + (LEGEND if hatched else 0) + row_height(max(rows, 1)) * max(rows, 1)


def department_labels(names: list[str]) -> list[str]:
    """Up to 12 departments: two lines of about 18 letters; more: one line of 30. Cut names end in
    an ellipsis and stay distinct (the full name is in the hover and the data table)."""
    if len(names) <= TWO_LINE_ROWS:
        return [wrap(label, 18) for label in short_labels(names, 36)]
    return short_labels(names, 30)


def heatmap_spec(rows: list[tuple[str, Mapping[str, Stat]]], questionnaire: Questionnaire,
                 lang: str = "en", low_sample: int | None = None) -> dict:
    """Department x block scores (R-SCORE-2), each scored cell written with its score. Cells below
    the low-sample threshold keep their colour and value and are hatched, with a "*" as in the
    tables; a legend line says what the hatching means."""
    threshold = low_sample or questionnaire.settings.low_sample
    blocks = questionnaire.blocks
    # Numeric axes (0..n-1) with the names as tick labels: the hatching is a bar trace, which
    # needs numbers to sit on, and equal department names still get their own rows.
    block_names = [f"{b.id} {b.title.get(lang)}" for b in blocks]
    # R-DATA-1: a department without scored answers is an empty row, labelled "no data yet" on
    # its axis; an empty cell in a scored row is a gap (never a 0) marked "—", "no data yet" on hover.
    scored = [any(s.mean is not None for s in stats.values()) for _, stats in rows]
    labels = [label + ("" if ok else f"<br><i>({no_data(lang)})</i>")
              for label, ok in zip(department_labels([name for name, _ in rows]), scored,
                                   strict=True)]
    z, text, counts, hover, gaps = [], [], [], [], []
    hatch_x: list[int] = []
    hatch_y: list[int] = []
    for i, (row_scored, (name, stats)) in enumerate(zip(scored, rows, strict=True)):
        z_row, text_row, n_row, hover_row = [], [], [], []
        for j, block in enumerate(blocks):
            stat = stats.get(block.id)
            score = None if stat is None else round_or_none(stat.mean, 0)
            low = stat is not None and stat.low_sample and score is not None
            z_row.append(score)
            text_row.append("" if score is None else f"{score:.0f}" + ("*" if low else ""))
            n_row.append(0 if stat is None else stat.n)
            hover_row.append(f"{name}<br>{block_names[j]}")
            if low:
                hatch_x.append(j)
                hatch_y.append(i)
            if score is None and row_scored:
                gaps.append({"x": j, "y": i, "text": "—", "hovertext": no_data(lang),
                             "showarrow": False, "font": {"size": 13, "color": "#5b6680"}})
        z.append(z_row)
        text.append(text_row)
        counts.append(n_row)
        hover.append(hover_row)
    n_rows = max(len(rows), 1)
    rows_h = row_height(n_rows)
    cell_font = 13 if n_rows <= TWO_LINE_ROWS else 11
    data: list[dict] = [{
        "type": "heatmap", "x": list(range(len(blocks))), "y": list(range(len(rows))), "z": z,
        "text": text, "texttemplate": "%{text}", "textfont": {"size": cell_font},
        "customdata": counts, "hovertext": hover,
        "hovertemplate": "%{hovertext}<br>" + gettext("score")
                         + " %{text}, n = %{customdata}<extra></extra>",
        "zmin": 0, "zmax": 100, "xgap": 3, "ygap": 3, "hoverongaps": False,
        "colorscale": SCORE_SCALE, "showscale": True,
        # Below the grid, not beside it: a bar beside one or two rows has no room for its ticks.
        "colorbar": {"orientation": "h", "thickness": 10, "len": 0.5, "x": 0, "xanchor": "left",
                     "y": -14 / (rows_h * n_rows), "yanchor": "top", "outlinewidth": 0,
                     "tickvals": [0, 40, 50, 70, 100], "tickfont": {"size": 10},
                     "title": {"text": gettext("score"), "side": "right", "font": {"size": 10}}},
    }]
    if hatch_x:
        data.append({
            "type": "bar", "x": hatch_x, "y": [0.88] * len(hatch_x),
            "base": [y - 0.44 for y in hatch_y], "width": 0.9,
            "name": hatched_label(threshold), "showlegend": True, "hoverinfo": "skip",
            "marker": {"color": "rgba(0,0,0,0)", "line": {"width": 0}, "pattern": HATCH}})
    block_ticks = [truncate(name, 32) for name in block_names]
    # The last block names, at an angle, reach past the grid's right edge: room for them.
    right = min(150, max([5 * text_width(t) for t in block_ticks[-2:]] + [10]))
    axis = {"fixedrange": True, "showgrid": False, "zeroline": False, "automargin": True}
    spec_layout = layout(
        heatmap_height(len(rows), bool(hatch_x)), showlegend=bool(hatch_x),
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -62 / (rows_h * n_rows),
                "yanchor": "top", "font": {"size": 11}},
        margin={"l": 10, "r": right, "t": 10, "b": FOOTER + (LEGEND if hatch_x else 0)},
        # Block names at an angle, one line each: eight names never collide, at any width.
        xaxis=dict(axis, side="top", tickangle=-40, tickfont={"size": 11},
                   tickvals=list(range(len(blocks))),
                   ticktext=block_ticks, ticklabeloverflow="allow",
                   range=[-0.5, len(blocks) - 0.5]),
        yaxis=dict(axis, tickfont={"size": 12 if n_rows <= TWO_LINE_ROWS else 10},
                   tickvals=list(range(len(rows))), ticktext=labels,
                   range=[len(rows) - 0.5, -0.5]))
    if gaps:
        spec_layout["annotations"] = gaps
    return {"data": data, "layout": spec_layout}


def hatched_label(threshold: int) -> str:
    return ngettext("Hatched, *: fewer than %(num)d respondent (low sample)",
                    "Hatched, *: fewer than %(num)d respondents (low sample)", threshold)
