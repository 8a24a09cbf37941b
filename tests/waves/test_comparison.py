"""The comparison page (R-WAVE-2/3): block deltas with "no clear change", per department and
role, red lights cleared or raised, the earned next level, and what it says with one wave."""
from __future__ import annotations

import re

from tests.respondents.helpers import login

from .helpers import answer_all, answered_wave_one, start_wave, wave_rows


def _cell(page: str, block: str) -> str:
    match = re.search(rf'<tr data-block="{block}">.*?</tr>', page, re.S)
    assert match, f"no row for {block}"
    return match.group(0)


def test_one_wave_has_nothing_to_compare(app, client, auth, eng):
    answered_wave_one(app, eng)
    login(auth, eng.owner)
    page = client.get(f"/engagements/{eng.id}/waves").text
    assert "a comparison appears here once a second wave has answers" in page
    assert "Start wave 2" in page


def test_the_comparison_shows_clear_changes_and_no_clear_change(app, client, auth, eng):
    answered_wave_one(app, eng, levels=(2, 2, 2))  # everything at level 2: 25 with no spread
    login(auth, eng.owner)
    start_wave(client, eng.id)
    people = wave_rows(app, eng.id, 2)
    # Two of three answer wave 2: B4-B6 at level 4 (75), B1 stays at level 2.
    for person in people[:2]:
        answer_all(app, person[0], 4, blocks=("B4", "B5", "B6"))
        answer_all(app, person[0], 2, blocks=("B1",))
    page = client.get(f"/engagements/{eng.id}/waves")
    assert page.status_code == 200
    text = page.text
    assert "Wave 2 against wave 1" in text
    b5 = _cell(text, "B5")
    assert 'data-direction="up"' in b5 and "+50" in b5 and "improved" in b5
    b1 = _cell(text, "B1")
    assert 'data-direction="none"' in b1 and "no clear change" in b1
    b8 = _cell(text, "B8")  # nobody answered B8 in either wave
    assert "no data yet" in b8
    assert "improved 3 blocks, declined 0 blocks, no clear change 1 block" in text
    # Per department and role grids, the trend chart's data.
    assert 'data-testid="department-deltas"' in text and "Sales" in text
    assert 'data-testid="role-deltas"' in text and "managers" in text
    assert 'id="wave-trend-data"' in text and "Overall readiness" in text
    # R-WAVE-3: Sales works at "none" today: no level to have earned yet.
    assert "Sales does not work at a level yet" in text
    # The overview and the dashboard carry the short summary.
    for url in (f"/engagements/{eng.id}", f"/engagements/{eng.id}/dashboard"):
        assert "improved 3 blocks" in client.get(url).text


def test_red_lights_cleared_and_earned_level(app, client, auth, eng):
    from readiness.engagements.models import Department
    from readiness.extensions import db

    with app.app_context():  # Sales works at crawl: walk is the level to earn
        db.session.get(Department, eng.departments["Sales"]).current_level = 1
        db.session.commit()
    answered_wave_one(app, eng, levels=(1, 1, 2))  # B4 (change) far below 40: a red light
    login(auth, eng.owner)
    start_wave(client, eng.id)
    for person in wave_rows(app, eng.id, 2):
        answer_all(app, person[0], 4)
    text = client.get(f"/engagements/{eng.id}/waves").text
    cleared = re.search(r'data-testid="red-light-changes">.*?</div>', text, re.S).group(0)
    assert "Change is not led" in cleared.split("Newly raised")[0]
    earned = re.search(r'data-testid="earned-levels">.*?</div>', text, re.S).group(0)
    # Ready for walk and nothing dropped, but the crawl review is not done (no roadmap review
    # planned before this wave): not earned yet, and the page says why.
    assert "Sales has not earned walk yet" in earned
    assert "adoption review of its current level is not done yet" in earned


def test_earned_once_the_review_is_done(app, client, auth, eng):
    """R-WAVE-3 with the adoption review given as done (what tracking will pass in)."""
    from readiness.engagements.models import Department, Engagement
    from readiness.extensions import db
    from readiness.waves.services import comparison_context

    with app.app_context():
        db.session.get(Department, eng.departments["Sales"]).current_level = 1
        db.session.commit()
    answered_wave_one(app, eng, levels=(3, 3, 3))  # B4-B6 at 50: walk-ready already
    login(auth, eng.owner)
    start_wave(client, eng.id)
    for person in wave_rows(app, eng.id, 2):
        answer_all(app, person[0], 4)
    with app.app_context():
        engagement = db.session.get(Engagement, eng.id)
        sales = eng.departments["Sales"]
        done = comparison_context(engagement, "en", reviewed={sales})
        pending = comparison_context(engagement, "zh", reviewed=set())
    earned = {e.department_id: (e.earned, sentence) for e, sentence in done["earned_lines"]}
    assert earned[sales] == (True, "Sales earned walk.")
    assert "Earned their next level: Sales." in done["wave_summary"]
    assert not dict((e.department_id, e.earned) for e, _ in pending["earned_lines"])[sales]
    assert "当前级别的采纳评审尚未完成" in dict(
        (e.department_id, s) for e, s in pending["earned_lines"])[sales]


def test_the_pdf_partial_prints_the_comparison(app, client, auth, eng):
    from flask_babel import force_locale

    from readiness.charts import caption
    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.report.services import _environment
    from readiness.waves.services import comparison_context

    answered_wave_one(app, eng, levels=(2, 2, 2))
    login(auth, eng.owner)
    start_wave(client, eng.id)
    for person in wave_rows(app, eng.id, 2)[:2]:
        answer_all(app, person[0], 4)
    with app.app_context(), app.test_request_context(), force_locale("en"):
        context = comparison_context(db.session.get(Engagement, eng.id), "en")
        assert set(context["wave_figures"]) == {"wave_trend"}
        html = _environment().get_template("_waves.html").render(
            charts={"wave_trend": "data:image/svg+xml;base64,"}, lang="en", caption=caption,
            **context)
    assert "Reassessment: wave 2 against wave 1" in html
    assert "+50" in html and "Trend across waves" in html
    assert "rising line is progress" in html  # the chart's caption
    assert "Organisational collaboration" in html  # cleared: change is led now


def test_a_newer_version_is_matched_by_item_id_and_the_rest_listed(app, client, auth, eng):
    import copy

    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.method.definition import Questionnaire
    from readiness.questionnaires.services import load_builtin, store_version

    with app.app_context():
        data = load_builtin().parsed().model_dump(mode="json")
        newer = copy.deepcopy(data)
        newer["version"] = "1.1"
        b1 = newer["blocks"][0]
        added = copy.deepcopy(b1["items"][-1])
        b1["items"] = b1["items"][:-1]  # B1.6 is no longer asked ...
        added["id"] = "B1.9"  # ... and B1.9 is new
        b1["items"].append(added)
        version_id = store_version(Questionnaire.model_validate(newer)).id
        db.session.commit()
    answered_wave_one(app, eng, levels=(2, 2, 2))
    login(auth, eng.owner)
    assert f'value="{version_id}"' in client.get(f"/engagements/{eng.id}/waves/start").text
    assert start_wave(client, eng.id, version_id=version_id).status_code == 302
    with app.app_context():
        assert db.session.get(Engagement, eng.id).questionnaire_version_id == version_id
    for person in wave_rows(app, eng.id, 2)[:2]:
        answer_all(app, person[0], 4)
    text = client.get(f"/engagements/{eng.id}/waves").text
    unmatched = re.search(r'data-testid="unmatched-items">.*?</div>', text, re.S).group(0)
    assert "Only in wave 1: B1.6" in unmatched and "Only in wave 2: B1.9" in unmatched
    assert 'data-direction="up"' in _cell(text, "B4")
