"""The pain register: ranking (R-PAIN-1/2), red light (R-PAIN-3), add / edit / delete with every
METHOD.md section 4 field, the catalogue, and access (owner, shared consultant, viewer, stranger)."""
from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Department, Engagement, EngagementAccess
from readiness.extensions import db
from readiness.method.pains import rank_pains
from readiness.method.types import PainInput
from readiness.pains.models import PainPoint
from tests.helpers import csrf_token, make_user

VIEWER, SHARED, STRANGER = "viewer@client.example", "shared@example.com", "stranger@example.com"


def empty_engagement(app, owner_email: str, departments=("Sales",)) -> int:
    from readiness.auth.models import User
    from readiness.questionnaires.services import load_builtin

    with app.app_context():
        owner = db.session.scalar(sa.select(User).where(User.email == owner_email))
        engagement = Engagement(owner_id=owner.id, client="Empty Co", start_date=date(2027, 1, 1),
                                questionnaire_version_id=load_builtin().id)
        engagement.departments = [Department(name=n) for n in departments]
        db.session.add(engagement)
        db.session.commit()
        return engagement.id


def post(client, url, data, page):
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(page).text)})


def pains(app, engagement_id):
    with app.app_context():
        return db.session.scalars(sa.select(PainPoint).where(
            PainPoint.engagement_id == engagement_id).order_by(PainPoint.id)).all()


def full_form(**overrides):
    data = {"title": "Quotes take a week", "scenario": "A buyer waits 6 days for a price.",
            "affected_party": "customer", "blocks": ["B5", "B7"], "department_id": "",
            "severity": "4", "frequency": "3", "business_impact": "Lost 1 in 5 deals.",
            "owner": "Kim Lee"}
    data.update(overrides)
    return data


# Ranking -----------------------------------------------------------------------------------

def test_register_lists_pains_in_engine_order_with_key_pains(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        expected = assess_engagement(engagement).pains
    page = client.get(f"/engagements/{demo.engagement_id}/pains")
    assert page.status_code == 200
    shown = [int(i) for i in re.findall(r'<tr class="[^"]*" data-pain="(\d+)"', page.text)]
    assert shown == [p.id for p in expected] and len(shown) == 10
    keys = [int(i) for i in re.findall(r'<tr class="key" data-pain="(\d+)"', page.text)]
    assert keys == [p.id for p in expected if p.key] and len(keys) == 3
    # The top pain: severity 5 x frequency 5 + 6 votes = 31 (R-PAIN-1).
    assert expected[0].title == "Members are unknown at the till" and expected[0].priority == 31
    assert '<strong>31</strong>' in page.text
    assert 'data-testid="red-light"' not in page.text


def test_no_pain_is_a_red_light(app, client, auth, demo):
    engagement_id = empty_engagement(app, demo.email)
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{engagement_id}/pains")
    assert 'data-testid="red-light"' in page.text and "R-PAIN-3" in page.text
    assert "No pain point recorded: no pain, no project." in page.text
    # Only mild pains: still the red light (none with severity >= 4).
    post(client, f"/engagements/{engagement_id}/pains/new", full_form(severity="3"),
         f"/engagements/{engagement_id}/pains/new")
    page = client.get(f"/engagements/{engagement_id}/pains")
    assert "None of the 1 pain point has severity 4 or 5" in page.text
    post(client, f"/engagements/{engagement_id}/pains/new", full_form(title="Severe", severity="4"),
         f"/engagements/{engagement_id}/pains/new")
    assert 'data-testid="red-light"' not in client.get(f"/engagements/{engagement_id}/pains").text


def test_equal_priorities_mean_no_priority(app, client, auth, demo):
    engagement_id = empty_engagement(app, demo.email)
    auth.login(demo.email, demo.password)
    for n in range(5):
        post(client, f"/engagements/{engagement_id}/pains/new",
             full_form(title=f"Pain {n}", severity="4", frequency="2"),
             f"/engagements/{engagement_id}/pains/new")
    page = client.get(f"/engagements/{engagement_id}/pains")
    assert 'data-testid="priority-flag"' in page.text
    assert ("5 pain points share priority 8, so the top 3 do not separate yet: equal priorities "
            "mean no priority. Decide with a dot-vote in a workshop.") in page.text
    # R-PAIN-2: the tie straddles the cut-off, so no pain is key (none chosen by order of entry).
    assert len(re.findall(r'data-pain="\d+"', page.text)) == 5
    assert '<tr class="key"' not in page.text and 'class="key-badge"' not in page.text
    # Every row has rank 1: equal priorities share a rank.
    assert re.findall(r'data-label="Rank">(\d+)', page.text) == ["1"] * 5


# Add / edit / delete -----------------------------------------------------------------------

def test_add_with_every_field(app, client, auth, demo):
    engagement_id = empty_engagement(app, demo.email, ("Sales", "Service"))
    with app.app_context():
        service_id = db.session.scalar(sa.select(Department.id).where(
            Department.engagement_id == engagement_id, Department.name == "Service"))
    auth.login(demo.email, demo.password)
    url = f"/engagements/{engagement_id}/pains/new"
    response = post(client, url, full_form(department_id=str(service_id), affected_party="partner"), url)
    assert response.status_code == 302
    [pain] = pains(app, engagement_id)
    assert (pain.title, pain.scenario, pain.affected_party, pain.blocks, pain.department_id,
            pain.severity, pain.frequency, pain.business_impact, pain.owner, pain.votes) == (
        "Quotes take a week", "A buyer waits 6 days for a price.", "partner", "B5,B7", service_id,
        4, 3, "Lost 1 in 5 deals.", "Kim Lee", 0)
    page = client.get(f"/engagements/{engagement_id}/pains")
    assert "Quotes take a week" in page.text and "<strong>12</strong>" in page.text  # 4 x 3


def test_bad_input_keeps_what_was_typed(app, client, auth, demo):
    engagement_id = empty_engagement(app, demo.email)
    other = empty_engagement(app, demo.email, ("Elsewhere",))
    with app.app_context():
        foreign = db.session.scalar(sa.select(Department.id).where(Department.engagement_id == other))
    auth.login(demo.email, demo.password)
    url = f"/engagements/{engagement_id}/pains/new"
    response = post(client, url, full_form(title="", severity="9", department_id=str(foreign)), url)
    assert response.status_code == 422
    assert "Give the pain point a short title." in response.text
    assert "Not a valid choice" in response.text  # severity 9, a department of another engagement
    assert "A buyer waits 6 days for a price." in response.text  # input kept
    assert '<input checked id="blocks-4" name="blocks" type="checkbox" value="B5">' in response.text
    assert pains(app, engagement_id) == []


def test_edit_and_delete(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    pain = pains(app, e)[0]
    form = client.get(f"/engagements/{e}/pains/{pain.id}/edit")
    assert form.status_code == 200 and pain.title in form.text
    assert '<input checked id="blocks-5" name="blocks" type="checkbox" value="B6">' in form.text
    response = post(client, f"/engagements/{e}/pains/{pain.id}/edit",
                    full_form(title="Members unknown at every till", blocks=["B6"], severity="5",
                              frequency="4"), f"/engagements/{e}/pains/{pain.id}/edit")
    assert response.status_code == 302
    with app.app_context():
        edited = db.session.get(PainPoint, pain.id)
        assert (edited.title, edited.blocks, edited.severity, edited.frequency, edited.votes) == (
            "Members unknown at every till", "B6", 5, 4, pain.votes)
    confirm = client.get(f"/engagements/{e}/pains/{pain.id}/delete")
    assert "Members unknown at every till" in confirm.text
    response = client.post(f"/engagements/{e}/pains/{pain.id}/delete",
                           data={"csrf_token": csrf_token(confirm.text)})
    assert response.status_code == 302
    assert pain.id not in [p.id for p in pains(app, e)] and len(pains(app, e)) == 9


def test_post_without_csrf_is_refused(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    pain = pains(app, e)[0]
    assert client.post(f"/engagements/{e}/pains/{pain.id}/delete").status_code == 400
    assert client.post(f"/engagements/{e}/pains/new", data=full_form()).status_code == 400
    assert len(pains(app, e)) == 10


def test_user_text_is_escaped(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    post(client, f"/engagements/{e}/pains/new", full_form(title="<script>alert(1)</script>"),
         f"/engagements/{e}/pains/new")
    page = client.get(f"/engagements/{e}/pains").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_votes_feed_the_ranking(app):
    """R-PAIN-1: dot votes lift a pain above one with a higher severity x frequency."""
    ranked = rank_pains([PainInput(1, "a", 4, 4, 0), PainInput(2, "b", 3, 4, 5)])
    assert [(p.id, p.priority) for p in ranked] == [(2, 17), (1, 16)]


# The catalogue -----------------------------------------------------------------------------

def test_catalogue_in_both_languages_prefills_a_new_pain(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    e = demo.engagement_id
    page = client.get(f"/engagements/{e}/pains/catalogue")
    assert page.status_code == 200
    assert len(re.findall(r'data-catalogue="B\d-\d\d"', page.text)) == 40
    assert "The same customer exists many times" in page.text
    prefilled = client.get(f"/engagements/{e}/pains/new?from=B6-01")
    assert 'value="The same customer exists many times"' in prefilled.text
    assert "One customer appears four times" in prefilled.text
    assert '<input checked id="blocks-6" name="blocks" type="checkbox" value="B7">' in prefilled.text
    assert '<input id="blocks-0" name="blocks" type="checkbox" value="B1">' in prefilled.text
    zh = client.get(f"/engagements/{e}/pains/new?from=B6-01&lang=zh")
    assert 'value="同一个客户在系统里有好几份"' in zh.text
    assert "同一个客户在系统里有好几份" in client.get(f"/engagements/{e}/pains/catalogue").text
    assert client.get(f"/engagements/{e}/pains/new?from=B9-99").status_code == 404
    block = re.search(r'data-catalogue="B6-01">(.*?)</li>', page.text, re.S).group(1)
    assert "in-register" not in block
    # Saving the prefilled form adds it; the catalogue marks it as in the register.
    response = client.post(f"/engagements/{e}/pains/new?from=B6-01", data=full_form(
        title="同一个客户在系统里有好几份", csrf_token=csrf_token(zh.text)))
    assert response.status_code == 302
    page = client.get(f"/engagements/{e}/pains/catalogue")
    block = re.search(r'data-catalogue="B6-01">(.*?)</li>', page.text, re.S).group(1)
    assert 'class="small muted in-register"' in block


# Access ------------------------------------------------------------------------------------

@pytest.fixture
def people(app, demo):
    """A consultant the engagement is shared with, a client viewer, and a stranger."""
    ids = {email: make_user(app, email, role=role)
           for email, role in ((SHARED, "consultant"), (VIEWER, "viewer"), (STRANGER, "consultant"))}
    with app.app_context():
        for email in (SHARED, VIEWER):
            db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=ids[email]))
        db.session.commit()
    return ids


READS = ["/engagements/{e}/pains"]
EDIT_PAGES = ["/engagements/{e}/pains/new", "/engagements/{e}/pains/{p}/edit",
              "/engagements/{e}/pains/{p}/delete", "/engagements/{e}/pains/catalogue",
              "/engagements/{e}/pains/new?from=B1-01"]
POSTS = ["/engagements/{e}/pains/new", "/engagements/{e}/pains/{p}/edit",
         "/engagements/{e}/pains/{p}/delete"]


@pytest.mark.parametrize("who, read, edit", [
    ("owner", 200, 200), (SHARED, 200, 200), (VIEWER, 200, 403), (STRANGER, 404, 404)])
def test_access_on_every_route(app, client, auth, demo, people, who, read, edit):
    pain_id = pains(app, demo.engagement_id)[0].id
    auth.login(demo.email, demo.password) if who == "owner" else auth.login(who)
    token = csrf_token(client.get("/engagements").text)
    fmt = {"e": demo.engagement_id, "p": pain_id}
    for url in READS:
        assert client.get(url.format(**fmt)).status_code == read, url
    for url in EDIT_PAGES:
        assert client.get(url.format(**fmt)).status_code == edit, url
    if edit != 200:
        for url in POSTS:
            response = client.post(url.format(**fmt), data={**full_form(), "csrf_token": token})
            assert response.status_code == edit, url
        assert len(pains(app, demo.engagement_id)) == 10  # nothing changed
    page = client.get(f"/engagements/{demo.engagement_id}/pains")
    if read == 200:
        assert ("pains/new" in page.text) == (edit == 200)  # viewers see no edit buttons


def test_pain_of_another_engagement_is_404(app, client, auth, demo):
    other = empty_engagement(app, demo.email)
    auth.login(demo.email, demo.password)
    pain_id = pains(app, demo.engagement_id)[0].id
    assert client.get(f"/engagements/{other}/pains/{pain_id}/edit").status_code == 404
    assert client.get(f"/engagements/{other}/pains/{pain_id}/delete").status_code == 404
    response = client.post(f"/engagements/{other}/pains/{pain_id}/delete",
                           data={"csrf_token": csrf_token(client.get("/engagements").text)})
    assert response.status_code == 404 and len(pains(app, demo.engagement_id)) == 10
