"""The whole journey of issue 3 in Debian's chromium, clicked and typed through the real pages.

A consultant logs in, creates "Contoso Logistics" with two departments, invites three respondents
by pasting CSV and reads their personal links from the roster. Each answers through their own link:
A on a desktop with JavaScript (every answer autosaved), B on a phone in Chinese with JavaScript
off (a plain form post per page), C with JavaScript, closing the page after block 4 (saved by
autosave only, Next never pressed) and resuming at block 5 from the link. The dashboard then shows
n = 3, a 100% response rate, and the overall and block scores that assess_engagement computes;
block B1 is also checked by hand from the levels clicked and the questionnaire's weights.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from readiness.extensions import db
from tests.helpers import make_user

pytestmark = pytest.mark.browser

QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "questionnaires" / "crm-readiness.yaml"
EMAIL, PASSWORD = "consultant@contoso-review.example", "correct horse battery"
CLIENT = "Contoso Logistics"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2, "locale": "en-GB"}
CONFIDENCE_WEIGHTS = {"low": 0.5, "medium": 0.8, "high": 1.0}

# Who is invited (pasted as CSV) and what each answers: block number k (1-8), item index i (0-5)
# -> (level 1-5 or "dk", confidence).
PEOPLE = {
    "A": ("Avery Stone", "avery.stone@contoso.example", "Executive", "Sales"),
    "B": ("Li Wei", "li.wei@contoso.example", "Front line", "Service"),
    "C": ("Chris Okafor", "chris.okafor@contoso.example", "IT", "Service"),
}
PLANS = {
    "A": lambda k, i: (k % 5 + 1, "low" if i == 0 else "medium"),
    "B": lambda k, i: ((k + i) % 5 + 1, ("high", "low", "medium")[i % 3]),
    "C": lambda k, i: ("dk" if (k, i) == (6, 5) else (2 * k + i) % 5 + 1,
                       "high" if i % 2 == 0 else "medium"),
}


@pytest.fixture(scope="module")
def definition():
    return yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8"))


def _blocks(definition):
    """[(block id, [(item id, weight), ...]), ...] in questionnaire order."""
    return [(b["id"], [(i["id"], float(i["weight"])) for i in b["items"]])
            for b in definition["blocks"]]


def _watch(context, problems):
    """Collect page errors, console errors and failed requests (none are expected)."""
    context.on("weberror", lambda e: problems.append(str(e.error)))
    context.on("console", lambda m: problems.append(m.text) if m.type == "error"
               and not m.location.get("url", "").endswith("/favicon.ico") else None)
    context.on("response", lambda r: problems.append(f"{r.status} {r.url}")
               if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    return context


def _answer_block(page, person, k, items, autosave):
    """Click the planned level card (and confidence pill) of every item on block k."""
    from playwright.sync_api import expect

    for i, (item_id, _weight) in enumerate(items):
        level, confidence = PLANS[person](k, i)
        item = page.locator(f'fieldset[data-item="{item_id}"]')
        item.locator(f'label.level-card:has(input[value="{level}"])').click()
        if confidence != "medium":  # medium is preselected
            item.locator(f'label.pill:has(input[value="{confidence}"])').click()
        if autosave:
            expect(item).to_have_attribute("data-save-state", "saved")


def _checked(page, block_items):
    """{item id: (checked level, checked confidence)} as the page shows it."""
    found = {}
    for item_id, _weight in block_items:
        level = page.locator(f'input[name="level-{item_id}"]:checked')
        confidence = page.locator(f'input[name="confidence-{item_id}"]:checked')
        found[item_id] = (level.get_attribute("value") if level.count() else None,
                          confidence.get_attribute("value"))
    return found


def _planned(person, k, block_items):
    return {item_id: (str(PLANS[person](k, i)[0]), PLANS[person](k, i)[1])
            for i, (item_id, _w) in enumerate(block_items)}


def _next(page, link, k, blocks):
    page.click("[data-testid=next]")
    page.wait_for_url(f"{link}/block/{k + 1}" if k < blocks else f"{link}/review")


def _review_and_submit(page, link, complete_text):
    from playwright.sync_api import expect

    expect(page.locator("article.review")).to_contain_text(complete_text)
    assert page.locator("ol.review-blocks li.complete").count() == 8
    page.click("[data-testid=submit]")
    page.wait_for_url(f"{link}/done")
    expect(page.locator("[data-testid=done]")).to_be_visible()


def _respondent_score(person, k, items):
    """R-SCORE-1 by hand: (sum(w*c*level) / sum(w*c) - 1) / 4 * 100 over the answered items."""
    num = den = 0.0
    for i, (_item_id, weight) in enumerate(items):
        level, confidence = PLANS[person](k, i)
        if level == "dk":
            continue
        w = weight * CONFIDENCE_WEIGHTS[confidence]
        num, den = num + w * level, den + w
    return (num / den - 1) / 4 * 100


def test_consultant_to_dashboard_journey(browser, live_server, app, shot, definition):
    from playwright.sync_api import expect

    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement
    from readiness.respondents.models import Answer, Respondent

    blocks = _blocks(definition)
    assert len(blocks) == 8 and all(len(items) == 6 for _b, items in blocks)
    assert definition["settings"]["confidence_weights"] == CONFIDENCE_WEIGHTS
    make_user(app, email=EMAIL, role="consultant", password=PASSWORD)
    problems: list[str] = []

    # 1. The consultant logs in.
    consultant = _watch(browser.new_context(**DESKTOP), problems)
    page = consultant.new_page()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server}/engagements")

    # 2. Creates the engagement, then adds two departments on the set-up page.
    page.click("[data-testid=new-engagement]")
    page.wait_for_url(f"{live_server}/engagements/new")
    page.fill("#facts-client", CLIENT)
    page.fill("#facts-sector", "Logistics")
    page.fill("#facts-sponsor_name", "Helen Park (COO)")
    page.fill("#facts-sponsor_hours_per_month", "4")
    page.fill("#facts-start_date", "2025-03-03")
    page.click("button:has-text('Create engagement')")
    page.wait_for_url(re.compile(r"/engagements/\d+/setup$"))
    engagement_id = int(re.search(r"/engagements/(\d+)/setup", page.url).group(1))
    base = f"{live_server}/engagements/{engagement_id}"
    expect(page.locator("h1")).to_have_text(f"Set-up: {CLIENT}")
    expect(page.locator("#facts-sponsor_hours_per_month")).to_have_value("4.0")
    for name, level in (("Sales", "1"), ("Service", "0")):
        page.fill("#dept-new-name", name)
        page.select_option("#dept-new-current_level", level)
        page.click("button:has-text('Add department')")
        expect(page.locator("p.flash")).to_have_text(f"{name} added.")
    expect(page.locator("#departments article.dept h3")).to_have_text(["Sales", "Service"])

    # 3. Invites three respondents by pasting CSV; reads their personal links from the roster.
    page.goto(f"{base}/respondents")
    csv_text = "name,email,role,department\n" + "\n".join(",".join(p) for p in PEOPLE.values())
    page.fill("#import textarea[name=csv_text]", csv_text)
    page.click("#import input[type=submit]")
    expect(page.locator("[data-testid=import-report] h2")).to_have_text("3 added, 0 rejected")
    expect(page.locator("tr[data-respondent]")).to_have_count(3)
    links = {}
    for key, (name, _email, role, department) in PEOPLE.items():
        row = page.locator("tr[data-respondent]", has_text=name)
        expect(row.locator("td").nth(0)).to_have_text(department)
        expect(row.locator("td").nth(1)).to_have_text(role)
        expect(row.locator("[data-testid=status]")).to_have_text("invited")
        links[key] = row.locator("input.link-field").input_value()
        assert re.fullmatch(rf"{re.escape(live_server)}/r/[A-Za-z0-9_-]{{22,}}", links[key])
    assert len(set(links.values())) == 3

    # 4a. A: desktop, JavaScript on; every click is autosaved before Next is pressed.
    person = _watch(browser.new_context(**DESKTOP), problems)
    a = person.new_page()
    a.goto(links["A"])
    expect(a.locator("[data-testid=position]")).to_have_text("Executive · Sales")
    a.click("[data-testid=start]")
    a.wait_for_url(f"{links['A']}/block/1")
    for k, (block_id, items) in enumerate(blocks, start=1):
        expect(a.locator("h1 .block-id")).to_have_text(block_id)
        _answer_block(a, "A", k, items, autosave=True)
        expect(a.locator("[data-answered]")).to_have_text(str(6 * k))
        _next(a, links["A"], k, len(blocks))
    _review_and_submit(a, links["A"], "You have answered every question.")
    person.close()

    # 4b. B: a phone with JavaScript off, in Chinese (switched on the intro page).
    person = _watch(browser.new_context(java_script_enabled=False, **PHONE), problems)
    b = person.new_page()
    b.goto(links["B"])
    b.click("a.lang-choice[hreflang=zh]")
    b.wait_for_url(links["B"])
    expect(b.locator("h1")).to_have_text("CRM 就绪度评估")
    expect(b.locator("html")).to_have_attribute("lang", "zh-Hans")
    b.click("[data-testid=start]")
    b.wait_for_url(f"{links['B']}/block/1")
    expect(b.locator("h1")).to_contain_text("愿景")
    expect(b.locator("[data-testid=progress]")).to_contain_text("第 1 部分，共 8 部分")
    for k, (block_id, items) in enumerate(blocks, start=1):
        expect(b.locator("h1 .block-id")).to_have_text(block_id)
        _answer_block(b, "B", k, items, autosave=False)
        if k == 1:
            assert b.evaluate("document.documentElement.scrollWidth") <= 390
            shot(b, "journey-respondent-zh-phone")
        _next(b, links["B"], k, len(blocks))
    _review_and_submit(b, links["B"], "您已回答所有题目。")
    expect(b.locator("[data-testid=done] h1")).to_have_text("谢谢")
    person.close()

    # 4c. C: JavaScript on; blocks 1-3 with Next, block 4 by autosave alone, then closes the page.
    person = _watch(browser.new_context(**DESKTOP), problems)
    c = person.new_page()
    c.goto(links["C"])
    c.click("[data-testid=start]")
    for k, (_block_id, items) in enumerate(blocks[:4], start=1):
        c.wait_for_url(f"{links['C']}/block/{k}")
        _answer_block(c, "C", k, items, autosave=True)
        if k < 4:
            c.click("[data-testid=next]")
    expect(c.locator("[data-answered]")).to_have_text("24")
    person.close()  # closed without pressing Next on block 4

    person = _watch(browser.new_context(**DESKTOP), problems)
    c = person.new_page()
    c.goto(links["C"])
    expect(c.locator(".start")).to_contain_text("You have answered 24 of 48 questions.")
    expect(c.locator("[data-testid=start]")).to_have_text("Continue")
    c.click("[data-testid=start]")
    c.wait_for_url(f"{links['C']}/block/5")  # the first block with unanswered items
    expect(c.locator("h1 .block-id")).to_have_text("B5")
    expect(c.locator("[data-testid=progress]")).to_contain_text("Part 5 of 8")
    expect(c.locator("[data-answered]")).to_have_text("24")
    assert c.locator("fieldset.item input[type=radio][name^=level-]:checked").count() == 0
    shot(c, "journey-resumed-block5")
    for k in (4, 3, 2, 1):  # Back, page by page: every earlier answer is still selected
        c.click("button[value=back]")
        c.wait_for_url(f"{links['C']}/block/{k}")
        assert _checked(c, blocks[k - 1][1]) == _planned("C", k, blocks[k - 1][1])
    c.goto(links["C"])
    c.click("[data-testid=start]")
    c.wait_for_url(f"{links['C']}/block/5")
    for k, (_block_id, items) in enumerate(blocks[4:], start=5):
        _answer_block(c, "C", k, items, autosave=True)
        _next(c, links["C"], k, len(blocks))
    expect(c.locator("article.review")).to_contain_text('You answered "Don\'t know" 1 times.')
    _review_and_submit(c, links["C"], "You have answered every question.")
    person.close()

    # Every click landed: the stored answers are exactly the plans.
    with app.app_context():
        rows = db.session.execute(
            sa.select(Respondent.name, Respondent.status, Answer.item_id, Answer.level,
                      Answer.confidence)
            .join(Answer, Answer.respondent_id == Respondent.id)
            .where(Respondent.engagement_id == engagement_id)).all()
    stored = {(name, item): (level, conf) for name, _status, item, level, conf in rows}
    expected_answers = {}
    for key, (name, *_rest) in PEOPLE.items():
        for k, (_block_id, items) in enumerate(blocks, start=1):
            for i, (item_id, _w) in enumerate(items):
                level, confidence = PLANS[key](k, i)
                expected_answers[(name, item_id)] = (None if level == "dk" else level, confidence)
    assert stored == expected_answers
    assert {status for _n, status, *_ in rows} == {"completed"}

    # 5. The engine's numbers for these answers.
    with app.app_context():
        engagement = db.session.scalar(sa.select(Engagement).where(Engagement.client == CLIENT))
        assert engagement.id == engagement_id
        assessment = assess_engagement(engagement)
    assert assessment.respondents == 3
    by_hand = sum(_respondent_score(p, 1, blocks[0][1]) for p in PEOPLE) / 3
    assert assessment.blocks["B1"].stat.mean == pytest.approx(by_hand, abs=1e-9)
    # A: all level 2 -> 25; B: 15.55 / 5.35 -> 47.66; C: 19.5 / 6.3 -> 52.38 (item x confidence weights)
    assert round(by_hand, 4) == 41.6815
    assert len({round(assessment.blocks[b].stat.mean, 6) for b, _i in blocks}) > 1

    # The consultant's dashboard shows them.
    page.goto(f"{base}/dashboard")
    expect(page.locator("[data-testid=n]")).to_have_text("3")
    expect(page.locator("[data-testid=response-rate]")).to_have_text("100%")
    expect(page.locator("[data-testid=response-rate] + small")).to_contain_text(
        "3 of 3 invited completed, 0 started")
    expect(page.locator("[data-testid=overall]")).to_have_text(f"{assessment.overall:.0f}/100")
    rows = page.locator("#block-table tbody tr")
    expect(rows).to_have_count(8)
    for index, (block_id, _items) in enumerate(blocks):
        row = rows.nth(index)
        stat = assessment.blocks[block_id].stat
        expect(row.locator("th")).to_contain_text(block_id)
        expect(row.locator("td").nth(0)).to_have_text(f"{stat.mean:.0f}")  # n=3: no low-sample *
        expect(row.locator("td").nth(1)).to_have_text("3")
    expect(rows.nth(0).locator("td").nth(0)).to_have_text(f"{by_hand:.0f}")
    expect(page.locator("#response-table tfoot td")).to_have_text(["3", "3", "0", "0", "100%"])
    page.wait_for_selector("#radar .main-svg")
    page.wait_for_selector("#heatmap .main-svg")
    shot(page, "journey-dashboard")

    # The roster agrees: three completed, 100%.
    page.goto(f"{base}/respondents")
    expect(page.locator("section.rate-card strong")).to_have_text("100%")
    expect(page.locator("tr[data-respondent] [data-testid=status]")).to_have_text(
        ["completed"] * 3)
    consultant.close()
    assert problems == []
