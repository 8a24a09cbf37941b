"""Results dashboard (issue 3): the engine's numbers, filters, low-sample marks, response rate."""
from __future__ import annotations

import re
from datetime import date

import plotly.graph_objects as go
import pytest
import sqlalchemy as sa
from markupsafe import escape

from readiness.dashboard.exports import HEADER
from readiness.dashboard.services import Filters, dashboard_data
from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.dashboard.helpers import (
    _csv_rows,
    _expected,
    _figure,
    _testid,
)


def test_dashboard_shows_the_engines_numbers(app, client, auth, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = assess_engagement(engagement)
        assert dashboard_data(engagement).assessment == expected
        questionnaire = engagement.questionnaire_version.parsed()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text

    assert _testid(page, "overall") == f"{expected.overall:.0f}"
    assert _testid(page, "n") == "24" == str(expected.respondents)
    assert _testid(page, "response-rate") == "100%"
    assert "Showing all respondents." in page and 'data-testid="sample-note"' not in page
    for block in questionnaire.blocks:
        row = re.search(rf"<th scope=\"row\">{block.id} {escape(block.title.en)}</th>(.*?)</tr>",
                        page, re.S).group(1)
        assert f"{expected.blocks[block.id].score:.0f}" in row
    assert _testid(page, "red-count") == str(len(expected.red_lights)) == "2"
    for finding in expected.red_lights + expected.flags:
        assert finding.rule in page and str(escape(finding.message("en"))) in page
    for level in expected.levels:
        row = re.search(rf'data-department="{level.department_id}">(.*?)</tr>', page, re.S).group(1)
        names = {1: "crawl", 2: "walk", 3: "run"}
        assert f'<td class="recommended"><span class="level level-{level.recommended}">' \
               f'{names[level.recommended]}</span></td>' in row
    for result in expected.blocks.values():
        assert f"{result.dont_know_rate * 100:.0f}%" in page

    # The charts carry the same numbers and are valid Plotly figures.
    for name in ("radar", "heatmap", "dont-know", "gaps", "response"):
        go.Figure(_figure(page, name))  # raises on any invalid property
    radar = _figure(page, "radar")
    assert radar["data"][0]["r"][:8] == [round(expected.blocks[b.id].score, 1)
                                         for b in questionnaire.blocks]
    assert len(radar["data"]) == 1 + len(expected.by_role)  # everyone + one trace per role
    heatmap = _figure(page, "heatmap")
    with app.app_context():
        departments = db.session.get(Engagement, demo.engagement_id).departments
        for row, department in zip(heatmap["data"][0]["z"], departments, strict=False):
            stats = expected.by_department[department.id]
            assert row == [round(stats[b.id].mean) for b in questionnaire.blocks]
    gaps = {g.block_id for g in expected.gaps if g.flagged}
    assert gaps == {"B1", "B2", "B4"}
    assert 'aria-hidden="true"' in page and 'id="heatmap-table"' in page


@pytest.mark.parametrize("department", ["Store Operations", "Customer Service"])
def test_department_filter_recomputes_on_that_department(app, client, auth, demo, northwind,
                                                         department):
    department_id = northwind[department]
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = _expected(engagement, department_id=department_id)
        got = dashboard_data(engagement, Filters(department_id=department_id))
        assert got.assessment == expected
        assert expected.respondents == 6 and [lv.name for lv in expected.levels] == [department]
        assert got.assessment.overall != assess_engagement(engagement).overall
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard?department={department_id}")
    assert page.status_code == 200
    assert _testid(page.text, "n") == "6"
    assert _testid(page.text, "overall") == f"{expected.overall:.0f}"
    assert re.search(rf"Filtered to <strong>{escape(department)}</strong>", page.text)
    assert f'<option selected value="{department_id}">' in page.text
    assert len(_figure(page.text, "heatmap")["data"][0]["y"]) == 1


@pytest.mark.parametrize("role, count", [("front_line", 11), ("executive", 4), ("it", 3)])
def test_role_filter_recomputes_on_that_role(app, client, auth, demo, role, count):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = _expected(engagement, role=role)
        assert dashboard_data(engagement, Filters(role=role)).assessment == expected
        assert expected.respondents == count and set(expected.by_role) == {role}
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard?role={role}").text
    assert _testid(page, "n") == str(count)
    assert _testid(page, "overall") == f"{expected.overall:.0f}"
    assert _figure(page, "radar")["data"][0]["name"] == "Selected respondents"


def test_filter_leaving_fewer_than_three_marks_low_sample(app, client, auth, demo, northwind):
    department_id = northwind["Store Operations"]
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = _expected(engagement, department_id=department_id, role="front_line")
        single = _expected(engagement, department_id=department_id, role="executive")
    assert expected.respondents == 4 and single.respondents == 1
    auth.login(demo.email, demo.password)
    url = f"/engagements/{demo.engagement_id}/dashboard?department={department_id}&role=executive"
    page = client.get(url).text
    assert _testid(page, "n") == "1"
    assert "Filtered to <strong>Store Operations · Executives</strong>" in page
    assert "Only 1 person answered: a low sample (R-SCORE-2)" in _testid(page, "sample-note")
    assert all(s.low_sample and s.n == 1 for s in single.by_department[department_id].values())
    heatmap = _figure(page, "heatmap")
    cells, hatch = heatmap["data"]
    stats = single.by_department[department_id]
    # Every cell keeps its colour and value, marked "*", and is hatched.
    assert cells["z"] == [[round(stats[f"B{i}"].mean) for i in range(1, 9)]]
    assert cells["text"] == [[f"{round(stats[f'B{i}'].mean)}*" for i in range(1, 9)]]
    assert sorted(zip(hatch["x"], hatch["base"], strict=True)) == [(i, -0.44) for i in range(8)]
    assert hatch["name"] == "Hatched, *: fewer than 3 respondents (low sample)"
    table = re.search(r'id="heatmap-table".*?</table>', page, re.S).group(0)
    assert table.count('class="score low-sample"') == 8 and table.count("*</span>") == 8
    # With four front-line respondents the cells are not marked.
    page = client.get(url.replace("executive", "front_line")).text
    assert len(_figure(page, "heatmap")["data"]) == 1  # nothing hatched, no legend line


def test_bad_filter_values_are_refused_with_a_message(app, client, auth, demo):
    with app.app_context():
        other = Engagement(owner_id=1, client="Other", start_date=date(2027, 1, 1),
                           questionnaire_version_id=db.session.get(
                               Engagement, demo.engagement_id).questionnaire_version_id)
        other.departments = [Department(name="Elsewhere")]
        db.session.add(other)
        db.session.commit()
        foreign = other.departments[0].id
    auth.login(demo.email, demo.password)
    base = f"/engagements/{demo.engagement_id}/dashboard"
    for query, message in ((f"?department={foreign}", "Choose one of this engagement"),
                           ("?department=abc", "Choose one of this engagement"),
                           ("?role=ceo", "Choose one of the roles.")):
        page = client.get(base + query)
        assert page.status_code == 400
        assert message in page.text and 'aria-invalid="true"' in page.text
        assert _testid(page.text, "n") == "24"  # nothing filtered, and it says so
        assert "Showing all respondents." in page.text


def test_response_rate_counts_completed_of_invited_and_started_apart(app, client, auth, demo):
    with app.app_context():
        people = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).order_by(Respondent.id)).all()
        people[0].status = "started"
        people[1].status = "invited"
        people[2].revoked = True
        db.session.commit()
        data = dashboard_data(db.session.get(Engagement, demo.engagement_id))
    assert (data.response.invited, data.response.completed, data.response.started) == (23, 21, 1)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    assert _testid(page, "response-rate") == f"{21 / 23 * 100:.0f}%"
    assert "21 of 23 invited completed, 1 started" in page
    assert _testid(page, "n") == "23"  # the revoked respondent's answers are not scored


def test_dashboard_of_an_engagement_without_answers(app, client, auth, demo):
    """Invited but nobody answered yet: no scores, everything says so, nothing breaks."""
    with app.app_context():
        version_id = db.session.get(Engagement, demo.engagement_id).questionnaire_version_id
        fresh = Engagement(owner_id=db.session.get(Engagement, demo.engagement_id).owner_id,
                           client="Fresh Client", start_date=date(2027, 2, 1),
                           questionnaire_version_id=version_id)
        fresh.departments = [Department(name="Sales"), Department(name="Service")]
        db.session.add(fresh)
        db.session.flush()
        db.session.add(Respondent(engagement_id=fresh.id, department_id=fresh.departments[0].id,
                                  role="manager", name="Invited Person"))
        db.session.commit()
        fresh_id = fresh.id
        assert dashboard_data(fresh).assessment == assess_engagement(fresh)
    auth.login(demo.email, demo.password)
    response = client.get(f"/engagements/{fresh_id}/dashboard")
    assert response.status_code == 200
    page = response.text
    # R-DATA-1: the summary says there are no answers instead of an overall score.
    assert 'data-testid="overall"' not in page and _testid(page, "n") == "0"
    assert _testid(page, "no-answers").startswith("The assessment has no answers yet")
    assert _testid(page, "response-rate") == "0%" and "0 of 1 invited completed" in page
    for name in ("radar", "heatmap", "dont-know", "response"):
        go.Figure(_figure(page, name))
    assert "gaps-data" not in page and "need answers from at least two of" in page
    rows = _csv_rows(client.get(f"/engagements/{fresh_id}/export.csv"))
    assert rows == [list(HEADER)]
