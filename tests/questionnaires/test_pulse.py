"""The shipped 20-item pulse questionnaire: stored with the built-in one, chosen at set-up,
and an engagement answered on it scores, gets a roadmap and a report."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.method.loading import load_questionnaire
from readiness.questionnaires.services import BUILTIN, BUILTIN_KEY, PULSE
from readiness.report.context import build_context
from readiness.roadmap import services as roadmap_services
from tests.engagements.helpers import post
from tests.helpers import make_user
from tests.respondents.helpers import _answer, add_respondent

OWNER = "owner@example.com"


def test_the_pulse_covers_the_eight_blocks_in_twenty_items_in_both_languages():
    pulse, full = load_questionnaire(PULSE), load_questionnaire(BUILTIN)
    assert full.id == BUILTIN_KEY
    assert len(pulse.items()) == 20 and [b.id for b in pulse.blocks] == [b.id for b in full.blocks]
    assert all(len(b.items) >= 2 for b in pulse.blocks)
    assert {i.rules_topic for i in pulse.items()} == {None, "grading", "sharing", "lead-return"}
    assert any(i.customer_input for i in pulse.items())
    assert pulse.settings == full.settings and pulse.fit == full.fit
    assert all(i.text.zh and all(level.zh for level in i.levels.values()) for i in pulse.items())


def _pulse_engagement(app, client, auth) -> int:
    """Set up through the form, choosing the pulse version; two departments, answers."""
    make_user(app, OWNER)
    auth.login(OWNER)
    page = client.get("/engagements/new").text
    assert re.search(r'<option selected value="\d+">CRM readiness assessment', page)
    pulse_id = re.search(r'<option value="(\d+)">CRM readiness pulse', page).group(1)
    response = post(client, "/engagements/new", {
        "client": "Pulse Ltd", "sector": "Retail", "sponsor_name": "Ann Boss",
        "sponsor_hours_per_month": "4", "start_date": "2027-03-01",
        "questionnaire_version_id": pulse_id}, page="/engagements/new")
    assert response.status_code == 302, response.text
    engagement_id = int(re.search(r"/engagements/(\d+)/", response.headers["Location"]).group(1))
    pulse = load_questionnaire(PULSE)
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assert engagement.questionnaire_version.key == "crm-pulse"
        engagement.departments = [Department(name="Sales", fit_answers={
            q.id: q.options[1].id for q in pulse.fit}), Department(name="Service")]
        db.session.commit()
        departments = [d.id for d in engagement.departments]
    for n, (role, department) in enumerate([("executive", departments[0]), ("manager", departments[0]),
                                            ("front_line", departments[0]), ("it", departments[1]),
                                            ("front_line", departments[1]), ("manager", departments[1])]):
        person = add_respondent(app, engagement_id, f"Person {n}", role, department)
        _answer(app, person.id, {item.id: 1 + (n + i) % 5 for i, item in enumerate(pulse.items())})
    return engagement_id


def test_an_engagement_on_the_pulse_scores_and_gets_a_roadmap_and_report(app, client, auth):
    engagement_id = _pulse_engagement(app, client, auth)
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assessment = assess_engagement(engagement)
        assert set(assessment.blocks) == {f"B{n}" for n in range(1, 9)}
        assert assessment.scored and assessment.respondents == 6 and assessment.overall is not None
        roadmap = roadmap_services.current(engagement, assessment).roadmap
        assert roadmap is not None
        context = build_context(engagement, "zh")
        assert context["engagement"].client == "Pulse Ltd"
    for page in ("", "/dashboard", "/roadmap", "/setup", "/respondents", "/export.xlsx", "/waves"):
        response = client.get(f"/engagements/{engagement_id}{page}")
        assert response.status_code == 200, page


@pytest.mark.pdf
def test_the_pdf_report_renders_for_a_pulse_engagement(app, client, auth, runner, tmp_path):
    engagement_id = _pulse_engagement(app, client, auth)
    out = tmp_path / "pulse.pdf"
    result = runner.invoke(args=["report", str(engagement_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Pulse Ltd" in text and "Valued customer experience" in text
