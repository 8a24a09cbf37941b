"""Phones follow the facilitator by push: with the event stream open, a phone shows the next
question, the reveal and the re-vote without asking for its state once (no poll); a phone whose
server has no stream to spare polls and still follows; an answer is "Saved" only once confirmed."""
from __future__ import annotations

import time

import pytest

from tests.workshop.helpers import control, open_session

from .test_workshop_browser import PHONE

pytestmark = pytest.mark.browser


def _phone(browser, base, code, name):
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/w/{code}")
    # A person takes seconds to type a name: the offline worker has installed by then.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.fill("#display_name", name)
    page.select_option("#role", "manager")
    page.click("text=Join the session")
    return ctx, page, requests, errors


def _stream_open(page, requests, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any("/events" in url for url in requests):
            page.wait_for_timeout(300)  # the stream is answered and waiting
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no event stream opened: {requests}")


def test_a_phone_follows_the_facilitator_without_polling(browser, live_server, app, client, auth,
                                                        demo):
    from playwright.sync_api import expect

    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    s, code = open_session(client, e)
    ctx, page, requests, errors = _phone(browser, live_server, code, "Ann")
    try:
        expect(page.locator("[data-testid=lobby]")).to_be_visible(timeout=10000)
        _stream_open(page, requests)
        states = lambda: [u for u in requests if "/state" in u]  # noqa: E731

        control(client, e, s, "next")
        expect(page.locator("section[data-item='B1.1']")).to_be_visible(timeout=4000)
        page.locator("input[name=level][value='3']").check()
        expect(page.locator("[data-testid=save-state]")).to_have_attribute("data-state", "saved")
        control(client, e, s, "reveal")
        expect(page.locator("[data-testid=revealed]")).to_be_visible(timeout=4000)
        expect(page.locator("input[name=level][value='3']")).to_be_checked()  # its own answer
        expect(page.locator("[data-testid=my-answer]")).to_contain_text("defined")
        control(client, e, s, "revote")
        expect(page.locator("section[data-round='2']")).to_be_visible(timeout=4000)
        page.wait_for_timeout(2000)  # longer than a poll interval
        assert states() == []  # every change came by the stream, not one poll: the proof of push
        # (A stream may be reopened, after its 25 s or a dropped connection: still no poll.)
        control(client, e, s, "close", confirm="y")
        expect(page.locator("[data-testid=closed]")).to_be_visible(timeout=4000)
        assert errors == []
    finally:
        ctx.close()


def test_a_phone_told_to_poll_still_follows(browser, live_server, app, client, auth, demo):
    from playwright.sync_api import expect

    app.config["WORKSHOP_PHONE_STREAMS"] = "0"  # this server keeps no phone stream open
    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    s, code = open_session(client, e)
    ctx, page, requests, errors = _phone(browser, live_server, code, "Bo")
    try:
        expect(page.locator("[data-testid=lobby]")).to_be_visible(timeout=10000)
        _stream_open(page, requests)
        control(client, e, s, "next")
        expect(page.locator("section[data-item='B1.1']")).to_be_visible(timeout=5000)
        assert [u for u in requests if "/state" in u]  # it came by the poll
        page.locator("input[name=level][value='2']").check()
        expect(page.locator("[data-testid=save-state]")).to_have_attribute("data-state", "saved")
        assert errors == []
    finally:
        ctx.close()
