"""The phones' offline copy in a browser (Chromium runs service workers): a questionnaire page and
a workshop phone loaded online, reloaded offline, come back from the copy with the offline banner
(not the browser's error page); an answer given there waits on the phone and reaches the server
(with a renewed CSRF token) when the connection is back; "Saved" only after the server said so;
a finished link leaves nothing on the phone."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer
from readiness.workshop.models import WorkshopAnswer
from tests.respondents.helpers import add_respondent, make_engagement
from tests.workshop.helpers import control

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "service_workers": "allow"}


def _answers(app, respondent_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent_id))
        return {a.item_id: a.level for a in rows}


def _kept_pages(page):
    return page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const r of await (await caches.open(name)).keys()) {
                const path = new URL(r.url).pathname;
                if (!path.startsWith('/static/')) urls.push(path);
            }
        }
        return urls;
    }""")


def _online_ready(page, url):
    """The page loaded online, with the worker in charge and the page kept."""
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.locator("html[data-offline-ready]")).to_have_count(1, timeout=10000)
    assert page.evaluate("navigator.serviceWorker.controller !== null")


def test_questionnaire_reloaded_offline_keeps_and_sends_answers(browser, live_server, app, shot):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Sw Phone", "front_line", None)
    block = f"{live_server}/r/{person.token}/block/1"
    context = browser.new_context(**PHONE)
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/csrf-token") else None)
    _online_ready(page, block)
    banner = page.locator("[data-testid=offline-banner]")
    assert banner.is_hidden()
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="2"])').tap()
    expect(page.locator('fieldset[data-item="B1.1"]')).to_have_attribute("data-save-state", "saved")

    context.set_offline(True)
    page.reload()  # the kept copy, not the browser's error page
    expect(page.locator("html[data-offline-copy]")).to_have_count(1)
    expect(banner).to_be_visible()
    # The copy is as old as the visit; the answer saved since then is on it.
    expect(page.locator('fieldset[data-item="B1.1"]')).to_have_attribute("data-save-state", "saved")
    assert page.locator('fieldset[data-item="B1.1"] input[value="2"]').is_checked()
    page.locator('fieldset[data-item="B1.2"] label.level-card:has(input[value="4"])').tap()
    expect(page.locator("[data-testid=send-state]")).to_have_text("Waiting to send (1)")
    assert page.locator('fieldset[data-item="B1.2"]').get_attribute("data-save-state") == "queued"
    shot(page, "offline-copy-questionnaire-phone")
    assert _answers(app, person.id) == {"B1.1": 2}

    # The copy's CSRF token is stale (say the phone lost its session cookie meanwhile): the page
    # renews it before the answer is taken.
    stale = page.locator("#block-form input[name=csrf_token]").input_value()
    context.clear_cookies()
    context.set_offline(False)
    expect(page.locator('fieldset[data-item="B1.2"]')).to_have_attribute("data-save-state", "saved")
    expect(page.locator("[data-testid=send-state]")).to_have_text("All answers saved")
    expect(banner).to_be_hidden()
    assert _answers(app, person.id) == {"B1.1": 2, "B1.2": 4}
    assert len(asked) == 1  # the token renewed once
    assert page.locator("#block-form input[name=csrf_token]").input_value() != stale
    assert any(p.endswith("/block/1") for p in _kept_pages(page))

    # Submitted: the link's pages and queues leave the phone.
    page.goto(f"{live_server}/r/{person.token}/review")
    page.click("[data-testid=submit]")
    expect(page.locator("[data-testid=done]")).to_be_visible()
    page.wait_for_function("""async () => {
        for (const name of await caches.keys())
            for (const r of await (await caches.open(name)).keys())
                if (new URL(r.url).pathname.startsWith('/r/')) return false;
        return true;
    }""")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('/r/')).length") == 0
    context.close()


def test_workshop_phone_reloaded_offline_keeps_and_sends_answers(browser, live_server, app,
                                                                 client, running, shot):
    from playwright.sync_api import expect

    e, s, code = running
    control(client, e, s, "next")  # the first question is on every phone
    context = browser.new_context(**PHONE)
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/csrf-token") else None)
    page.goto(f"{live_server}/w/{code}")
    page.fill("#display_name", "Sw")
    page.select_option("#role", "it")
    page.click("text=Join the session")
    expect(page.locator("form.answer-form")).to_be_visible()
    _online_ready(page, f"{live_server}/w/{code}")

    context.set_offline(True)
    page.reload()
    expect(page.locator("html[data-offline-copy]")).to_have_count(1)
    expect(page.locator("[data-testid=offline-banner]")).to_be_visible()
    page.locator("input[name=level][value='3']").check()
    state = page.locator("[data-testid=save-state]")
    expect(state).to_have_attribute("data-state", "offline")
    shot(page, "offline-copy-workshop-phone")
    with app.app_context():
        assert db.session.scalars(sa.select(WorkshopAnswer)).all() == []

    # The kept copy's token has expired meanwhile (tokens live WTF_CSRF_TIME_LIMIT seconds).
    app.config["WTF_CSRF_TIME_LIMIT"] = 5
    time.sleep(6)
    context.set_offline(False)
    expect(state).to_have_attribute("data-state", "saved", timeout=10000)
    assert len(asked) == 1  # the token renewed once
    with app.app_context():
        assert [a.level for a in db.session.scalars(sa.select(WorkshopAnswer))] == [3]

    # The facilitator closes the session: the phone keeps nothing of it.
    control(client, e, s, "close", confirm="y")
    page.goto(f"{live_server}/w/{code}")
    expect(page.locator("[data-testid=closed]")).to_be_visible()
    page.wait_for_function("""async () => {
        for (const name of await caches.keys())
            for (const r of await (await caches.open(name)).keys())
                if (new URL(r.url).pathname.startsWith('/w/')) return false;
        return true;
    }""")
    context.close()


def test_staff_pages_pass_by(browser, live_server, app):
    """Only the phone pages are kept: the worker leaves the rest of the site alone."""
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Passer", "it", None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    _online_ready(page, f"{live_server}/r/{person.token}")
    page.goto(f"{live_server}/login")
    page.goto(f"{live_server}/w")
    assert all(p.startswith("/r/") for p in _kept_pages(page)), _kept_pages(page)
    context.set_offline(True)
    from playwright.sync_api import Error

    with pytest.raises(Error, match="ERR_INTERNET_DISCONNECTED"):  # not kept: the error page
        page.goto(f"{live_server}/login")
    context.close()
