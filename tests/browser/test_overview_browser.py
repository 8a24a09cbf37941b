"""What a consultant sees: log in, open the demo engagement, read the radar and the scores."""
import pytest

pytestmark = pytest.mark.browser


def _login(page, base, demo):
    page.goto(f"{base}/engagements")
    assert "/auth/login" in page.url
    page.fill("input[name=email]", demo.email)
    page.fill("input[name=password]", demo.password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/engagements")


def test_consultant_reads_the_overview(page, live_server, demo, shot, app):
    from readiness.engagements.models import Engagement
    from readiness.engagements.services import assess_engagement
    from readiness.extensions import db

    with app.app_context():
        expected = assess_engagement(db.session.get(Engagement, demo.engagement_id))

    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, demo)
    shot(page, "engagements")
    page.click("text=Northwind Retail")
    page.wait_for_selector("#radar .main-svg")  # Plotly drew the radar from the embedded JSON
    assert page.inner_text("[data-testid=overall]").startswith(f"{expected.overall:.0f}")
    rows = page.locator("#block-table tbody tr")
    assert rows.count() == 8
    b7 = rows.nth(6).inner_text()
    assert b7.startswith("B7 Technology") and f"{expected.blocks['B7'].score:.0f}" in b7
    assert page.locator("#radar .scatterlayer .trace").count() >= 2  # all + per role
    assert "R-CWR-4" in page.inner_text(".redlights")
    shot(page, "overview-en")
    assert errors == []  # no JavaScript errors (CSP allows our own scripts only)


def test_chinese_overview_and_phone_width(browser, live_server, demo, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{demo.engagement_id}")
    page.wait_for_selector("#radar .main-svg")
    assert "总体就绪度" in page.inner_text("body")  # Accept-Language zh picks Chinese
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no horizontal scrolling on a phone"
    shot(page, "overview-zh-phone")
    context.close()
