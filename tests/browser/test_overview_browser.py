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
    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement
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


def _thin_out(app, demo):
    """Nobody from Corporate Accounts answers any more, two from Customer Service do."""
    import sqlalchemy as sa

    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.respondents.models import Respondent

    with app.app_context():
        departments = {d.name: d.id for d in db.session.get(Engagement, demo.engagement_id).departments}
        for name, keep in (("Corporate Accounts", 0), ("Customer Service", 2)):
            people = db.session.scalars(sa.select(Respondent).where(
                Respondent.department_id == departments[name]).order_by(Respondent.id)).all()
            for person in people[keep:]:
                person.revoked = True
        db.session.commit()
    return departments


def test_overview_verdict_first_no_data_and_low_sample(page, live_server, demo, shot, app):
    departments = _thin_out(app, demo)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{demo.engagement_id}")
    page.wait_for_selector("#radar .main-svg")
    verdict = page.locator("[data-testid=verdict]")
    assert verdict.is_visible() and verdict.locator(".verdict-sentence").inner_text()
    # The verdict is the first thing under the engagement's title.
    top = page.evaluate("document.querySelector('[data-testid=verdict]').getBoundingClientRect().top")
    assert top < page.evaluate(
        "document.querySelector('.summary').getBoundingClientRect().top")
    assert verdict.locator("a", has_text="See the roadmap").is_visible()
    empty = page.locator(f"tr.level-row[data-department=\"{departments['Corporate Accounts']}\"]")
    assert "no data yet" in empty.locator("td.ready").inner_text()
    thin = page.locator(f"tr.level-row[data-department=\"{departments['Customer Service']}\"]")
    assert "low sample: 2 respondents" in thin.inner_text()
    assert thin.locator(".low-sample-mark").first.is_visible()
    shot(page, "overview-no-data")
    assert errors == []


def test_overview_of_an_engagement_without_answers(page, live_server, demo, shot, app):
    from datetime import date

    from readiness.engagements.models import Department, Engagement
    from readiness.extensions import db

    with app.app_context():
        base = db.session.get(Engagement, demo.engagement_id)
        fresh = Engagement(owner_id=base.owner_id, client="Fresh Client", start_date=date(2027, 2, 1),
                           questionnaire_version_id=base.questionnaire_version_id,
                           sponsor_name="Ada Sponsor", sponsor_hours_per_month=4)
        fresh.departments = [Department(name="Sales"), Department(name="Service")]
        db.session.add(fresh)
        db.session.commit()
        fresh_id = fresh.id
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{fresh_id}")
    page.wait_for_selector("#radar .main-svg")
    assert "No verdict yet" in page.inner_text("[data-testid=verdict]")
    assert "no answers yet" in page.inner_text("[data-testid=no-answers]")
    assert page.locator("[data-testid=overall]").count() == 0
    assert "no data yet" in page.text_content("#radar")  # the empty chart says so
    shot(page, "overview-no-answers")
    assert errors == []
