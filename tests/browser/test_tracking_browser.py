"""Checkpoint tracking in Debian's chromium: a project-team member logs in, marks a checkpoint
done with evidence, the board and the overview update, and the overdue review shows its amber
light. Screenshots of the board, a checkpoint, the timeline and the overview."""
from __future__ import annotations

import re

import pytest

from tests.tracking.conftest import tracked  # noqa: F401  (the fixture)
from tests.tracking.helpers import TEAM

pytestmark = pytest.mark.browser


def _login(page, live_server, email, password="correct horse battery"):
    page.goto(f"{live_server}/engagements")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server}/engagements")


def test_project_team_marks_a_checkpoint_done(app, tracked, live_server, page, shot):
    from tests.tracking.helpers import share

    share(app, tracked, TEAM, "project_team")
    _login(page, live_server, TEAM)
    page.goto(f"{live_server}/engagements/{tracked}")
    lights = page.get_by_test_id("tracking-lights")
    assert "1 amber light" in lights.inner_text() and "3 of 40 checkpoints done" in lights.inner_text()
    page.get_by_test_id("amber-light").click()  # the light leads to the board
    assert re.search(r"/tracking$", page.url)
    shot(page, "tracking-board")
    slipped = page.locator('[data-column="slipped"]')
    assert "40 days late" in slipped.get_by_test_id("amber").inner_text()

    page.locator('[data-column="in_progress"] a.ticket-title').first.click()
    page.select_option("select[name=status]", "done")
    page.click("button:has-text('Save')")
    assert "a checkpoint is done with evidence" in page.locator(".flash-error").inner_text()
    page.select_option("select[name=status]", "done")
    page.fill("textarea[name=evidence]", "Configuration reviewed with IT; sign-off sheet filed.")
    page.click("button:has-text('Save')")
    assert "Checkpoint saved." in page.locator(".flash").first.inner_text()
    history = page.get_by_test_id("audit").inner_text()
    assert "In progress" in history and "Done" in history and "Team" in history
    shot(page, "tracking-checkpoint")

    page.goto(f"{live_server}/engagements/{tracked}/tracking")
    done = page.locator('[data-column="done"]')
    assert "System configuration" in done.inner_text()
    assert page.locator('[data-column="done"] article.ticket').count() == 4
    page.goto(f"{live_server}/engagements/{tracked}")
    assert "4 of 40 checkpoints done" in page.get_by_test_id("tracking-lights").inner_text()
    shot(page, "tracking-overview")

    page.goto(f"{live_server}/engagements/{tracked}/tracking/timeline")
    page.wait_for_selector("#timeline .main-svg")
    shot(page, "tracking-timeline")
    page.goto(f"{live_server}/engagements/{tracked}/tracking?lang=zh")
    assert "启动与培训会" in page.locator('[data-column="done"]').inner_text()  # titles in Chinese
    shot(page, "tracking-board-zh")
    page.goto(f"{live_server}/engagements/{tracked}/tracking?lang=en")
    # The project team edits nothing else: the roadmap page offers no regeneration.
    page.goto(f"{live_server}/engagements/{tracked}/roadmap")
    assert page.locator("button:has-text('Generate again')").count() == 0
