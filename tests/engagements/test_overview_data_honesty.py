"""Engagement overview (issue 8): the R-HEAD-1 verdict first, read-only; data honesty (R-DATA-1/2):
no score, level reason or answer-reading red light without answers, low samples marked; plurals."""
from __future__ import annotations

import json
import re
from datetime import date

import sqlalchemy as sa
from markupsafe import escape

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent, RespondentBlock
from readiness.roadmap import services as roadmap_services
from readiness.roadmap.models import RoadmapPlan

#: The red lights that read answers: never stated without answers (R-DATA-1).
READS_ANSWERS = ("R-RED-1", "R-RED-2", "R-RED-5", "R-CWR-4")


def _stated(page: str) -> str:
    """The page without the note that names the red lights it could not check yet."""
    note = re.search(r'<p [^>]*data-testid="red-lights-unchecked">(.*?)</p>', page, re.S)
    assert note and "cannot be checked yet" in note.group(1)
    return page.replace(note.group(0), "")


def _expected_verdict(app, engagement_id):
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assessment = assess_engagement(engagement)
        roadmap = roadmap_services.current(engagement, assessment).roadmap
        return roadmap_services.verdict(engagement, assessment, roadmap)


def _level_rows(page: str, department_id: int) -> tuple[str, str]:
    """The department's level row and the reasons row under it."""
    match = re.search(rf'<tr class="level-row" data-department="{department_id}">(.*?)</tr>\s*'
                      r'<tr class="reasons">(.*?)</tr>', page, re.S)
    assert match, department_id
    return match.group(1), match.group(2)


def _block_row(page: str, block_id: str) -> str:
    match = re.search(rf'<tr data-block="{block_id}">(.*?)</tr>', page, re.S)
    assert match, block_id
    return match.group(1)


def _add_department_without_answers(app, engagement_id, name="New Branch") -> int:
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        department = Department(name=name, current_level=0)
        engagement.departments.append(department)
        db.session.flush()
        # Invited, never answered: counted for the response rate, not scored.
        db.session.add(Respondent(engagement_id=engagement_id, department_id=department.id,
                                  role="front_line", name="Not Yet"))
        db.session.commit()
        return department.id


def _fresh_engagement(app, demo, respondents=1) -> int:
    """An engagement with departments and invited respondents, none of whom answered."""
    with app.app_context():
        base = db.session.get(Engagement, demo.engagement_id)
        fresh = Engagement(owner_id=base.owner_id, client="Fresh Client", start_date=date(2027, 2, 1),
                           questionnaire_version_id=base.questionnaire_version_id,
                           sponsor_name="Ada Sponsor", sponsor_hours_per_month=4)
        fresh.departments = [Department(name="Sales"), Department(name="Service")]
        db.session.add(fresh)
        db.session.flush()
        for i in range(respondents):
            db.session.add(Respondent(engagement_id=fresh.id, department_id=fresh.departments[0].id,
                                      role="manager", name=f"Invited {i}"))
        db.session.commit()
        return fresh.id


def test_overview_opens_with_the_verdict_and_links_the_roadmap(app, client, auth, demo):
    verdict = _expected_verdict(app, demo.engagement_id)
    assert verdict.kind == "not-ready" and verdict.facts
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}").text
    section = re.search(r'<section class="card verdict[^"]*" data-testid="verdict".*?</section>',
                        page, re.S).group(0)
    assert str(escape(verdict.sentence.en)) in section
    for fact in verdict.facts:
        assert f"<li>{escape(fact.en)}</li>" in section
    assert f'href="/engagements/{demo.engagement_id}/roadmap"' in section
    # First: before the overall score and the red lights.
    assert page.index('data-testid="verdict"') < page.index('data-testid="overall"')
    assert page.index('data-testid="verdict"') < page.index("Red lights")


def test_overview_verdict_in_chinese(app, client, auth, demo):
    verdict = _expected_verdict(app, demo.engagement_id)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}?lang=zh").text
    assert str(escape(verdict.sentence.zh)) in page
    assert all(str(escape(fact.zh)) in page for fact in verdict.facts)


def test_overview_writes_nothing(app, client, auth, demo):
    """R-HEAD-1 is computed read-only: no stored roadmap plan, no INSERT/UPDATE/DELETE."""
    auth.login(demo.email, demo.password)
    writes = []
    with app.app_context():
        engine = db.engine

        def record(conn, cursor, statement, *args):
            if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
                writes.append(statement)

        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.get(f"/engagements/{demo.engagement_id}").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
        assert writes == []
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RoadmapPlan)) == 0


def test_department_without_answers_says_no_data_yet(app, client, auth, demo):
    department_id = _add_department_without_answers(app, demo.engagement_id)
    with app.app_context():
        level = next(lv for lv in assess_engagement(db.session.get(Engagement, demo.engagement_id)).levels
                     if lv.department_id == department_id)
    assert not level.scored and level.n == 0
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}").text
    row, reasons = _level_rows(page, department_id)
    assert "New Branch" in row and row.count("no data yet") == 2  # the tag and "Ready for"
    ready = re.search(r'<td class="ready">(.*?)</td>', row, re.S).group(1)
    assert "no data yet" in ready and 'class="level' not in ready
    # No level reason read from answers: no "Block scores make the department ready ...".
    assert "Block scores make the department ready" not in reasons
    assert "No answers from this department yet" in reasons and "R-DATA-1" in reasons
    assert "R-CWR-1" not in reasons
    # The scored departments keep their respondent count (plural) and their reason.
    with app.app_context():
        scored = next(lv for lv in assess_engagement(
            db.session.get(Engagement, demo.engagement_id)).levels if lv.scored)
    row, reasons = _level_rows(page, scored.department_id)
    assert "6 respondents" in row and "Block scores make the department ready" in reasons


def test_zero_respondents_no_answers_sentence_and_no_answer_red_lights(app, client, auth, demo):
    fresh_id = _fresh_engagement(app, demo)
    verdict = _expected_verdict(app, fresh_id)
    assert verdict.kind == "no-data"
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{fresh_id}").text
    assert str(escape(verdict.sentence.en)) in page  # "No verdict yet: the assessment has no answers."
    no_answers = re.search(r'data-testid="no-answers">([^<]*)<', page).group(1)
    assert no_answers.startswith("The assessment has no answers yet")
    assert 'data-testid="overall"' not in page and "/100" not in page
    for rule in READS_ANSWERS:
        assert rule not in _stated(page)
    # R-DATA-1's own finding is listed; every block says "no data yet", no bar, no 0.
    assert "R-DATA-1" in page and "The assessment has no answers yet: no score, level" in page
    for block in ("B1", "B4", "B8"):
        row = _block_row(page, block)
        assert "no data yet" in row and 'class="bar"' not in row and ">0<" not in row
    assert "Block scores make the department ready" not in page
    assert page.count('data-testid="department-no-data"') == 2
    # The radar plots no 0: every value is a gap, and the chart says "no data yet".
    radar = re.search(r'<script type="application/json" id="radar-data">(.*?)</script>', page,
                      re.S).group(1)
    assert '"r": [null, null, null, null, null, null, null, null, null]' in radar
    assert "no data yet" in radar


def test_one_respondent_low_sample_caveats_and_singular(app, client, auth, demo):
    """Everyone but one respondent revoked: singular wording, the low-sample caveat on the red
    lights, the departments' levels and the verdict; the other departments have no data."""
    with app.app_context():
        people = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).order_by(Respondent.id)).all()
        for person in people[1:]:
            person.revoked = True
        kept_department = people[0].department_id
        db.session.commit()
        assessment = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    assert assessment.respondents == 1
    verdict = _expected_verdict(app, demo.engagement_id)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}").text
    assert "Answers from 1 respondent." in page and "1 respondents" not in page
    assert "Only 1 person answered: a low sample" in page
    assert str(escape(verdict.sentence.en)) in page and "Based on 1 respondent only" in page
    for light in assessment.red_lights:
        if light.rule in READS_ANSWERS:
            assert str(escape(light.message("en"))) in page
            assert "Based on 1 respondent only." in light.message("en")
    row, reasons = _level_rows(page, kept_department)
    assert "low sample: 1 respondent" in row and 'class="low-sample-mark"' in row
    assert "R-DATA-2" in reasons and "Based on 1 respondent only" in reasons
    others = [lv for lv in assessment.levels if lv.department_id != kept_department]
    assert len(others) == 3 and not any(lv.scored for lv in others)
    for level in others:
        row, reasons = _level_rows(page, level.department_id)
        assert "no data yet" in row and "Block scores make the department ready" not in reasons


def test_block_without_answers_is_not_plotted_as_zero(app, client, auth, demo):
    """Nobody answered B3: its row says "no data yet", the overall leaves it out and says so,
    the radar leaves a gap (None, never 0) labelled on its axis."""
    with app.app_context():
        ids = sa.select(Respondent.id).where(Respondent.engagement_id == demo.engagement_id)
        db.session.execute(sa.delete(Answer).where(Answer.respondent_id.in_(ids),
                                                   Answer.block_id == "B3"))
        db.session.execute(sa.delete(RespondentBlock).where(RespondentBlock.respondent_id.in_(ids),
                                                            RespondentBlock.block_id == "B3"))
        db.session.commit()
        assessment = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    assert assessment.blocks["B3"].score is None and assessment.overall is not None
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}").text
    row = _block_row(page, "B3")
    assert "no data yet" in row and 'class="bar"' not in row
    assert "1 block has no data yet and is left out of this mean." in page
    radar = re.search(r'<script type="application/json" id="radar-data">(.*?)</script>', page,
                      re.S).group(1)
    figure = json.loads(radar)
    everyone = figure["data"][0]
    assert everyone["r"][2] is None and 0 not in everyone["r"]
    assert "no data yet" in everyone["theta"][2] and "no data yet" not in everyone["theta"][1]
