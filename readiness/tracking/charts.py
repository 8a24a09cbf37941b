"""The tracking timeline: per checkpoint, the planned span (grey) and the real one (coloured by
status; still open: up to today). Overdue checkpoints are marked red."""
from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
from flask_babel import gettext as _

from ..charts import FONT, INK
from ..method import tracking as rules
from .models import TrackedCheckpoint

DAY_MS = 86_400_000
#: Most checkpoints are one-day sessions: a bar that short is a hairline on a two-year axis, so
#: bars are drawn at least this many days wide (the hover gives the real dates).
MIN_DAYS = 6
STATUS_COLOURS = {"planned": "#9aa5b8", "in_progress": "#2f6fb0", "slipped": "#c98a1b",
                  "done": "#3d8b5a", "dropped": "#7a7f8a"}
PLANNED_COLOUR = "#d5dbe5"
LATE_COLOUR = "#b5473a"


def _label(row: TrackedCheckpoint, lang: str, tracks: dict[int | None, str]) -> str:
    track = tracks.get(row.department_id, "")
    title = row.title(lang)
    title = title if len(title) <= 34 else title[:33] + "…"
    return f"{track} · {title}" if track else title


def timeline_figure(rows: list[TrackedCheckpoint], tracks: dict[int | None, str], today: date,
                    labels: dict[str, str], lang: str = "en") -> go.Figure:
    fig = go.Figure()
    names: list[str] = []
    for row in rows:
        name = _label(row, lang, tracks)
        while name in names:
            name += " "
        names.append(name)
        planned_days = (row.due - row.planned_start).days + 1
        fig.add_trace(go.Bar(
            y=[name], x=[max(planned_days, MIN_DAYS) * DAY_MS], base=[row.planned_start.isoformat()],
            orientation="h", marker={"color": PLANNED_COLOUR}, width=0.8, showlegend=False,
            hovertemplate=f"{_('Planned')}: {row.planned_start} → {row.due}<extra></extra>"))
        start = row.started_on or (row.done_on if row.status == rules.DONE else None)
        if start is not None and row.status != rules.DROPPED:
            end = row.done_on if row.status == rules.DONE and row.done_on else max(today, start)
            fig.add_trace(go.Bar(
                y=[name], x=[max((end - start).days + 1, MIN_DAYS) * DAY_MS], base=[start.isoformat()],
                orientation="h", marker={"color": STATUS_COLOURS[row.status]}, width=0.45,
                showlegend=False,
                hovertemplate=(f"{labels[row.status]}: {start} → "
                               f"{end if row.status == rules.DONE else '…'}<extra></extra>")))
        point = rules.TrackedPoint(row.key, row.kind, row.status, row.due)
        if rules.is_overdue(point, today):
            fig.add_trace(go.Scatter(
                y=[name], x=[row.due.isoformat()], mode="markers", showlegend=False,
                marker={"symbol": "x", "size": 9, "color": LATE_COLOUR},
                hovertext=[_("Overdue by %(days)d days", days=rules.days_overdue(point, today))],
                hoverinfo="text"))
    # A legend of the real-span colours, once, with invisible points.
    for status in (rules.IN_PROGRESS, rules.SLIPPED, rules.DONE):
        fig.add_trace(go.Bar(y=[None], x=[None], name=labels[status],
                             marker={"color": STATUS_COLOURS[status]}))
    fig.add_trace(go.Bar(y=[None], x=[None], name=_("Planned"), marker={"color": PLANNED_COLOUR}))
    days = [r.planned_start for r in rows] + [r.due for r in rows] + [today]
    fig.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1,
                  yref="paper", line={"color": INK, "width": 1, "dash": "dot"})
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=_("Today"), font={"size": 10})
    fig.update_layout(
        barmode="overlay", font={"family": FONT, "color": INK, "size": 11},
        xaxis={"type": "date", "gridcolor": "#e3e7ee",
               "range": [(min(days) - timedelta(days=7)).isoformat(),
                         (max(days) + timedelta(days=14)).isoformat()],
               "tickformat": "%Y-%m" if lang == "zh" else "%b %Y"},
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "array",
               "categoryarray": names},
        legend={"orientation": "h", "y": -0.06 if len(rows) > 12 else -0.2},
        margin={"l": 10, "r": 20, "t": 28, "b": 40}, height=120 + 22 * max(len(rows), 3),
        paper_bgcolor="white", plot_bgcolor="white")
    return fig
