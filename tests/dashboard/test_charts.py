"""The charts at any n: the heat map's values, hatching, labels and height from 1 to 30 departments;
its colour scale in the SVG the PDF embeds; a caption under every chart; the accent colour."""
from __future__ import annotations

import random
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from readiness import charts
from readiness.chart_style import short_labels
from readiness.method.loading import load_questionnaire
from readiness.method.types import Stat
from readiness.report import chart_export

from .helpers import _figure

QUESTIONNAIRE = load_questionnaire(Path(__file__).parents[2] / "questionnaires" / "crm-readiness.yaml")
LONG = "Customer Service and Complaints Handling"


def _rows(count: int, seed: int = 7) -> list[tuple[str, dict[str, Stat]]]:
    """`count` departments, long look-alike names among them, respondents 0..6 per cell."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        name = f"{LONG} ({['North', 'South', 'East', 'West'][i % 4]} region {i})" if i % 3 else f"Dept {i}"
        stats = {}
        for block in QUESTIONNAIRE.blocks:
            n = rng.choice([0, 1, 2, 3, 6])
            mean = None if n == 0 else rng.uniform(5, 95)
            stats[block.id] = Stat(n, mean, mean, mean, mean, 0 < n < 3)
        rows.append((name, stats))
    return rows


@pytest.mark.parametrize("count", [1, 3, 12, 30])
def test_heatmap_values_hatching_labels_and_height(app, count):
    rows = _rows(count)
    with app.app_context():
        spec = charts.heatmap_spec(rows, QUESTIONNAIRE)
    go.Figure(spec)  # a valid Plotly figure
    cells = spec["data"][0]
    low, scored = set(), 0
    for i, (_, stats) in enumerate(rows):
        for j, block in enumerate(QUESTIONNAIRE.blocks):
            stat, text = stats[block.id], cells["text"][i][j]
            if stat.mean is None:  # a gap: no value, no colour, never a 0
                assert text == "" and cells["z"][i][j] is None
                continue
            scored += 1
            # Every scored cell shows its value and keeps its colour, low sample or not.
            assert text.rstrip("*") == f"{round(stat.mean):.0f}" == f"{cells['z'][i][j]:.0f}"
            assert text.endswith("*") == stat.low_sample
            if stat.low_sample:
                low.add((j, i))
    assert scored and low
    hatch = spec["data"][1]
    assert hatch["marker"]["pattern"]["shape"] == "/"
    # Hatching exactly on the low-sample cells: one bar per cell, centred on its row.
    assert {(x, round(base + 0.44, 6)) for x, base in zip(hatch["x"], hatch["base"], strict=True)} == low
    assert len(hatch["x"]) == len(low)
    assert hatch["showlegend"] and "fewer than 3 respondents" in hatch["name"]
    labels = spec["layout"]["yaxis"]["ticktext"]
    assert len(labels) == count == len(set(labels))  # none identical after truncation
    widest = max(len(line) for label in labels for line in label.split("<br>"))
    assert widest <= 30
    assert spec["layout"]["height"] == charts.heatmap_height(count, hatched=True)
    assert cells["hovertext"][0][0].startswith(rows[0][0])  # the full name on hover


def test_heatmap_height_grows_with_rows_and_fits_a_page():
    heights = [charts.heatmap_height(n) for n in (1, 3, 12, 30)]
    assert charts.heatmap_height(3, hatched=False) < heights[1]  # no legend line to make room for
    assert heights == sorted(heights) and len(set(heights)) == 4
    assert heights[-1] * 176 / 680 < 245  # mm at the report's 176 mm width: inside an A4 page


def test_short_labels_stay_distinct():
    names = [f"{LONG} (North)", f"{LONG} (South)", "Sales", "Sales", "研发中心" * 10, "IT"]
    labels = short_labels(names, 30)
    assert len(set(labels)) == len(labels)
    assert labels[0].endswith("(North)") and labels[1].endswith("(South)")
    assert labels[2:4] == ["Sales", "Sales (2)"] and labels[5] == "IT"
    assert labels[4].endswith("…") and len(labels[4]) <= 15  # Chinese letters count double


def test_split_gradients_paints_the_colour_bar_with_solid_slices():
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><defs><g>'
           b'<linearGradient x1="1" y1="0" x2="0" y2="0" gradientUnits="objectBoundingBox" id="g1">'
           b'<stop offset="0%" stop-color="rgb(0, 0, 0)"/><stop offset="50%" stop-color="rgb(100, 100, 100)"/>'
           b'<stop offset="100%" stop-color="rgb(200, 200, 200)"/></linearGradient></g></defs>'
           b'<rect class="cbfill" style="fill: url(\'#g1\');" x="10" y="0" width="80" height="10"/></svg>')
    out = chart_export.split_gradients(svg).decode()
    fills = re.findall(r'<(?:\w+:)?rect class="cbfill"[^>]*fill="(rgb\([^"]+\))"', out)
    assert len(fills) == 40 and "url(" not in re.split(r"</(?:\w+:)?defs>", out)[1]
    # x1 = 1: the first stop is at the right end, so the slices darken from left to right.
    assert fills[0] == "rgb(198,198,198)" and fills[-1] == "rgb(2,2,2)"
    assert chart_export.split_gradients(b"<svg/>") == b"<svg/>"


@pytest.mark.pdf
def test_heatmap_svg_for_the_pdf_keeps_its_colour_scale(app):
    with app.app_context():
        spec = charts.heatmap_spec(_rows(12), QUESTIONNAIRE)
    svg = chart_export.figure_svg(spec, 680, spec["layout"]["height"]).decode()
    colourbar = re.search(r'class="cbfills".*?</(?:\w+:)?g>', svg, re.S).group(0)
    fills = set(re.findall(r'fill="(rgb\([^"]+\))"', colourbar))
    assert len(fills) > 30 and "url(" not in colourbar  # solid slices, from red to green
    assert "rgb(181,71,58)" in fills or "rgb(182,72,58)" in fills
    for tick in ("0", "40", "50", "70", "100"):
        assert re.search(rf">{tick}</(?:\w+:)?text>", svg)
    assert "pattern" in svg  # the hatching


def test_accent_colour_is_used_by_the_single_series(app, demo):
    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement
    from readiness.extensions import db

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        assessment = assess_engagement(engagement)
        questionnaire = engagement.questionnaire_version.parsed()
        default = charts.radar_spec(assessment, questionnaire)
        branded = charts.radar_spec(assessment, questionnaire, accent="#aa3366")
        figure = charts.radar_figure(assessment, questionnaire, accent="#aa3366")
        gaps = charts.gap_spec(assessment, questionnaire)
    # Roles that agree nest as rings (each later role smaller) instead of hiding one another.
    sizes = [trace["marker"]["size"] for trace in gaps["data"] if trace["mode"] == "markers"]
    assert len(sizes) == 3 and sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 3
    assert default["data"][0]["line"]["color"] == charts.ACCENT == "#2f6fb0"
    assert default["data"][0]["fillcolor"] == "rgba(47,111,176,0.18)"
    assert branded["data"][0]["line"]["color"] == "#aa3366"
    assert branded["data"][0]["fillcolor"] == "rgba(170,51,102,0.18)"
    assert figure.data[0].line.color == "#aa3366"
    assert branded["data"][1:] == default["data"][1:]  # the roles keep their own colours


def test_every_chart_on_the_pages_has_a_caption(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    base = f"/engagements/{demo.engagement_id}"
    seen = set()
    for url in (f"{base}/dashboard", base, f"{base}/roadmap"):
        page = client.get(url).text
        names = re.findall(r'<script type="application/json" id="([\w-]+)-data">', page)
        assert names, url
        for name in names:
            _figure(page, name)
            caption = re.search(rf'data-testid="caption-{name}">([^<]*)</figcaption>', page)
            assert caption and caption.group(1).strip(), (url, name)
            assert caption.group(1) == _caption(app, name)
            seen.add(name)
    assert seen == {"radar", "heatmap", "gaps", "dont-know", "response", "gantt"}
    page = client.get(f"{base}/dashboard?lang=zh").text  # captions follow the page's locale
    assert re.search(r'data-testid="caption-radar">[^<]+</figcaption>', page)


def _caption(app, name: str) -> str:
    from markupsafe import escape

    with app.test_request_context():
        return str(escape(charts.caption(name)))


def test_every_chart_in_the_pdf_has_a_caption(app, demo, monkeypatch):
    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.report import services

    # The charts' pictures are not what is tested here: skip chromium.
    monkeypatch.setattr(services, "figure_svg", lambda *args: b"<svg/>")
    with app.app_context():
        html = services.report_html(db.session.get(Engagement, demo.engagement_id), "en")
    images = re.findall(r'<img class="chart[^"]*" src="[^"]*" alt="([^"]*)">\s*'
                        r'<figcaption class="caption">([^<]*)</figcaption>', html)
    assert len(images) == html.count('<img class="chart') == 4
    assert all(caption.strip() for _, caption in images)
    with app.app_context():
        assert images[0][1] == str(charts.CAPTIONS["radar"]).replace("'", "&#39;")
