"""The results dashboard in chromium: charts drawn, a filter applied with the plain form, phone."""
import re

import pytest

pytestmark = pytest.mark.browser


def _login(page, base, demo):
    page.goto(f"{base}/auth/login")
    page.fill("input[name=email]", demo.email)
    page.fill("input[name=password]", demo.password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/engagements")


def _expected(app, demo, **filters):
    from readiness.dashboard.services import Filters, dashboard_data
    from readiness.engagements.models import Engagement
    from readiness.extensions import db

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        departments = {d.name: d.id for d in engagement.departments}
        return dashboard_data(engagement, Filters(**filters)).assessment, departments


def test_dashboard_draws_charts_and_filters(page, live_server, demo, shot, app):
    everyone, departments = _expected(app, demo)
    service = departments["Customer Service"]
    filtered, _ = _expected(app, demo, department_id=service)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{demo.engagement_id}/dashboard")
    for chart in ("radar", "heatmap", "gaps", "dont-know", "response"):
        page.wait_for_selector(f"#{chart} .main-svg")  # Plotly drew it from the embedded JSON
    assert page.locator("#radar .scatterlayer .trace").count() == 1 + len(everyone.by_role)
    drawn = page.text_content("#heatmap")  # every cell is annotated with its score
    for stat in everyone.by_department[service].values():
        assert f"{stat.mean:.0f}" in drawn
    assert page.inner_text("[data-testid=overall]").startswith(f"{everyone.overall:.0f}")
    assert page.inner_text("[data-testid=n]") == "24"
    assert "R-CWR-4" in page.inner_text("#red-lights")
    shot(page, "dashboard")

    # The filter is a plain GET form: choose, submit, the whole page is recomputed.
    page.select_option("select[name=department]", str(service))
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(rf".*department={service}.*"))
    page.wait_for_selector("#heatmap .main-svg")
    assert "Customer Service" in page.inner_text("[data-testid=active-filter]")
    assert page.inner_text("[data-testid=n]") == "6"
    assert page.inner_text("[data-testid=overall]").startswith(f"{filtered.overall:.0f}")
    assert page.locator("#levels-table tr.level-row").count() == 1
    shot(page, "dashboard-filtered")

    page.select_option("select[name=role]", "executive")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#heatmap .main-svg")
    assert page.inner_text("[data-testid=n]") == "1"
    assert page.locator("#heatmap-table td.low-sample").count() == 8
    # In the chart the eight cells keep their colour and value and are hatched, with a legend line.
    assert page.locator("#heatmap .barlayer .point").count() == 8
    assert "fewer than 3 respondents" in page.text_content("#heatmap .legend")
    assert page.locator("#heatmap .colorbar").count() == 1
    assert page.inner_text("[data-testid=caption-heatmap]").startswith("Each department's score")
    shot(page, "dashboard-low-sample")
    assert errors == []


def test_dashboard_on_a_phone_in_chinese(browser, live_server, demo, shot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{demo.engagement_id}/dashboard")
    page.wait_for_selector("#heatmap .main-svg")
    page.wait_for_selector("#radar .main-svg")
    assert "总体就绪度" in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400, "no sideways scrolling"
    # On a phone the charts name blocks by id; the tables keep the full names.
    drawn = page.text_content("#heatmap")
    assert "B3" in drawn and "有价值的客户体验" not in drawn
    assert page.locator("#heatmap .colorbar").count() == 1  # under the grid, where it fits
    assert "B3 有价值的客户体验" in page.inner_text("#block-table")
    shot(page, "dashboard-zh-phone")
    context.close()


def test_dashboard_no_data_yet_and_low_sample(page, live_server, demo, shot, app):
    from tests.browser.test_overview_browser import _thin_out

    departments = _thin_out(app, demo)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _login(page, live_server, demo)
    page.goto(f"{live_server}/engagements/{demo.engagement_id}/dashboard")
    page.wait_for_selector("#heatmap .main-svg")
    empty = departments["Corporate Accounts"]
    assert "no data yet" in page.inner_text(f"#heatmap-table tr[data-heat-department=\"{empty}\"]")
    assert "no data yet" in page.text_content("#heatmap")  # the empty row's label
    assert "no data yet" in page.inner_text(f"#levels-table tr[data-department=\"{empty}\"] td.ready")
    thin = page.locator(f"#levels-table tr[data-department=\"{departments['Customer Service']}\"]")
    assert "low sample: 2 respondents" in thin.inner_text()
    shot(page, "dashboard-no-data")

    # A department filter that leaves nobody: the summary says so instead of a score.
    page.goto(f"{live_server}/engagements/{demo.engagement_id}/dashboard?department={empty}")
    page.wait_for_selector("#radar .main-svg")
    assert "no answers yet" in page.inner_text("[data-testid=no-answers]")
    assert "no data yet" in page.text_content("#radar")
    shot(page, "dashboard-no-answers")
    assert errors == []
