"""A respondent on a phone: Chinese, answers block 1 by tapping level cards (autosave), closes the
page, opens the link again and carries on at block 2 with block 1's answers kept."""
import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent
from tests.respondents.helpers import add_respondent, make_engagement

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
B1 = {"B1.1": "4", "B1.2": "2", "B1.3": "5", "B1.4": "3", "B1.5": "1", "B1.6": "dk"}


def _answers(app, respondent_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent_id))
        return {a.item_id: (a.level, a.confidence) for a in rows}


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_phone_respondent_in_chinese_autosaves_and_resumes(browser, live_server, app, shot):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "王芳", "front_line", eng.departments["Sales"])
    link = f"{live_server}/r/{person.token}"
    context = browser.new_context(**PHONE)
    problems = []
    context.on("weberror", lambda e: problems.append(str(e.error)))
    context.on("response", lambda r: problems.append(f"{r.status} {r.url}")
               if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    context.on("console", lambda m: problems.append(m.text) if m.type == "error"
               and not m.location.get("url", "").endswith("/favicon.ico") else None)

    page = context.new_page()
    page.goto(link)
    page.click("a.lang-choice[hreflang=zh]")
    page.wait_for_url(link)
    assert "CRM 就绪度评估" in page.inner_text("h1")
    assert "大约需要 20 分钟" in page.inner_text("[data-testid=duration]")
    _no_horizontal_scroll(page)
    shot(page, "respond-intro-zh-phone")

    page.click("[data-testid=start]")
    page.wait_for_url(f"{link}/block/1")
    assert "第 1 部分，共 8 部分" in page.inner_text("[data-testid=progress]")
    assert "高层管理者能够具体说明" in page.inner_text('fieldset[data-item="B1.1"] legend')
    for item_id, level in B1.items():  # one question per screen, the next after each choice
        item = page.locator(f'fieldset[data-item="{item_id}"]')
        expect(item).to_be_visible()
        card = item.locator(f'label.level-card:has(input[value="{level}"])')
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300  # a large tappable card
        card.tap()
        expect(item).to_have_attribute("data-save-state", "saved")
    # Back to the first question and change its confidence: saved again on its own.
    for _ in range(5):
        page.click("[data-testid=phone-prev]")
    b11 = page.locator('fieldset[data-item="B1.1"]')
    expect(b11).to_be_visible()
    b11.locator("label.pill:has(input[value=high])").tap()
    expect(b11.locator(".save-state")).to_have_text("已保存")
    expect(page.locator("[data-answered]")).to_have_text("6")
    _no_horizontal_scroll(page)
    shot(page, "respond-block1-zh-phone")
    assert _answers(app, person.id) == {
        "B1.1": (4, "high"), "B1.2": (2, "medium"), "B1.3": (5, "medium"),
        "B1.4": (3, "medium"), "B1.5": (1, "medium"), "B1.6": (None, "medium")}
    page.close()  # the respondent closes the page without pressing Next

    again = context.new_page()
    again.goto(link)
    assert "继续" in again.inner_text("[data-testid=start]")
    again.click("[data-testid=start]")
    again.wait_for_url(f"{link}/block/2")  # resumes at the first block with unanswered items
    assert "第 2 部分，共 8 部分" in again.inner_text("[data-testid=progress]")
    again.click("[data-testid=phone-prev]")  # the part's first question: back to part 1
    again.wait_for_url(f"{link}/block/1")
    for item_id, level in B1.items():
        assert again.locator(f'input[name="level-{item_id}"][value="{level}"]').is_checked()
    assert again.locator('input[name="confidence-B1.1"][value="high"]').is_checked()
    with app.app_context():
        row = db.session.get(Respondent, person.id)
        assert (row.status, row.locale) == ("started", "zh")
    assert problems == []
    context.close()


def test_without_javascript_the_pages_still_work(browser, live_server, app, shot):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Pat Doe", "it", eng.departments["Sales"])
    link = f"{live_server}/r/{person.token}"
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(f"{link}/block/1")
    for item_id, level in B1.items():
        page.locator(f'fieldset[data-item="{item_id}"] label.level-card:has(input[value="{level}"])'
                     ).click()
    page.locator('fieldset[data-item="B1.2"] details.evidence summary').click()
    page.fill('textarea[name="evidence-B1.2"]', "Only the sales director's slides")
    assert _answers(app, person.id) == {}  # nothing saved until Next is pressed
    page.click("[data-testid=next]")
    page.wait_for_url(f"{link}/block/2")
    assert _answers(app, person.id)["B1.2"] == (2, "medium")
    page.goto(f"{link}/review")
    assert "42 questions are still unanswered" in page.inner_text("body")
    _no_horizontal_scroll(page)
    shot(page, "respond-review-phone")
    page.click("[data-testid=submit]")
    page.wait_for_url(f"{link}/done")
    assert "Thank you" in page.inner_text("h1")
    context.close()
