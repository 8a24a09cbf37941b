"""axe-core finds no serious or critical accessibility violation on any page type.

Each page is opened in Debian's chromium as its viewer (the session cookie of the test client
that reached it), with its scripts run and charts drawn, and axe.min.js (npm, pinned in
.tools/package-lock.json) is injected and run on the whole document.
"""
from __future__ import annotations

import pytest

from .pages import AXE_JS, require, visit

pytestmark = pytest.mark.browser

SEVERE = ("serious", "critical")
#: Every chart drawn (charts.js) before axe looks.
CHARTS_DRAWN = """() => [...document.querySelectorAll('script[type="application/json"][id$="-data"]')]
    .every(n => { const t = document.getElementById(n.id.slice(0, -5));
                  return !t || t.querySelector('.main-svg'); })"""


def _saved(page):
    """The autosave's "Saved" note shows once an answer is tapped: axe sees it too."""
    item = page.locator("fieldset[data-item]").first
    item.locator("label.level-card").nth(3).click()
    page.wait_for_selector("fieldset[data-item][data-save-state=saved] .save-state:not(:empty)")


#: What a person does on a page before it is checked, by page name.
ACTIONS = {"respondent block": _saved, "respondent block, Chinese": _saved}


def _context(browser, live_server, client):
    # bypass_csp: the app allows only its own scripts; axe is injected inline.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    cookie = client.get_cookie("session")
    if cookie is not None:
        context.add_cookies([{"name": "session", "value": cookie.value, "url": live_server}])
    context.add_init_script(path=str(AXE_JS))
    return context


def _violations(page) -> list[str]:
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for rule in result["violations"]:
        if rule["impact"] not in SEVERE:
            continue
        targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]][:4]
        found.append(f"{rule['impact']} {rule['id']}: {rule['help']} at {targets}")
    return found


def test_no_serious_violation_on_any_page_type(app, demo, browser, live_server):
    require(AXE_JS, "axe-core")
    out = visit(app, demo)
    contexts = {viewer: _context(browser, live_server, client)
                for viewer, client in out.clients.items()}
    problems = []
    try:
        for name, viewer, path, status in out.pages:
            page = contexts[viewer].new_page()
            response = page.goto(live_server + path, wait_until="load")
            assert response is not None and response.status == status, f"{name} ({path})"
            page.wait_for_function(CHARTS_DRAWN, timeout=10_000)
            ACTIONS.get(name, lambda page: None)(page)
            problems += [f"{name} ({path}): {v}" for v in _violations(page)]
            page.close()
    finally:
        for context in contexts.values():
            context.close()
    assert not problems, f"{len(problems)} serious or critical violations:\n" + "\n".join(problems)
