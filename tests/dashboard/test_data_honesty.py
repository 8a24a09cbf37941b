"""Results dashboard (issue 8): R-DATA-1 "no data yet" for departments, blocks, roles and the whole
selection without scored answers (never a score, a 0, a bar or a level reason); R-DATA-2 low-sample
marks beside levels; plurals."""
from __future__ import annotations

import re
from datetime import date

import plotly.graph_objects as go
import sqlalchemy as sa

from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent, RespondentBlock
from tests.dashboard.helpers import (
    _figure,
    _testid,
)

READS_ANSWERS = ("R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4")


def _stated(page: str) -> str:
    """The page without the note that names the red lights it could not check yet."""
    note = re.search(r'<p [^>]*data-testid="red-lights-unchecked">(.*?)</p>', page, re.S)
    assert note and "cannot be checked yet" in note.group(1)
    return page.replace(note.group(0), "")


def _add_department_without_answers(app, engagement_id, name="New Branch") -> int:
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        department = Department(name=name, current_level=1)
        engagement.departments.append(department)
        db.session.flush()
        db.session.add(Respondent(engagement_id=engagement_id, department_id=department.id,
                                  role="front_line", name="Not Yet"))
        db.session.commit()
        return department.id


def _section(page: str, marker: str) -> str:
    match = re.search(rf'{marker}.*?</table>', page, re.S)
    assert match, marker
    return match.group(0)


def test_department_without_answers_says_no_data_yet(app, client, auth, demo):
    department_id = _add_department_without_answers(app, demo.engagement_id)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text

    # Heat table: one "no data yet" across the row, no score cell, no bar.
    heat = _section(page, 'id="heatmap-table"')
    row = re.search(rf'<tr data-heat-department="{department_id}">(.*?)</tr>', heat, re.S).group(1)
    assert "New Branch" in row and "no data yet" in row
    assert 'class="bar"' not in row and row.count("<td") == 1
    # Heat map: the row is a gap (None, never 0), its label says "no data yet".
    heatmap = _figure(page, "heatmap")
    labels = heatmap["layout"]["yaxis"]["ticktext"]
    index = next(i for i, label in enumerate(labels) if label.startswith("New Branch"))
    assert "no data yet" in labels[index]
    assert heatmap["data"][0]["z"][index] == [None] * 8
    assert heatmap["data"][0]["text"][index] == [""] * 8  # no value, no 0
    go.Figure(heatmap)

    # Levels: "no data yet" instead of a ready level, and no reason read from answers.
    levels = _section(page, 'id="levels-table"')
    match = re.search(rf'data-department="{department_id}">(.*?)</tr>\s*<tr class="reasons">(.*?)</tr>',
                      levels, re.S)
    row, reasons = match.group(1), match.group(2)
    ready = re.search(r'<td class="ready">(.*?)</td>', row, re.S).group(1)
    assert "no data yet" in ready and 'class="level' not in ready
    assert 'data-testid="department-no-data"' in row
    assert "Block scores make the department ready" not in reasons and "R-CWR-1" not in reasons
    assert "No answers from this department yet" in reasons
    # Still counted where it is a count: one invited, nobody completed.
    assert re.search(r"<th scope=\"row\">New Branch</th><td>1</td><td>0</td>", page)


def test_filter_to_a_department_without_answers(app, client, auth, demo):
    department_id = _add_department_without_answers(app, demo.engagement_id)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard?department={department_id}").text
    assert _testid(page, "n") == "0" and 'data-testid="overall"' not in page
    assert _testid(page, "no-answers").startswith("The selected respondents have no answers yet")
    for rule in READS_ANSWERS:
        assert rule not in _stated(page)
    table = _section(page, 'id="block-table"')
    assert table.count("no data yet") == 8 and 'class="bar"' not in table
    radar = _figure(page, "radar")
    assert radar["data"][0]["r"] == [None] * 9 and "no data yet" in str(radar["layout"])
    dont_know = _figure(page, "dont-know")
    assert dont_know["data"][0]["x"] == [None] * 8
    assert sum(a["text"] == "no data yet" for a in dont_know["layout"]["annotations"]) == 8
    for name in ("radar", "heatmap", "dont-know", "response"):
        go.Figure(_figure(page, name))


def test_zero_respondents_no_answers_and_no_answer_red_lights(app, client, auth, demo):
    with app.app_context():
        base = db.session.get(Engagement, demo.engagement_id)
        fresh = Engagement(owner_id=base.owner_id, client="Fresh Client", start_date=date(2027, 2, 1),
                           questionnaire_version_id=base.questionnaire_version_id)
        fresh.departments = [Department(name="Sales")]
        db.session.add(fresh)
        db.session.commit()
        fresh_id = fresh.id
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{fresh_id}/dashboard").text
    assert _testid(page, "no-answers").startswith("The assessment has no answers yet")
    assert 'data-testid="overall"' not in page and "/100" not in page
    for rule in READS_ANSWERS:
        assert rule not in _stated(page)
    assert "R-RED-3" in page and "No executive sponsor named." in page  # facts, not answers
    assert 'data-testid="roles-no-data"' not in page  # nothing to name when nobody answered
    levels = _section(page, 'id="levels-table"')
    assert "no data yet" in levels and "Block scores make" not in levels


def test_block_and_roles_without_answers(app, client, auth, demo):
    """Nobody answered B3 and nobody is "other": B3 says "no data yet" everywhere it would show a
    number, the overall says a block is left out, the missing role is named."""
    with app.app_context():
        ids = sa.select(Respondent.id).where(Respondent.engagement_id == demo.engagement_id)
        db.session.execute(sa.delete(Answer).where(Answer.respondent_id.in_(ids),
                                                   Answer.block_id == "B3"))
        db.session.execute(sa.delete(RespondentBlock).where(RespondentBlock.respondent_id.in_(ids),
                                                            RespondentBlock.block_id == "B3"))
        for person in db.session.scalars(sa.select(Respondent).where(
                Respondent.engagement_id == demo.engagement_id, Respondent.role == "other")):
            person.revoked = True
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    assert _testid(page, "blocks-missing") == "1 block has no data yet and is left out of this mean."
    row = re.search(r'<tr data-block="B3">(.*?)</tr>', page, re.S).group(1)
    assert "no data yet" in row and 'class="bar"' not in row
    assert _testid(page, "roles-no-data") == "No data yet from: Others."
    heat = _section(page, 'id="heatmap-table"')
    assert 'class="bar"' in heat and heat.count('title="no data yet"') == 4  # B3 of 4 departments
    heatmap = _figure(page, "heatmap")
    assert all(row[2] is None for row in heatmap["data"][0]["z"])
    assert [(a["x"], a["text"]) for a in heatmap["layout"]["annotations"]] == [(2, "—")] * 4
    dont_know = re.search(r'id="dont-know-table".*?</table>', page, re.S).group(0)
    assert re.search(r"B3 Valued customer experience</th>\s*<td class=\"no-data\">no data yet</td>",
                     dont_know)
    radar = _figure(page, "radar")
    assert radar["data"][0]["r"][2] is None and "no data yet" in radar["data"][0]["theta"][2]


def test_low_sample_department_level_is_marked(app, client, auth, demo, northwind):
    department_id = northwind["Customer Service"]
    with app.app_context():
        people = db.session.scalars(sa.select(Respondent).where(
            Respondent.department_id == department_id).order_by(Respondent.id)).all()
        for person in people[2:]:
            person.revoked = True
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    levels = _section(page, 'id="levels-table"')
    match = re.search(rf'data-department="{department_id}">(.*?)</tr>\s*<tr class="reasons">(.*?)</tr>',
                      levels, re.S)
    row, reasons = match.group(1), match.group(2)
    assert "low sample: 2 respondents" in row
    assert row.count('class="low-sample-mark"') == 2  # beside "ready for" and "recommended"
    assert "R-DATA-2" in reasons and "Based on 2 respondents only" in reasons
    assert "read its level as a first indication (R-DATA-2)" in page
    # Departments with enough answers are not marked.
    other = re.search(rf'data-department="{northwind["Store Operations"]}">(.*?)</tr>', levels,
                      re.S).group(1)
    assert "6 respondents" in other and "low-sample-mark" not in other


def test_gap_table_marks_role_means_from_a_low_sample(app, client, auth, demo):
    """R-DATA-2 where a perception gap is stated: two executives left, their means carry "*"."""
    with app.app_context():
        executives = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == demo.engagement_id, Respondent.role == "executive")
            .order_by(Respondent.id)).all()
        for person in executives[2:]:
            person.revoked = True
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    table = _section(page, 'id="gap-table"')
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert header[1] == "Executives"
    rows = re.findall(r'<tr class="[^"]*"><th scope="row">.*?</tr>', table, re.S)
    assert rows and all(re.findall(r"<td[^>]*>", row)[0] == '<td class="low-sample" '
                        'title="Fewer than 3 respondents: low sample (R-SCORE-2)">' for row in rows)
    assert "rest on fewer than 3 respondents of that role (R-DATA-2)" in page
    # Eleven front-line respondents: their means are not marked.
    assert header[2] == "Front line"
    assert all(re.findall(r"<td[^>]*>", row)[1] == "<td>" for row in rows)
