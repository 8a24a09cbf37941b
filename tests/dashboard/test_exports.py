"""Results dashboard (issue 3): CSV and XLSX exports of every answer."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from readiness.dashboard.exports import HEADER
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent
from tests.dashboard.helpers import _csv_rows


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
