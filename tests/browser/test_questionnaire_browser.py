"""Issue 14 in chromium: a consultant uploads a questionnaire (the pulse under a new id and title),
starts an engagement on it from the new-engagement form, and a respondent answers its first block
through their link; the answers are stored on the uploaded version."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from readiness.extensions import db
from tests.helpers import make_user
from tests.questionnaires.manage_helpers import PULSE_TEXT, renamed
from tests.respondents.helpers import add_respondent

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "consultant@example.com", "correct horse battery"


def test_upload_start_an_engagement_on_it_and_answer_one_block(browser, live_server, app, tmp_path):
    from playwright.sync_api import expect

    from readiness.questionnaires.models import QuestionnaireVersion
    from readiness.respondents.models import Answer

    make_user(app, email=EMAIL, password=PASSWORD)
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.on("weberror", lambda e: problems.append(str(e.error)))
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server}/engagements")

    # 1. Upload a bad file first: the problem and its line are shown, nothing is stored.
    page.click("nav >> text=Questionnaires")
    page.wait_for_url(f"{live_server}/questionnaires")
    bad = tmp_path / "broken.yaml"
    bad.write_text(renamed(PULSE_TEXT, "workshop-pulse").replace("weight: 1.5", "weight: -1", 1),
                   encoding="utf-8")
    page.set_input_files("input[type=file]", str(bad))
    page.click("button:has-text('Upload and check')")
    expect(page.locator("[data-testid=problems]")).to_contain_text(
        re.compile(r"broken\.yaml:\d+: item B1\.1: weight: Input should be greater than 0"))

    # 2. Then the good one.
    good = tmp_path / "workshop-pulse.yaml"
    good.write_text(renamed(PULSE_TEXT, "workshop-pulse").replace(
        'title: {en: "CRM readiness pulse"', 'title: {en: "Workshop pulse"', 1), encoding="utf-8")
    page.set_input_files("input[type=file]", str(good))
    page.click("button:has-text('Upload and check')")
    page.wait_for_url(re.compile(r"/questionnaires/\d+$"))
    expect(page.locator("h1")).to_contain_text("Workshop pulse")
    version_id = int(page.url.rsplit("/", 1)[1])

    # 3. A new engagement on it.
    page.goto(f"{live_server}/engagements/new")
    page.fill("#facts-client", "Pulse Works")
    page.fill("#facts-start_date", "2027-03-01")
    page.select_option("#facts-questionnaire_version_id", str(version_id))
    page.click("button:has-text('Create engagement')")
    page.wait_for_url(re.compile(r"/engagements/\d+/setup$"))
    engagement_id = int(re.search(r"/engagements/(\d+)/setup", page.url).group(1))
    context.close()

    # 4. A respondent answers block 1 (three items) through their link.
    person = add_respondent(app, engagement_id, "Pat Doe", "manager")
    respondent = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    respondent.on("weberror", lambda e: problems.append(str(e.error)))
    r = respondent.new_page()
    link = f"{live_server}/r/{person.token}"
    r.goto(link)
    r.click("[data-testid=start]")
    r.wait_for_url(f"{link}/block/1")
    items = r.locator("fieldset[data-item]")
    expect(items).to_have_count(3)
    for n, item_id in enumerate(["B1.1", "B1.2", "B1.3"]):
        item = r.locator(f'fieldset[data-item="{item_id}"]')
        item.locator(f'label.level-card:has(input[value="{n + 2}"])').click()
        expect(item).to_have_attribute("data-save-state", "saved")
    r.click("[data-testid=next]")
    r.wait_for_url(f"{link}/block/2")
    respondent.close()

    with app.app_context():
        answers = db.session.execute(sa.select(Answer.item_id, Answer.level,
                                               Answer.questionnaire_version_id)).all()
        key = db.session.get_one(QuestionnaireVersion, version_id).key
    assert key == "workshop-pulse"
    assert sorted(answers) == [("B1.1", 2, version_id), ("B1.2", 3, version_id),
                               ("B1.3", 4, version_id)]
    assert problems == []
