"""Results dashboard (issue 3): the engine's numbers, filters, low-sample marks, exports, access."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import plotly.graph_objects as go
import pytest
import sqlalchemy as sa
from markupsafe import escape
from openpyxl import load_workbook

from readiness.dashboard.exports import HEADER, answer_rows
from readiness.dashboard.services import Filters, dashboard_data
from readiness.engagements.models import Department, Engagement, EngagementAccess
from readiness.engagements.services import (assess_engagement, block_sums, department_inputs,
                                            pain_inputs, respondent_inputs)
from readiness.extensions import db
from readiness.method.assess import assess
from readiness.method.types import EngagementFacts
from readiness.respondents.models import Answer, Respondent

from tests.helpers import make_user
from tests.test_postgres import pg_app  # noqa: F401  (fixture: a fresh PostgreSQL database)

URLS = ("/engagements/{id}/dashboard", "/engagements/{id}/export.csv",
        "/engagements/{id}/export.xlsx")


def _figure(page: str, name: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{name}-data">(.*?)</script>', page,
                      re.S)
    assert match, f"no {name} figure"
    return json.loads(match.group(1))


def _testid(page: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', page)
    assert match, name
    return match.group(1).strip()


def _expected(engagement: Engagement, department_id=None, role=None):
    """The engine on the subset, computed here without the dashboard's queries."""
    questionnaire = engagement.questionnaire_version.parsed()
    people = [r for r in respondent_inputs(engagement)
              if department_id in (None, r.department_id) and role in (None, r.role)]
    ids = {r.id for r in people}
    customer_items = [i.id for i in questionnaire.items() if i.customer_input]
    levels = db.session.scalars(sa.select(Answer.level).where(
        Answer.respondent_id.in_(ids), Answer.item_id.in_(customer_items),
        Answer.level.isnot(None))).all()
    facts = EngagementFacts(engagement.sponsor_name, engagement.sponsor_hours_per_month,
                            tuple(m.side for m in engagement.team),
                            sum(levels) / len(levels) if levels else None)
    departments = [d for d in department_inputs(engagement) if department_id in (None, d.id)]
    return assess(questionnaire, people, block_sums(engagement, questionnaire), departments,
                  pain_inputs(engagement), facts)


@pytest.fixture
def northwind(app, demo):
    """Ids of the demo's departments by name."""
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        return {d.name: d.id for d in engagement.departments}


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
    for block_id, result in expected.blocks.items():
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
        for row, department in zip(heatmap["data"][0]["z"], departments):
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
    assert "Only 1 respondent(s): a low sample (R-SCORE-2)" in _testid(page, "sample-note")
    assert all(s.low_sample and s.n == 1 for s in single.by_department[department_id].values())
    heatmap = _figure(page, "heatmap")
    normal, low = heatmap["data"]
    assert normal["z"] == [[None] * 8]  # no cell drawn in colour ...
    stats = single.by_department[department_id]
    assert low["z"] == [[round(stats[f"B{i}"].mean) for i in range(1, 9)]]  # ... all grey
    assert all(text.endswith("*") for text in low["text"][0])
    table = re.search(r'id="heatmap-table".*?</table>', page, re.S).group(0)
    assert table.count('class="score low-sample"') == 8 and table.count("*</span>") == 8
    # With four front-line respondents the cells are not marked.
    page = client.get(url.replace("executive", "front_line")).text
    assert _figure(page, "heatmap")["data"][1]["z"] == [[None] * 8]


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
    assert _testid(page, "overall") == "—" and _testid(page, "n") == "0"
    assert _testid(page, "sample-note") == "No answers yet."
    assert _testid(page, "response-rate") == "0%" and "0 of 1 invited completed" in page
    for name in ("radar", "heatmap", "dont-know", "response"):
        go.Figure(_figure(page, name))
    assert "gaps-data" not in page and "need answers from at least two of" in page
    rows = _csv_rows(client.get(f"/engagements/{fresh_id}/export.csv"))
    assert rows == [list(HEADER)]


def _csv_rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.fixture
def tricky_answers(app, demo):
    """A revoked respondent, formula-like text and Chinese evidence; returns answer count kept."""
    with app.app_context():
        people = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).order_by(Respondent.id)).all()
        people[-1].revoked = True
        engagement = db.session.get(Engagement, demo.engagement_id)
        engagement.departments[0].name = "=HYPERLINK(\"http://evil.example\",\"click\")"
        answers = db.session.scalars(sa.select(Answer).where(
            Answer.respondent_id == people[0].id).order_by(Answer.id)).all()
        answers[0].evidence = "+SUM(A1:A9)"
        answers[1].evidence = "-2+3"
        answers[2].evidence = "@cmd"
        answers[3].evidence = "客户满意度调查，每季度一次"
        answers[4].evidence = "plain, with \"quotes\"\nand a new line"
        answers[5].level = None  # don't know
        db.session.commit()
        return db.session.scalar(sa.select(sa.func.count()).select_from(Answer).join(
            Respondent).where(Respondent.engagement_id == demo.engagement_id,
                              Respondent.revoked.is_(False)))


def test_csv_export_has_every_answer_safely(app, client, auth, demo, tricky_answers):
    auth.login(demo.email, demo.password)
    response = client.get(f"/engagements/{demo.engagement_id}/export.csv")
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv_rows(response)
    assert tuple(rows[0]) == HEADER
    assert len(rows) - 1 == tricky_answers == 23 * 48
    body = response.get_data().decode("utf-8-sig")
    assert "Helen Park" not in body and "@northwind.example" not in body  # ids, not names
    first = [r for r in rows[1:] if r[0] == rows[1][0]]
    assert [r[4] for r in first][:3] == ["B1.1", "B1.2", "B1.3"]  # questionnaire order
    assert first[0][1] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert [r[9] for r in first[:5]] == ["'+SUM(A1:A9)", "'-2+3", "'@cmd", "客户满意度调查，每季度一次",
                                         "plain, with \"quotes\"\nand a new line"]
    assert first[5][6] == "" and first[5][7] == "yes"  # don't know: blank level, flagged
    assert first[0][6] in {"1", "2", "3", "4", "5"} and first[0][7] == "no"
    assert first[0][5].startswith("Our senior leadership can describe")
    for row in rows[1:]:
        assert not row[1].startswith(("=", "+", "-", "@"))
        assert not row[9].startswith(("=", "+", "@"))


def test_xlsx_export_has_the_same_rows(app, client, auth, demo, tricky_answers):
    auth.login(demo.email, demo.password)
    csv_rows = _csv_rows(client.get(f"/engagements/{demo.engagement_id}/export.csv"))
    response = client.get(f"/engagements/{demo.engagement_id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True)["answers"]
    xlsx_rows = [["" if v is None else str(v) for v in row]
                 for row in sheet.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    assert any(row[9] == "客户满意度调查，每季度一次" for row in xlsx_rows)


@pytest.mark.parametrize("url", URLS)
def test_access_to_every_dashboard_url(app, client, auth, demo, url):
    path = url.format(id=demo.engagement_id)
    assert client.get(path).status_code == 302  # not logged in: to the login page
    shared = make_user(app, "shared@example.com")
    viewer = make_user(app, "viewer@client.example", role="viewer")
    make_user(app, "stranger@example.com")
    with app.app_context():
        db.session.add_all([EngagementAccess(engagement_id=demo.engagement_id, user_id=shared),
                            EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer)])
        db.session.commit()
    for email, password, status in ((demo.email, demo.password, 200),
                                    ("shared@example.com", None, 200),
                                    ("viewer@client.example", None, 200),
                                    ("stranger@example.com", None, 404)):
        auth.login(email, password) if password else auth.login(email)
        response = client.get(path)
        assert response.status_code == status, (email, path)
        response.get_data()
        auth.logout()
    auth.login(demo.email, demo.password)
    assert client.get(url.format(id=9999)).status_code == 404


def test_user_text_is_escaped_in_page_and_charts(app, client, auth, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        engagement.departments[0].name = "<script>alert(1)</script>"
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert _figure(page, "heatmap")["data"][0]["y"][0] == "<script>alert(1)</script>"


def test_dashboard_in_chinese(app, client, auth, demo):
    with app.app_context():
        expected = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard?lang=zh").text
    assert "B1 愿景" in page and "技术超前于流程" in page
    assert str(escape(expected.flags[-1].message("zh"))) in page
    assert _figure(page, "radar")["data"][0]["name"] == "全部受访者"


@pytest.mark.postgres
def test_dashboard_data_on_postgresql_equals_the_engine(pg_app):
    """The dashboard reads through the DBAPI cursor: same numbers on PostgreSQL."""
    from readiness.demo import load_demo

    with pg_app.app_context():
        demo = load_demo()
        db.session.commit()
        engagement = db.session.get(Engagement, demo.engagement_id)
        assert dashboard_data(engagement).assessment == assess_engagement(engagement)
        department_id = engagement.departments[1].id
        for filters in (Filters(role="front_line"), Filters(department_id=department_id),
                        Filters(department_id=department_id, role="executive")):
            expected = _expected(engagement, filters.department_id, filters.role)
            assert dashboard_data(engagement, filters).assessment == expected
        rows = list(answer_rows(engagement))
        assert len(rows) == 24 * 48


def test_workshop_answers_count_and_can_be_shown_apart(app, demo):
    """Issue 4: answers given in a session count in the scores, and the dashboard shows them
    apart (source filter); the response rate stays about the people invited by link."""
    from readiness.dashboard.services import Filters, dashboard_data
    from readiness.engagements.models import Engagement
    from readiness.respondents.models import Respondent
    from readiness.respondents.services import save_answer

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        questionnaire = engagement.questionnaire_version.parsed()
        participant = Respondent(engagement_id=engagement.id, role="executive", source="workshop",
                                 department_id=engagement.departments[0].id, status="started")
        db.session.add(participant)
        db.session.flush()
        save_answer(participant, questionnaire, engagement.questionnaire_version_id, "B1.1", 5, "high")
        db.session.commit()
        everyone = dashboard_data(engagement, Filters())
        workshop = dashboard_data(engagement, Filters(source="workshop"))
        survey = dashboard_data(engagement, Filters(source="survey"))
        assert everyone.assessment.respondents == 25 and survey.assessment.respondents == 24
        assert workshop.assessment.respondents == 1
        assert workshop.assessment.blocks["B1"].score == 100.0  # level 5 -> 100 (R-SCORE-1)
        assert everyone.response.invited == 24 and everyone.response.completed == 24
