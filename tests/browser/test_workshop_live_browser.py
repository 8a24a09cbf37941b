"""Presenter mode, push and poor Wi-Fi, in browsers: the projector driven by its keys, three
phones at 390 px (and three more people through the test client, so the room can be split by
role), a vote on the projector without a reload, a phone that goes offline and back losing
nothing, the split by role shown only above the low-sample threshold."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.workshop.helpers import Phone

from .test_workshop_browser import PHONE, login, no_horizontal_scroll

pytestmark = pytest.mark.browser

#: Pushed, not polled: a change must be on the projector well within 2 s (1 s poll + slack).
PUSH = 2000


def test_presenter_keys_push_and_an_offline_phone(browser, live_server, demo, shot, app):
    from playwright.sync_api import expect

    base, e = live_server, demo.engagement_id
    errors: list[str] = []
    contexts = []

    def context(**options):
        ctx = browser.new_context(**options)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return ctx, page

    try:
        _, console = context(viewport={"width": 1280, "height": 900})
        login(console, base, demo)
        console.goto(f"{base}/engagements/{e}/workshops")
        console.click("text=Open a session")
        console.wait_for_url(re.compile(r"/workshops/\d+$"))
        code = console.inner_text("[data-testid=code]")
        session_url = console.url
        session_id = int(session_url.rsplit("/", 1)[1])

        _, projector = context(viewport={"width": 1600, "height": 900})
        login(projector, base, demo)
        projector.goto(session_url + "/projector")
        expect(projector.locator("[data-testid=join-code]")).to_have_text(code)
        projector.evaluate("window.__noReload = 1")  # gone if the page ever reloads
        console.evaluate("window.__noReload = 1")

        phones = []
        for name, role in (("Ann", "executive"), ("Bo", "front_line"), ("Cy", "it")):
            ctx, page = context(**PHONE)
            page.goto(f"{base}/w/{code}")
            # A person takes seconds to type a name: the offline worker has installed by then.
            # A test types in microseconds, so it waits for the worker as a person would.
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.fill("#display_name", name)
            page.select_option("#role", role)
            page.click("text=Join the session")
            expect(page.locator("[data-testid=lobby]")).to_be_visible(timeout=10000)
            phones.append((ctx, page))
        (_, ann), (_, bo), (cy_ctx, cy) = phones
        # Three more people in the room (no browser needed): two executives, two front line.
        extra = []
        for n, role in enumerate(("executive", "executive", "front_line", "front_line")):
            phone = Phone(app, code)
            phone.join(f"Extra {n}", role=role)
            extra.append(phone)
        expect(projector.locator("[data-count]")).to_have_text("7", timeout=PUSH)

        # → puts the first item on the screen; the phones follow.
        projector.keyboard.press("ArrowRight")
        expect(projector.locator("[data-activity=question]")).to_have_attribute(
            "data-item", "B1.1", timeout=PUSH)
        expect(projector.locator(".corner-qr svg")).to_be_visible()  # join code always there
        for _, page in phones:
            expect(page.locator(".phone-q")).to_be_visible(timeout=4000)

        # An answer shows on the projector without a reload; the phone says "Saved" once the
        # server confirmed it.
        ann.locator("input[name=level][value='5']").check()
        expect(ann.locator("[data-testid=save-state]")).to_have_attribute("data-state", "saved")
        expect(projector.locator("[data-testid=answered]")).to_have_attribute(
            "data-answered", "1", timeout=PUSH)

        # Cy's Wi-Fi drops: the answer waits on the phone, then goes when the network is back.
        cy_ctx.set_offline(True)
        cy.locator("input[name=level][value='1']").check()
        expect(cy.locator("[data-testid=save-state]")).to_have_attribute("data-state", "offline")
        assert cy.evaluate("Object.keys(localStorage).length") == 1
        shot(cy, "workshop-live-phone-offline")
        no_horizontal_scroll(cy)
        cy_ctx.set_offline(False)
        expect(cy.locator("[data-testid=save-state]")).to_have_attribute(
            "data-state", "saved", timeout=8000)
        expect(cy.locator("[data-testid=my-answer]")).to_contain_text("absent")
        assert cy.evaluate("Object.keys(localStorage).length") == 0
        bo.locator("input[name=level][value='2']").check()
        expect(projector.locator("[data-testid=answered]")).to_have_attribute(
            "data-answered", "3", timeout=PUSH)
        shot(projector, "workshop-live-projector-question")

        # Space reveals; S splits by role: 1 executive, 1 front line, 1 IT: nobody is split out.
        projector.keyboard.press(" ")
        expect(projector.locator("[data-testid=distribution]")).to_be_visible(timeout=PUSH)
        projector.keyboard.press("s")
        expect(projector.locator("[data-testid=no-split]")).to_be_visible(timeout=PUSH)
        assert projector.locator("[data-testid=role-split]").count() == 0

        # The next item, everyone answers: 3 executives, 3 front line, 1 IT: a split, IT merged.
        projector.keyboard.press("ArrowRight")
        expect(projector.locator("[data-activity=question]")).to_have_attribute(
            "data-item", "B1.2", timeout=PUSH)
        for page, level in ((ann, "5"), (bo, "2"), (cy, "3")):
            expect(page.locator("section[data-item='B1.2']")).to_be_visible(timeout=4000)
            page.locator(f"input[name=level][value='{level}']").check()
            expect(page.locator("[data-testid=save-state]")).to_have_attribute("data-state", "saved")
        for phone, level in zip(extra, (4, 5, 1, 2), strict=True):
            assert phone.post("answer", {"item_id": "B1.2", "level": level}).status_code == 200
        expect(projector.locator("[data-testid=answered]")).to_have_attribute(
            "data-answered", "7", timeout=PUSH)
        projector.keyboard.press(" ")
        split = projector.locator("[data-testid=role-split]")
        expect(split).to_have_attribute("data-groups", "2", timeout=PUSH)
        expect(projector.locator("[data-testid=split-gap]")).to_contain_text("Perception gap")
        assert projector.locator(".split-group[data-roles='it']").count() == 0
        shot(projector, "workshop-live-projector-split")

        # S puts the whole room back (the split is the session's, the console shows it); R opens
        # a re-vote: round 1's bars leave the screen, the counter is large.
        projector.keyboard.press("s")
        projector.keyboard.press("r")
        expect(projector.locator("[data-testid=answered]")).to_have_attribute(
            "data-answered", "0", timeout=PUSH)
        assert projector.locator("[data-testid=distribution]").count() == 0
        # Polled: S and R are two pushes, the stage may be swapped once more under the locator.
        projector.wait_for_function("""() => {
            const el = document.querySelector('.big-count strong');
            return el && parseFloat(getComputedStyle(el).fontSize) >= 40; }""", timeout=PUSH)
        shot(projector, "workshop-live-projector-revote")

        # ← goes back; B blanks the screen and back; P pauses (the phones see it).
        projector.keyboard.press("ArrowLeft")
        expect(projector.locator("[data-activity=question]")).to_have_attribute(
            "data-item", "B1.1", timeout=PUSH)
        projector.keyboard.press("b")
        expect(projector.locator("[data-testid=blank]")).to_be_visible()
        projector.keyboard.press("b")
        expect(projector.locator("[data-testid=blank]")).to_be_hidden()
        projector.keyboard.press("p")
        expect(projector.locator("[data-testid=paused]")).to_be_visible(timeout=PUSH)
        expect(ann.locator("[data-testid=paused]")).to_be_visible(timeout=4000)
        projector.mouse.move(400, 400)  # the bar slides back when the mouse moves
        projector.click("button[data-action=pause]")  # the button too: resume
        expect(projector.locator("[data-testid=paused]")).to_have_count(0, timeout=PUSH)

        # The console acts without a reload: dot-voting; a vote shows on the projector.
        console.click("button.tab:has-text('Dot-voting')")
        expect(projector.locator("[data-activity=voting]")).to_be_visible(timeout=PUSH)
        expect(console.locator("[data-testid=console-votes]")).to_be_visible()
        expect(ann.locator("[data-testid=votes-left]")).to_be_visible(timeout=4000)
        ann.locator(".ballot li button").first.click()
        expect(ann.locator("[data-testid=save-state]")).to_have_attribute("data-state", "saved")
        expect(projector.locator("[data-testid=votes-cast]")).to_have_attribute(
            "data-votes", "1", timeout=PUSH)
        expect(console.locator("[data-testid=console-votes]")).to_contain_text("1 votes",
                                                                              timeout=PUSH)

        # Offline vote on Bo's phone: queued, then stored once.
        bo_ctx = phones[1][0]
        expect(bo.locator("[data-testid=votes-left]")).to_be_visible(timeout=4000)
        bo_ctx.set_offline(True)
        bo.locator(".ballot li button").nth(1).click()
        expect(bo.locator("[data-testid=save-state]")).to_have_attribute("data-state", "offline")
        bo_ctx.set_offline(False)
        expect(bo.locator("[data-testid=save-state]")).to_have_attribute(
            "data-state", "saved", timeout=8000)
        expect(projector.locator("[data-testid=votes-cast]")).to_have_attribute(
            "data-votes", "2", timeout=PUSH)
        shot(bo, "workshop-live-phone-vote")

        assert projector.evaluate("window.__noReload") == 1
        assert console.evaluate("window.__noReload") == 1
        with app.app_context():
            from readiness.extensions import db
            from readiness.workshop.models import WorkshopAnswer, WorkshopVote
            answers = db.session.scalars(sa.select(WorkshopAnswer).where(
                WorkshopAnswer.session_id == session_id, WorkshopAnswer.item_id == "B1.1")).all()
            assert sorted(a.level for a in answers) == [1, 2, 5]  # Cy's offline answer arrived
            votes = db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote).where(
                WorkshopVote.session_id == session_id))
            assert votes == 2
        assert errors == []
    finally:
        for ctx in contexts:
            ctx.close()
