"""The split by role from the console (a second screen): the projector follows without a reload,
and splits only groups at or above the low-sample threshold; the projector's S key switches the
same split, and the console shows it."""
from __future__ import annotations

import re

import pytest

from tests.workshop.helpers import Phone

from .test_workshop_browser import login

pytestmark = pytest.mark.browser

PUSH = 2000  # ms: pushed, not polled


def test_the_console_switches_the_projectors_split(browser, live_server, demo, shot, app):
    from playwright.sync_api import expect

    base, e = live_server, demo.engagement_id
    errors: list[str] = []
    contexts = []

    def context(**options):
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    try:
        console = context(viewport={"width": 1280, "height": 900})
        login(console, base, demo)
        console.goto(f"{base}/engagements/{e}/workshops")
        console.click("text=Open a session")
        console.wait_for_url(re.compile(r"/workshops/\d+$"))
        code = console.inner_text("[data-testid=code]")
        projector = context(viewport={"width": 1280, "height": 720})
        login(projector, base, demo)
        projector.goto(console.url + "/projector")
        projector.evaluate("window.__noReload = 1")
        console.evaluate("window.__noReload = 1")

        # Three executives and two front-line people: front line is below the threshold (3).
        phones = []
        for n, role in enumerate(["executive"] * 3 + ["front_line"] * 2):
            phone = Phone(app, code)
            phone.join(f"P{n}", role=role)
            phones.append(phone)
        console.click("button.tab:has-text('Maturity question')")
        expect(projector.locator("[data-activity=question]")).to_have_attribute(
            "data-item", "B1.1", timeout=PUSH)
        for phone, level in zip(phones, (5, 4, 5, 2, 1), strict=True):
            assert phone.post("answer", {"item_id": "B1.1", "level": level}).status_code == 200
        console.click(".q-actions button[data-action=reveal]")
        expect(projector.locator("[data-testid=distribution]")).to_be_visible(timeout=PUSH)

        toggle = console.locator("[data-testid=split-toggle]")
        expect(toggle).to_have_attribute("aria-pressed", "false")
        toggle.click()
        expect(projector.locator("[data-testid=no-split]")).to_be_visible(timeout=PUSH)
        assert projector.locator("[data-testid=role-split]").count() == 0
        expect(console.locator("[data-testid=split-toggle]")).to_have_attribute(
            "aria-pressed", "true")
        expect(console.locator("[data-testid=console-split]")).to_have_attribute("data-split", "1")
        expect(projector.locator("#presenter [data-action=split]")).to_have_attribute(
            "aria-pressed", "true")

        # One more front-line person, the next item: both groups reach the threshold.
        extra = Phone(app, code)
        extra.join("P5", role="front_line")
        phones.append(extra)
        console.click(".q-actions button[data-action=next]")
        expect(projector.locator("[data-activity=question]")).to_have_attribute(
            "data-item", "B1.2", timeout=PUSH)
        for phone, level in zip(phones, (5, 4, 5, 2, 1, 2), strict=True):
            assert phone.post("answer", {"item_id": "B1.2", "level": level}).status_code == 200
        expect(projector.locator("[data-testid=answered]")).to_have_attribute(
            "data-answered", "6", timeout=PUSH)
        assert projector.locator("[data-testid=role-split]").count() == 0  # not before the reveal
        console.click(".q-actions button[data-action=reveal]")
        split = projector.locator("[data-testid=role-split]")
        expect(split).to_have_attribute("data-groups", "2", timeout=PUSH)
        expect(projector.locator("[data-testid=split-gap]")).to_contain_text("Perception gap")
        shot(projector, "workshop-split-from-console")

        # The presenter's S switches it off: the console follows.
        projector.keyboard.press("s")
        expect(projector.locator("[data-testid=role-split]")).to_have_count(0, timeout=PUSH)
        expect(projector.locator("[data-testid=distribution]")).to_be_visible()
        expect(console.locator("[data-testid=split-toggle]")).to_have_attribute(
            "aria-pressed", "false", timeout=PUSH)
        expect(console.locator("[data-testid=console-split]")).to_have_attribute("data-split", "0")

        # And the console on again.
        console.locator("[data-testid=split-toggle]").click()
        expect(split).to_have_attribute("data-groups", "2", timeout=PUSH)

        assert projector.evaluate("window.__noReload") == 1
        assert console.evaluate("window.__noReload") == 1
        assert errors == []
    finally:
        for ctx in contexts:
            ctx.close()
