"""Reassessment in a browser: the consultant starts wave 2 from the Waves tab, two respondents
answer it through their new links, and the comparison shows the deltas (R-WAVE-1/2)."""
import re

import pytest

from tests.respondents.helpers import OWNER, make_engagement
from tests.waves.helpers import answered_wave_one, wave_rows

pytestmark = pytest.mark.browser
B1 = ("B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6")


def _answer_block_one(context, link, level):
    page = context.new_page()
    page.goto(f"{link}/block/1")
    for item_id in B1:
        page.locator(f'fieldset[data-item="{item_id}"] label.level-card:has(input[value="{level}"])'
                     ).click()
    page.click("[data-testid=next]")
    page.wait_for_url(f"{link}/block/2")
    page.goto(f"{link}/review")
    page.click("[data-testid=submit]")
    page.wait_for_url(f"{link}/done")
    page.close()


def test_wave_two_answered_by_two_shows_the_deltas(browser, live_server, app, shot):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    old = answered_wave_one(app, eng, levels=(2, 2, 2))  # B1 at level 2 (25) for everyone
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=email]", OWNER)
    page.fill("input[name=password]", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(f"{live_server}/engagements/{eng.id}")
    page.click("nav.engagement-tabs >> text=Waves")
    expect(page.locator("[data-testid=one-wave]")).to_be_visible()
    page.click("[data-testid=start-wave-link]")
    expect(page.locator("[data-testid=start-wave]")).to_contain_text(
        "3 respondents of wave 1 are invited again")
    page.check("input[name=confirm]")
    page.click("[data-testid=start-wave] button[type=submit]")
    page.wait_for_url(re.compile(r".*/waves$"))
    expect(page.locator("body")).to_contain_text("Wave 2 started")

    # Two of the three re-invited respondents answer through their new links (B1 at level 5).
    new = wave_rows(app, eng.id, 2)
    for _id, _name, _email, token, _status in new[:2]:
        _answer_block_one(context, f"{live_server}/r/{token}", 5)
    closed = context.new_page()
    closed.goto(f"{live_server}/r/{old[0].token}")
    expect(closed.locator("[data-testid=wave-closed]")).to_be_visible()
    closed.close()

    page.reload()
    row = page.locator('[data-testid=block-deltas] tr[data-block="B1"]')
    expect(row).to_contain_text("+75")
    expect(row).to_contain_text("improved")
    expect(page.locator('[data-testid=block-deltas] tr[data-block="B5"]')).to_contain_text(
        "no data yet")
    expect(page.locator("[data-testid=wave-summary]")).to_contain_text("improved 1 block,")
    expect(page.locator("#wave-trend .main-svg").first).to_be_visible()
    shot(page, "waves-comparison")
    context.close()
