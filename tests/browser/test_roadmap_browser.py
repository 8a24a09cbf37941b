"""The roadmap in Debian's chromium: three departments (one working above its readiness), a red
light, and what the consultant sees: a swimlane per department, the gate, the tracks."""
from __future__ import annotations

from datetime import date

import pytest

from readiness.engagements.models import Department, Engagement, TeamMember
from readiness.extensions import db
from readiness.pains.models import PainPoint
from readiness.questionnaires.services import load_builtin
from readiness.respondents.models import Answer, Respondent
from readiness.respondents.services import refresh_block_sums
from tests.helpers import make_user

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "consultant@fabrikam-review.example", "correct horse battery"
#: name, level today, answers' level on every item, use-case fit
DEPARTMENTS = [("Claims", 1, 4, "walk"), ("Brokers", 0, 2, "walk"), ("Underwriting", 2, 2, "walk")]


def _build(app) -> int:
    owner = make_user(app, EMAIL, password=PASSWORD)
    with app.app_context():
        version = load_builtin()
        questionnaire = version.parsed()
        fit = {q.id: next(o.id for o in q.options if o.level == "walk") for q in questionnaire.fit}
        engagement = Engagement(owner_id=owner, client="Fabrikam Insurance", sponsor_name="Dana Lee",
                                sponsor_hours_per_month=0, start_date=date(2027, 2, 1),
                                questionnaire_version=version)
        db.session.add(engagement)
        engagement.team = [TeamMember(name="Bea Business", side="business", role="Claims lead"),
                           TeamMember(name="Ian Tech", side="it", role="IT")]
        ids = {}
        for name, today, _, _ in DEPARTMENTS:
            department = Department(name=name, current_level=today, fit_answers=fit)
            engagement.departments.append(department)
        db.session.flush()
        ids = {d.name: d.id for d in engagement.departments}
        rows = []
        for name, _, level, _ in DEPARTMENTS:
            for n, role in enumerate(("executive", "front_line", "it")):
                respondent = Respondent(engagement_id=engagement.id, department_id=ids[name],
                                        name=f"{name} {n}", email=f"{name.lower()}{n}@fabrikam.example",
                                        role=role, status="completed")
                db.session.add(respondent)
                db.session.flush()
                rows += [dict(respondent_id=respondent.id, questionnaire_version_id=version.id,
                              item_id=item.id, block_id=block.id, weight=item.weight,
                              level=3 if item.customer_input else level, confidence="high", evidence="")
                         for block in questionnaire.blocks for item in block.items]
        db.session.execute(db.insert(Answer), rows)
        refresh_block_sums({r["respondent_id"] for r in rows}, questionnaire)
        db.session.add(PainPoint(engagement_id=engagement.id, department_id=ids["Claims"],
                                 title="Claims bounce between teams", scenario="", affected_party="customer",
                                 blocks="B5", severity=5, frequency=5, business_impact="", owner="", votes=0))
        db.session.commit()
        return engagement.id


def _login(page, base):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/engagements")


def test_roadmap_shows_a_swimlane_per_department_and_the_gate(page, live_server, app, shot):
    engagement_id = _build(app)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server)
    page.goto(f"{live_server}/engagements/{engagement_id}/roadmap?lang=en")
    page.wait_for_selector("#gantt .main-svg")
    lanes = [t.strip() for t in page.locator("#gantt .ytick text").all_text_contents()]
    assert sorted(lanes) == ["Brokers", "Claims (pilot)", "Phase 0", "Underwriting"]
    # The gate: a dashed line across the lanes, labelled with its date (R-MAP-7).
    assert "Gate" in " ".join(page.locator("#gantt .annotation-text").all_text_contents())
    assert "Gate on" in page.inner_text(".gate-banner")
    # Each department's track: the pilot climbs, the one above its readiness stabilises first.
    claims = page.locator("article[data-department=Claims]")
    assert "pilot" in claims.locator(".track-head").inner_text()
    assert "Claims bounce between teams" in claims.inner_text()
    underwriting = page.locator("article[data-department=Underwriting]")
    assert "above what its answers support" in underwriting.locator(".track-note").inner_text()
    assert underwriting.locator(".phase-kind-stabilise").count() == 1
    brokers = page.locator("article[data-department=Brokers]")
    assert brokers.locator(".phase").count() == 2  # crawl, then walk
    # Every level phase waits for the gate while the sponsor gives no time.
    assert page.locator(".phase-kind-level").count() == page.locator(".phase-kind-level.gated").count() > 0
    shot(page, "roadmap-en")
    page.goto(f"{live_server}/engagements/{engagement_id}/roadmap?lang=zh")
    page.wait_for_selector("#gantt .main-svg")
    assert "第 0 阶段" in page.locator("#gantt .ytick text").all_text_contents()
    shot(page, "roadmap-zh")
    assert errors == []
