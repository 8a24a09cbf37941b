"""The respondent's questionnaire: the page flow without JavaScript, resume, review, submit."""
from __future__ import annotations

import re

from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.respond.helpers import (
    B1,
    answers,
    page_form,
    save,
    token_of,
)
from tests.respondents.helpers import respondent

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
