"""The questionnaire on a phone (issue 13): one question per screen with auto-advance, back and a
progress bar of the part; answers chosen offline wait on the phone and reach the server when the
connection is back ("Saved" only after the server said so); the desktop keeps the page per part;
without JavaScript a part can still be answered."""
import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer
from tests.respondents.helpers import add_respondent, make_engagement

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
B1 = ("B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6")


def _answers(app, respondent_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent_id))
        return {a.item_id: a.level for a in rows}


def _watch(context):
    problems = []
    context.on("weberror", lambda e: problems.append(str(e.error)))
    context.on("console", lambda m: problems.append(m.text) if m.type == "error"
               and "favicon" not in m.location.get("url", "")
               and "ERR_INTERNET_DISCONNECTED" not in m.text else None)
    return problems


def _current(page):
    return page.locator("fieldset.item.is-current").get_attribute("data-item")


def _visible_items(page):
    return [i for i in B1 if page.locator(f'fieldset[data-item="{i}"]').is_visible()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_one_question_per_screen_auto_advance_back_progress(browser, live_server, app,
                                                                   shot, lang):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Lee Phone", "front_line", eng.departments["Sales"])
    link = f"{live_server}/r/{person.token}"
    context = browser.new_context(**PHONE)
    problems = _watch(context)
    page = context.new_page()
    page.goto(f"{link}/block/1?lang={lang}")
    page.wait_for_url(f"{link}/block/1")
    # One language switch only (the questionnaire's own), one question on the screen.
    assert page.locator(".respond-lang").count() == 1 and page.locator(".topbar .lang-switch").count() == 0
    assert _visible_items(page) == ["B1.1"]
    position = page.locator("[data-testid=item-position]")
    expect(position).to_have_attribute("aria-live", "polite")
    expect(position).to_contain_text("1" if lang == "zh" else "Question 1 of 6 in this part")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Compact cards: a short card per level, the full description one tap away.
    card = page.locator('fieldset[data-item="B1.1"] label.level-card').first
    assert card.bounding_box()["height"] < 80
    more = page.locator('fieldset[data-item="B1.1"] .more-levels')
    expect(more).to_have_attribute("aria-expanded", "false")
    shot(page, f"respond-phone-item-{lang}")
    more.tap()
    expect(more).to_have_attribute("aria-expanded", "true")
    assert card.bounding_box()["height"] > 60

    # Choosing a level moves on by itself; focus goes to the next question.
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="4"])').tap()
    expect(page.locator('fieldset[data-item="B1.2"]')).to_be_visible()
    assert _visible_items(page) == ["B1.2"]
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.item") == "B1.2"
    expect(page.locator('fieldset[data-item="B1.1"]')).to_have_attribute("data-save-state", "saved")
    expect(page.locator(".segments")).to_have_attribute("aria-valuenow", "1")
    # Back: the previous question, its answer kept.
    page.click("[data-testid=phone-prev]")
    assert _current(page) == "B1.1"
    assert page.locator('fieldset[data-item="B1.1"] input[value="4"]').is_checked()
    page.click("[data-testid=phone-next]")
    assert _current(page) == "B1.2"
    # A swipe to the left moves on as well.
    for item, level in (("B1.2", "2"), ("B1.3", "5"), ("B1.4", "3"), ("B1.5", "1")):
        expect(page.locator(f'fieldset[data-item="{item}"]')).to_be_visible()
        page.locator(f'fieldset[data-item="{item}"] label.level-card:has(input[value="{level}"])').tap()
    expect(page.locator('fieldset[data-item="B1.6"]')).to_be_visible()
    page.locator('fieldset[data-item="B1.6"] label.level-card:has(input[value="dk"])').tap()
    # The part's last question: focus on the button to the next part, nothing submitted by itself.
    expect(page.locator("[data-testid=phone-next]")).to_be_focused()
    expect(page.locator("[data-testid=send-state]")).to_have_class("send-state small saved")
    assert page.url.endswith("/block/1")
    shot(page, f"respond-phone-last-{lang}")
    page.click("[data-testid=phone-next]")
    page.wait_for_url(f"{link}/block/2")
    assert _visible_items(page) == []  # block 2's items are B2.x: one of them is shown
    assert page.locator("fieldset.item.is-current").count() == 1
    assert _answers(app, person.id) == {"B1.1": 4, "B1.2": 2, "B1.3": 5, "B1.4": 3, "B1.5": 1,
                                        "B1.6": None}
    # Previous on the part's first question goes back to the previous part.
    page.click("[data-testid=phone-prev]")
    page.wait_for_url(f"{link}/block/1")
    assert not problems, problems
    context.close()


def test_phone_swipe_moves_between_questions(browser, live_server, app):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Swipe", "it", None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/r/{person.token}/block/1")
    assert _current(page) == "B1.1"

    def swipe(dx):
        page.evaluate("""dx => {
          const form = document.getElementById('block-form');
          const touch = (x) => new Touch({identifier: 1, target: form, clientX: x, clientY: 300});
          const start = [touch(200)];
          form.dispatchEvent(new TouchEvent('touchstart',
                                            {touches: start, changedTouches: start, bubbles: true}));
          form.dispatchEvent(new TouchEvent('touchend',
                                            {touches: [], changedTouches: [touch(200 + dx)], bubbles: true}));
        }""", dx)
    swipe(-150)
    assert _current(page) == "B1.2"
    swipe(150)
    assert _current(page) == "B1.1"
    context.close()


def test_phone_keyboard_arrows_stay_enter_advances(browser, live_server, app):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Keys", "it", None)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}/r/{person.token}/block/1")
    page.focus('fieldset[data-item="B1.1"] input[value="1"]')
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(700)
    assert _current(page) == "B1.1"  # the arrows choose, they do not leave the question
    assert page.locator('fieldset[data-item="B1.1"] input[value="3"]').is_checked()
    page.keyboard.press("Enter")
    assert _current(page) == "B1.2"
    assert page.url.endswith("/block/1")
    context.close()


def test_phone_offline_answers_wait_and_are_sent_when_back_online(browser, live_server, app):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Off Line", "front_line", None)
    link = f"{live_server}/r/{person.token}"
    context = browser.new_context(**PHONE)
    problems = _watch(context)
    page = context.new_page()
    page.goto(f"{link}/block/1")
    state = page.locator("[data-testid=send-state]")
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="2"])').tap()
    expect(page.locator('fieldset[data-item="B1.1"]')).to_have_attribute("data-save-state", "saved")

    context.set_offline(True)
    for item, level in (("B1.2", "3"), ("B1.3", "4"), ("B1.4", "dk")):
        expect(page.locator(f'fieldset[data-item="{item}"]')).to_be_visible()
        page.locator(f'fieldset[data-item="{item}"] label.level-card:has(input[value="{level}"])').tap()
    expect(state).to_have_text("Waiting to send (3)")
    for item in ("B1.2", "B1.3", "B1.4"):  # never "saved" before the server said so
        assert page.locator(f'fieldset[data-item="{item}"]').get_attribute("data-save-state") == "queued"
    assert _answers(app, person.id) == {"B1.1": 2}
    page.locator('fieldset[data-item="B1.5"] label.level-card:has(input[value="5"])').tap()
    expect(state).to_have_text("Waiting to send (4)")

    # The page is closed while offline; the queue is on the phone.
    page.close()
    context.set_offline(False)
    again = context.new_page()
    again.goto(f"{link}/block/1")
    expect(again.locator("[data-testid=send-state]")).to_have_text("All answers saved")
    assert _answers(app, person.id) == {"B1.1": 2, "B1.2": 3, "B1.3": 4, "B1.4": None, "B1.5": 5}
    assert again.evaluate("Object.keys(localStorage).filter(k => k.startsWith('readiness-answers')).length") == 0
    assert not problems, problems
    context.close()


def test_phone_offline_then_online_in_the_same_page(browser, live_server, app):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Same Page", "front_line", None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/r/{person.token}/block/1")
    context.set_offline(True)
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="4"])').tap()
    expect(page.locator("[data-testid=send-state]")).to_have_text("Waiting to send (1)")
    assert page.locator('fieldset[data-item="B1.1"]').get_attribute("data-save-state") == "queued"
    page.click("[data-testid=phone-prev]")  # Back would post the page: offline it stays
    page.click("[data-testid=phone-prev]")
    assert page.url.endswith("/block/1")
    assert _answers(app, person.id) == {}
    context.set_offline(False)
    expect(page.locator('fieldset[data-item="B1.1"]')).to_have_attribute("data-save-state", "saved")
    expect(page.locator("[data-testid=send-state]")).to_have_text("All answers saved")
    assert _answers(app, person.id) == {"B1.1": 4}
    context.close()


def test_saved_is_shown_only_after_the_server_answered(browser, live_server, app):
    from playwright.sync_api import expect

    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Slow Server", "it", None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    held = []
    page.route("**/answer", lambda route: held.append(route))
    page.goto(f"{live_server}/r/{person.token}/block/1")
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="3"])').tap()
    page.wait_for_timeout(300)
    assert len(held) == 1
    item = page.locator('fieldset[data-item="B1.1"]')
    assert item.get_attribute("data-save-state") == "queued"
    assert page.inner_text("[data-testid=send-state]") == "Waiting to send (1)"
    held[0].continue_()
    expect(item).to_have_attribute("data-save-state", "saved")
    expect(page.locator("[data-testid=send-state]")).to_have_text("All answers saved")
    context.close()


def test_desktop_keeps_the_page_per_part(browser, live_server, app):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Desk Top", "manager", None)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/r/{person.token}/block/1")
    assert _visible_items(page) == list(B1)
    assert page.locator(".phone-nav").count() == 0 and page.locator(".phone-progress").count() == 0
    assert page.locator(".block-nav [data-testid=next]").is_visible()
    assert page.locator(".more-levels").first.is_hidden()
    page.locator('fieldset[data-item="B1.3"] label.level-card:has(input[value="2"])').click()
    assert page.locator("fieldset.item").nth(0).is_visible()  # no auto-advance, nothing hidden
    page.set_viewport_size({"width": 390, "height": 844})  # narrowed: the phone mode comes on
    page.wait_for_function("document.getElementById('block-form').classList.contains('phone-mode')")
    assert len(_visible_items(page)) == 1
    context.close()


def test_without_javascript_a_part_can_be_answered(browser, live_server, app):
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "No Script", "executive", None)
    link = f"{live_server}/r/{person.token}"
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{link}/block/1")
    assert _visible_items(page) == list(B1)  # the whole part, as the server renders it
    for item, level in zip(B1, ("1", "2", "3", "4", "5", "dk"), strict=True):
        page.locator(f'fieldset[data-item="{item}"] label.level-card:has(input[value="{level}"])').click()
    page.click("[data-testid=next]")
    page.wait_for_url(f"{link}/block/2")
    assert _answers(app, person.id) == {"B1.1": 1, "B1.2": 2, "B1.3": 3, "B1.4": 4, "B1.5": 5,
                                        "B1.6": None}
    context.close()


def test_phone_mode_has_no_serious_axe_violation(browser, live_server, app):
    from tests.a11y.pages import AXE_JS, require
    from tests.a11y.test_axe import _violations

    require(AXE_JS, "axe-core")
    eng = make_engagement(app)
    person = add_respondent(app, eng.id, "Axe Phone", "it", None)
    context = browser.new_context(bypass_csp=True, **PHONE)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto(f"{live_server}/r/{person.token}/block/1")
    page.locator('fieldset[data-item="B1.1"] label.level-card:has(input[value="3"])').tap()
    page.wait_for_selector('fieldset[data-item="B1.2"].is-current')
    page.locator('fieldset[data-item="B1.2"] .more-levels').tap()
    assert _violations(page) == []
    context.close()
