"""The respondent's questionnaire: token as key, autosave (JSON), the no-JavaScript page flow,
resume, review, submit, bad and revoked links, languages, and the scores the engine computes."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent, RespondentBlock

from tests.helpers import csrf_token
from tests.test_invitations import add_respondent, make_engagement, respondent

B1 = ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6"]


@pytest.fixture
def person(app):
    eng = make_engagement(app)
    return add_respondent(app, eng.id, "Pat Doe", "front_line", eng.departments["Sales"])


def token_of(client, url):
    return csrf_token(client.get(url).text)


def save(client, token, body, csrf=None):
    csrf = csrf or token_of(client, f"/r/{token}/block/1")
    return client.post(f"/r/{token}/answer", json=body, headers={"X-CSRFToken": csrf})


def answers(app, respondent_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent_id)
                                  .order_by(Answer.item_id))
        return {a.item_id: (a.level, a.confidence, a.evidence) for a in rows}


def sums(app, respondent_id):
    with app.app_context():
        rows = db.session.execute(sa.select(
            RespondentBlock.block_id, RespondentBlock.weighted_sum, RespondentBlock.weight_total,
            RespondentBlock.answered, RespondentBlock.dont_know)
            .where(RespondentBlock.respondent_id == respondent_id)
            .order_by(RespondentBlock.block_id))
        return [tuple(r) for r in rows]


def page_form(block_items, levels, confidence="medium", evidence=None, go="next", csrf=""):
    data = {"csrf_token": csrf, "go": go}
    for item_id in block_items:
        if item_id in levels:
            data[f"level-{item_id}"] = levels[item_id]
        data[f"confidence-{item_id}"] = confidence
        data[f"evidence-{item_id}"] = (evidence or {}).get(item_id, "")
    return data


# Intro, language, bad links ----------------------------------------------------------------------

def test_intro_says_who_why_how_long_and_anonymity(app, client, person):
    page = client.get(f"/r/{person.token}")
    assert page.status_code == 200
    text = page.text
    assert "Acme Tools" in text and "Owner is assessing, together with Acme Tools" in text
    assert "Front line · Sales</strong>" in text
    assert "48 questions in 8 short parts: about 20 minutes." in text
    assert "your individual answers are never shown with your name" in text
    assert "Groups of fewer than 3 people are marked as small samples." in text
    assert f'href="/r/{person.token}/continue"' in text and ">Start the questionnaire<" in text
    assert page.headers["Cache-Control"] == "no-store"


def test_language_is_stored_on_the_respondent_and_used_on_every_page(app, client, person):
    switched = client.get(f"/r/{person.token}?lang=zh")
    assert switched.status_code == 302 and switched.location == f"/r/{person.token}"
    assert respondent(app, person.id).locale == "zh"
    intro = client.get(f"/r/{person.token}").text
    assert "CRM 就绪度评估" in intro and ">开始答题<" in intro  # title and the Start button
    block = client.get(f"/r/{person.token}/block/1").text
    assert "高层管理者能够具体说明" in block  # B1.1 in Chinese
    assert "没有哪位领导能描述与客户相关的未来图景" in block  # its level 1 anchor
    assert "不知道" in block and ">下一步<" in block and "第 1 部分，共 8 部分" in block
    # A fresh browser (no session) still gets Chinese: the choice lives on the respondent.
    other = app.test_client()
    assert "CRM 就绪度评估" in other.get(f"/r/{person.token}").text
    # Unknown languages are ignored.
    client.get(f"/r/{person.token}?lang=fr")
    assert respondent(app, person.id).locale == "zh"


@pytest.mark.parametrize("path", ["", "/continue", "/block/1", "/review", "/done"])
def test_bad_token_gets_a_plain_404_page(app, client, person, path):
    response = client.get(f"/r/not-a-real-token{path}")
    assert response.status_code == 404
    assert "This link does not work" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("path", ["", "/continue", "/block/1", "/review", "/done"])
def test_revoked_token_gets_a_plain_410_page(app, client, person, path):
    with app.app_context():
        db.session.get(Respondent, person.id).revoked = True
        db.session.commit()
    response = client.get(f"/r/{person.token}{path}")
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.text


def test_block_number_out_of_range_is_404(app, client, person):
    assert client.get(f"/r/{person.token}/block/9").status_code == 404
    assert client.get(f"/r/{person.token}/block/0").status_code == 404


# Autosave (JSON) -------------------------------------------------------------------------------

def test_json_save_is_idempotent(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    body = {"item_id": "B1.1", "level": 4, "confidence": "high", "evidence": "Strategy deck 2026"}
    first = save(client, person.token, body, csrf)
    assert first.status_code == 200
    assert first.get_json() == {"saved": True, "item_id": "B1.1", "answered": 1, "total": 48}
    after_first = sums(app, person.id)
    assert after_first == [("B1", 1.5 * 1.0 * 4, 1.5 * 1.0, 1, 0)]
    again = save(client, person.token, body, csrf)
    assert again.get_json() == first.get_json()
    assert answers(app, person.id) == {"B1.1": (4, "high", "Strategy deck 2026")}
    assert sums(app, person.id) == after_first
    row = respondent(app, person.id)
    assert row.status == "started" and row.started_at is not None


def test_json_dont_know_and_changing_an_answer(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    save(client, person.token, {"item_id": "B1.3", "level": 2, "confidence": "low"}, csrf)
    response = save(client, person.token, {"item_id": "B1.3", "level": None}, csrf)
    assert response.status_code == 200 and response.get_json()["answered"] == 1
    assert answers(app, person.id) == {"B1.3": (None, "medium", "")}  # confidence defaults
    assert sums(app, person.id) == [("B1", 0.0, 0.0, 0, 1)]


@pytest.mark.parametrize("body, error", [
    ({"item_id": "B1.1", "level": 6}, "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": 0}, "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": "3"}, "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": 2.5}, "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1", "level": True}, "level must be 1-5, or null for don't know"),
    ({"item_id": "B1.1"}, "level is required: 1-5, or null for don't know"),
    ({"item_id": "B9.9", "level": 3}, "unknown item"),
    ({"item_id": ["B1.1"], "level": 3}, "unknown item"),
    ({"item_id": "B1.1", "level": 3, "confidence": "very"}, "confidence must be low, medium or high"),
    ({"item_id": "B1.1", "level": 3, "evidence": 7}, "evidence must be text"),
    ({"item_id": "B1.1", "level": 3, "evidence": "x" * 4001},
     "evidence is longer than 4000 characters"),
    ([1, 2], "expected a JSON object"),
])
def test_json_save_refuses_bad_input(app, client, person, body, error):
    response = save(client, person.token, body)
    assert response.status_code == 400
    assert response.get_json() == {"error": error}
    assert answers(app, person.id) == {} and respondent(app, person.id).status == "invited"


def test_json_save_needs_json_and_csrf(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    not_json = client.post(f"/r/{person.token}/answer", data="level=3",
                           headers={"X-CSRFToken": csrf})
    assert not_json.status_code == 400 and not_json.get_json() == {"error": "expected a JSON object"}
    no_csrf = client.post(f"/r/{person.token}/answer", json={"item_id": "B1.1", "level": 3})
    assert no_csrf.status_code == 400 and "expired" in no_csrf.get_json()["error"]
    assert answers(app, person.id) == {}


def test_json_save_bad_revoked_and_completed_tokens(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    body = {"item_id": "B1.1", "level": 3}
    bad = client.post("/r/nope/answer", json=body, headers={"X-CSRFToken": csrf})
    assert bad.status_code == 404 and "error" in bad.get_json()
    with app.app_context():
        db.session.get(Respondent, person.id).status = "completed"
        db.session.commit()
    assert save(client, person.token, body, csrf).status_code == 409
    with app.app_context():
        row = db.session.get(Respondent, person.id)
        row.status, row.revoked = "started", True
        db.session.commit()
    gone = save(client, person.token, body, csrf)
    assert gone.status_code == 410 and gone.get_json() == {"error": "This link has been withdrawn."}
    assert answers(app, person.id) == {}


# The page flow without JavaScript ----------------------------------------------------------------

def test_no_js_page_flow(app, client, person):
    url = f"/r/{person.token}/block/1"
    csrf = token_of(client, url)
    levels = {"B1.1": "4", "B1.2": "dk", "B1.3": "2", "B1.4": "5", "B1.5": "1", "B1.6": "3"}
    response = client.post(url, data=page_form(B1, levels, "high", {"B1.4": "Board minutes"},
                                               csrf=csrf))
    assert response.status_code == 302 and response.location == f"/r/{person.token}/block/2"
    assert answers(app, person.id) == {
        "B1.1": (4, "high", ""), "B1.2": (None, "high", ""), "B1.3": (2, "high", ""),
        "B1.4": (5, "high", "Board minutes"), "B1.5": (1, "high", ""), "B1.6": (3, "high", "")}
    assert respondent(app, person.id).status == "started"
    # The page shows the saved answers again.
    page = client.get(url).text
    assert re.search(r'name="level-B1.1" value="4" checked', page)
    assert re.search(r'name="level-B1.2" value="dk" checked', page)
    assert ">Board minutes</textarea>" in page
    assert "6</span>/48" in page  # progress
    # Back from block 2 leads to block 1 (nothing answered there: nothing saved).
    back = client.post(f"/r/{person.token}/block/2", data={"csrf_token": csrf, "go": "back"})
    assert back.location == url
    # Back from block 1 leads to the intro; the last block's Next leads to the review.
    assert client.post(url, data={"csrf_token": csrf, "go": "back"}).location == f"/r/{person.token}"
    last = client.post(f"/r/{person.token}/block/8", data={"csrf_token": csrf, "go": "review"})
    assert last.location == f"/r/{person.token}/review"
    assert len(answers(app, person.id)) == 6


def test_a_bad_page_post_is_shown_again_with_the_answers_kept(app, client, person):
    url = f"/r/{person.token}/block/1"
    csrf = token_of(client, url)
    levels = {"B1.1": "4", "B1.2": "9", "B1.3": "2"}
    response = client.post(url, data=page_form(
        B1, levels, evidence={"B1.3": "Our <b>intranet</b> page", "B1.5": "a note, no level"},
        csrf=csrf))
    assert response.status_code == 400
    page = response.text
    assert re.search(r'name="level-B1.1" value="4" checked', page)
    assert re.search(r'name="level-B1.3" value="2" checked', page)
    assert "Our &lt;b&gt;intranet&lt;/b&gt; page</textarea>" in page
    assert "a note, no level</textarea>" in page
    assert page.count('class="error"') == 2
    assert "Choose one of the five levels or &#34;Don&#39;t know&#34;." in page
    assert "Choose a level or &#34;Don&#39;t know&#34; so that your note can be saved." in page
    assert answers(app, person.id) == {}  # nothing saved from a page with errors


def test_an_expired_page_keeps_the_answers(app, client, person):
    url = f"/r/{person.token}/block/1"
    client.get(url)
    response = client.post(url, data=page_form(B1, {"B1.1": "3"}, csrf="stale"))
    assert response.status_code == 400
    assert "has expired" in response.text
    assert re.search(r'name="level-B1.1" value="3" checked', response.text)
    assert answers(app, person.id) == {}


def test_resume_at_the_first_block_with_unanswered_items(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    resume = f"/r/{person.token}/continue"
    assert client.get(resume).location == f"/r/{person.token}/block/1"
    for item_id in B1:
        save(client, person.token, {"item_id": item_id, "level": 3}, csrf)
    save(client, person.token, {"item_id": "B2.1", "level": 3}, csrf)
    save(client, person.token, {"item_id": "B3.1", "level": None}, csrf)
    assert client.get(resume).location == f"/r/{person.token}/block/2"
    assert ">Continue<" in client.get(f"/r/{person.token}").text
    with app.app_context():
        engagement = db.session.get(Engagement, respondent(app, person.id).engagement_id)
        every_item = [i.id for i in engagement.questionnaire_version.parsed().items()]
    for item_id in every_item:
        save(client, person.token, {"item_id": item_id, "level": None}, csrf)
    assert client.get(resume).location == f"/r/{person.token}/review"


def test_review_lists_unanswered_items_with_links(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    for item_id in B1[:4]:
        save(client, person.token, {"item_id": item_id, "level": 2}, csrf)
    page = client.get(f"/r/{person.token}/review").text
    assert "44 questions are still unanswered." in page
    assert f'href="/r/{person.token}/block/1#item-B1-5">B1.5</a>' in page
    assert f'href="/r/{person.token}/block/1#item-B1-6">B1.6</a>' in page
    assert "#item-B1-1" not in page
    assert f'href="/r/{person.token}/block/8#item-B8-1">B8.1</a>' in page


def test_submit_makes_it_read_only_until_reopened(app, client, person):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    nothing = client.post(f"/r/{person.token}/submit", data={"csrf_token": csrf})
    assert nothing.location == f"/r/{person.token}/review"
    assert "Answer at least one item before you submit." in client.get(nothing.location).text
    assert respondent(app, person.id).status == "invited"

    save(client, person.token, {"item_id": "B1.1", "level": 5}, csrf)
    done = client.post(f"/r/{person.token}/submit", data={"csrf_token": csrf})
    assert done.location == f"/r/{person.token}/done"
    row = respondent(app, person.id)
    assert row.status == "completed" and row.completed_at is not None
    thanks = client.get(done.location)
    assert thanks.status_code == 200 and "Thank you" in thanks.text
    assert "ask Owner to reopen it" in thanks.text
    # Read-only now.
    for path in ("", "/block/1", "/continue", "/review"):
        assert client.get(f"/r/{person.token}{path}").location == f"/r/{person.token}/done"
    blocked = client.post(f"/r/{person.token}/block/1",
                          data=page_form(B1, {"B1.1": "1"}, csrf=csrf))
    assert blocked.status_code == 409 and "already been submitted" in blocked.text
    assert save(client, person.token, {"item_id": "B1.1", "level": 1}, csrf).status_code == 409
    assert answers(app, person.id) == {"B1.1": (5, "medium", "")}
    # Submitting twice changes nothing.
    assert client.post(f"/r/{person.token}/submit", data={"csrf_token": csrf}).status_code == 302
    assert respondent(app, person.id).completed_at == row.completed_at


def test_forms_refuse_a_missing_csrf_token(app, client, person):
    client.get(f"/r/{person.token}")
    assert client.post(f"/r/{person.token}/submit").status_code == 400
    assert respondent(app, person.id).status == "invited"


# The engine sees exactly what was answered ---------------------------------------------------------

def test_assessment_reflects_exactly_the_levels_given(app, client):
    from readiness.engagements.services import assess_engagement

    eng = make_engagement(app)
    alice = add_respondent(app, eng.id, "Alice", "executive", eng.departments["Sales"])
    bob = add_respondent(app, eng.id, "Bob", "front_line", eng.departments["Sales"])
    with app.app_context():
        questionnaire = db.session.get(Engagement, eng.id).questionnaire_version.parsed()
        weights = {i.id: i.weight for i in questionnaire.block("B1").items}
    assert weights == {"B1.1": 1.5, "B1.2": 1.5, "B1.3": 1.0, "B1.4": 1.0, "B1.5": 1.0,
                       "B1.6": 1.0}
    csrf = token_of(client, f"/r/{alice.token}/block/1")
    # Alice: (item, level, confidence); B1.6 "don't know" is counted, not scored.
    given = [("B1.1", 4, "high"), ("B1.2", 2, "low"), ("B1.3", 5, "medium"), ("B1.4", 3, "high"),
             ("B1.5", 1, "medium"), ("B1.6", None, "high")]
    for item_id, level, confidence in given:
        assert save(client, alice.token, {"item_id": item_id, "level": level,
                                          "confidence": confidence}, csrf).status_code == 200
    # Bob through the plain page: all six on medium confidence.
    client.post(f"/r/{bob.token}/block/1", data=page_form(
        B1, {"B1.1": "2", "B1.2": "2", "B1.3": "3", "B1.4": "3", "B1.5": "4", "B1.6": "4"},
        "medium", csrf=csrf))

    # By hand: weight = item weight x confidence weight (low .5, medium .8, high 1.0).
    # Alice: 1.5*1*4 + 1.5*.5*2 + 1*.8*5 + 1*1*3 + 1*.8*1 = 6 + 1.5 + 4 + 3 + .8 = 15.3
    #        over 1.5 + .75 + .8 + 1 + .8 = 4.85 -> mean 3.154639..., score 53.8659...
    alice_score = (15.3 / 4.85 - 1) / 4 * 100
    # Bob: .8 * (1.5*2 + 1.5*2 + 3 + 3 + 4 + 4) = .8 * 20 over .8 * 7 -> mean 20/7
    bob_score = (20 / 7 - 1) / 4 * 100
    with app.app_context():
        assessment = assess_engagement(db.session.get(Engagement, eng.id))
    b1 = assessment.blocks["B1"]
    assert assessment.respondents == 2
    assert b1.stat.n == 2
    assert b1.score == pytest.approx((alice_score + bob_score) / 2)
    assert b1.stat.median == pytest.approx((alice_score + bob_score) / 2)
    assert b1.dont_know_rate == pytest.approx(1 / 12)
    assert assessment.by_role["executive"]["B1"].mean == pytest.approx(alice_score)
    assert assessment.by_role["front_line"]["B1"].mean == pytest.approx(bob_score)
    assert all(assessment.blocks[b].score is None for b in ("B2", "B3", "B8"))
    assert assessment.overall == pytest.approx((alice_score + bob_score) / 2)


def test_a_save_colliding_with_another_tab_is_retried(app, client, person, monkeypatch):
    """Two tabs inserting the same new answer at once: the unique key refuses the second insert;
    the route rolls back and saves again, finding the row to update."""
    from sqlalchemy.exc import IntegrityError

    from readiness.respond import services

    original, calls = services.save, []

    def collide_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise IntegrityError("INSERT INTO answer", {}, Exception("UNIQUE constraint failed"))
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "save", collide_once)
    response = save(client, person.token, {"item_id": "B2.2", "level": 3})
    assert response.status_code == 200 and len(calls) == 2
    assert answers(app, person.id) == {"B2.2": (3, "medium", "")}
