"""Engagement creation and set-up through the forms: facts, departments with use-case fit and
cap (R-CWR-0/3), project team (R-RED-4), reusable projects (R-MAP-5). Access: test_setup_access."""
from __future__ import annotations

from readiness.engagements.models import Asset, Department, Engagement, TeamMember
from readiness.extensions import db
from readiness.method.definition import LEVEL_NUMBERS
from readiness.respondents.models import Respondent
from tests.engagements.helpers import assessment, builtin_version, post, rows
from tests.helpers import csrf_token, make_user


def _fit(app, engagement_id, level: str) -> dict[str, str]:
    """For every fit question of the engagement's questionnaire, the first option at `level`."""
    with app.app_context():
        questionnaire = db.session.get(Engagement, engagement_id).questionnaire_version.parsed()
        return {f"fit_{q.id}": next(o.id for o in q.options if o.level == level)
                for q in questionnaire.fit}


# Creating an engagement ----------------------------------------------------------------------

def test_create_engagement_end_to_end(app, client, owner):
    listing = client.get("/engagements")
    assert 'data-testid="new-engagement"' in listing.text and 'href="/engagements/new"' in listing.text
    page = client.get("/engagements/new")
    assert page.status_code == 200 and "CRM readiness assessment v1.0" in page.text
    response = client.post("/engagements/new", data={
        "client": "Acme Legal", "sector": "Law firm", "sponsor_name": "Pat Partner",
        "sponsor_hours_per_month": "2.5", "start_date": "2027-03-01",
        "questionnaire_version_id": builtin_version(client), "csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    [engagement] = rows(app, Engagement)
    assert response.headers["Location"].endswith(f"/engagements/{engagement.id}/setup")
    assert (engagement.client, engagement.sector, engagement.sponsor_name) == (
        "Acme Legal", "Law firm", "Pat Partner")
    assert engagement.sponsor_hours_per_month == 2.5 and engagement.start_date.isoformat() == "2027-03-01"
    setup = client.get(response.headers["Location"])
    assert setup.status_code == 200 and "Set-up: Acme Legal" in setup.text
    assert "Acme Legal" in client.get("/engagements").text

    # Two departments, a team and a reusable project through the set-up page's own forms.
    url = f"/engagements/{engagement.id}/setup"
    for name, level in (("Litigation", "1"), ("Client Services", "0")):
        assert post(client, f"{url}/departments", {"name": name, "current_level": level},
                    page=url).status_code == 302
    post(client, f"{url}/team", {"name": "Sam", "side": "business", "role": "Partner"}, page=url)
    post(client, f"{url}/assets", {"name": "Matter database", "kind": "customer data",
                                   "description": "Ten years of matters."}, page=url)
    assert [(d.name, d.current_level) for d in rows(app, Department)] == [
        ("Litigation", 1), ("Client Services", 0)]
    assert [(m.name, m.side, m.role) for m in rows(app, TeamMember)] == [("Sam", "business", "Partner")]
    assert [(a.name, a.kind) for a in rows(app, Asset)] == [("Matter database", "customer data")]
    result = assessment(app, engagement.id)
    assert [(d.name, d.today, d.needed) for d in result.levels] == [
        ("Litigation", 1, None), ("Client Services", 0, None)]
    assert not [f for f in result.red_lights if f.rule in ("R-RED-3", "R-RED-4")]


def test_bad_engagement_form_keeps_input_and_shows_errors(app, client, owner):
    response = post(client, "/engagements/new", {
        "client": "", "sector": "Retail <b>bold</b>", "sponsor_hours_per_month": "-3",
        "start_date": "someday", "questionnaire_version_id": builtin_version(client)})
    assert response.status_code == 422
    assert "Enter the client's name." in response.text
    assert "Enter hours between 0 and 744." in response.text
    assert "Not a valid date value." in response.text
    assert 'value="Retail &lt;b&gt;bold&lt;/b&gt;"' in response.text and 'value="-3"' in response.text
    assert rows(app, Engagement) == []


def test_viewers_cannot_create_engagements(app, client, auth):
    make_user(app, "viewer@client.example", role="viewer")
    auth.login("viewer@client.example")
    assert "New engagement" not in client.get("/engagements").text
    assert client.get("/engagements/new").status_code == 403
    assert post(client, "/engagements/new", {"client": "X", "start_date": "2027-01-01"}).status_code == 403


# Departments: use-case fit (R-CWR-0) and cap (R-CWR-3) -----------------------------------------

def test_department_fit_and_cap_reach_the_engine(app, client, engagement_id):
    url = f"/engagements/{engagement_id}/setup"
    post(client, f"{url}/departments", {"name": "Service", "current_level": "1"}, page=url)
    [dept] = rows(app, Department)
    fit = _fit(app, engagement_id, "run")
    response = post(client, f"{url}/departments/{dept.id}", {
        "name": "Customer Service", "current_level": "1", "level_cap": "2",
        "cap_reason": "Legal advice stays personal.", **fit}, page=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#departments-{dept.id}")
    [dept] = rows(app, Department)
    assert dept.fit_answers == {k[4:]: v for k, v in fit.items()}
    [level] = assessment(app, engagement_id).levels
    assert (level.name, level.today, level.needed, level.cap, level.cap_reason) == (
        "Customer Service", 1, LEVEL_NUMBERS["run"], 2, "Legal advice stays personal.")
    # No respondents yet: ready for crawl (R-CWR-1) bounds the recommendation below the cap.
    assert (level.ready, level.recommended, level.build_gap) == (1, 1, 2)
    page = client.get(url).text
    assert f'<option selected value="{fit["fit_sync_frequency"]}">' in page
    assert '<option selected value="2">' in page and "Legal advice stays personal." in page

    # Crawl answers and a crawl cap: the cap binds and says why (R-CWR-3).
    post(client, f"{url}/departments/{dept.id}", {
        "name": "Customer Service", "current_level": "1", "level_cap": "1",
        "cap_reason": "Relationship-led.", **_fit(app, engagement_id, "crawl")}, page=url)
    [level] = assessment(app, engagement_id).levels
    assert (level.needed, level.cap, level.recommended) == (1, 1, 1)
    assert ("R-CWR-3", "capped") in {(f.rule, f.code) for f in level.reasons}

    # Removing the cap drops its reason; unanswered fit questions are not stored.
    post(client, f"{url}/departments/{dept.id}", {
        "name": "Customer Service", "current_level": "2", "level_cap": "", "cap_reason": "stale",
        "fit_sales_cycle_stages": "defined"}, page=url)
    [dept] = rows(app, Department)
    assert (dept.level_cap, dept.cap_reason, dept.fit_answers) == (
        None, "", {"sales_cycle_stages": "defined"})
    assert assessment(app, engagement_id).levels[0].needed == LEVEL_NUMBERS["walk"]


def test_cap_without_reason_is_refused_and_input_kept(app, client, engagement_id):
    url = f"/engagements/{engagement_id}/setup"
    post(client, f"{url}/departments", {"name": "Sales", "current_level": "0"}, page=url)
    [dept] = rows(app, Department)
    response = post(client, f"{url}/departments/{dept.id}", {
        "name": "Field Sales", "current_level": "2", "level_cap": "1", "cap_reason": " ",
        "fit_quotas_slas": "enforced"}, page=url)
    assert response.status_code == 422
    assert "Say why the level is capped (R-CWR-3)." in response.text
    assert 'value="Field Sales"' in response.text and '<option selected value="enforced">' in response.text
    [dept] = rows(app, Department)
    assert (dept.name, dept.level_cap, dept.fit_answers) == ("Sales", None, {})


def test_bad_fit_option_and_empty_name_are_refused(app, client, engagement_id):
    url = f"/engagements/{engagement_id}/setup"
    assert post(client, f"{url}/departments", {"name": "", "current_level": "0"},
                page=url).status_code == 422
    post(client, f"{url}/departments", {"name": "Sales", "current_level": "0"}, page=url)
    [dept] = rows(app, Department)
    response = post(client, f"{url}/departments/{dept.id}", {
        "name": "Sales", "current_level": "9", "fit_quotas_slas": "made-up"}, page=url)
    assert response.status_code == 422 and response.text.count("Not a valid choice") == 2
    assert rows(app, Department)[0].fit_answers == {}


# Project team (R-RED-4) and reusable projects (R-MAP-5) -----------------------------------------

def test_it_only_team_raises_r_red_4_until_a_business_member_joins(app, client, engagement_id):
    url = f"/engagements/{engagement_id}/setup"
    post(client, f"{url}/team", {"name": "Ivan", "side": "it", "role": "Architect"}, page=url)
    red = [f for f in assessment(app, engagement_id).red_lights if f.rule == "R-RED-4"]
    assert [(f.code, f.params["members"]) for f in red] == [("it-only-team", 1)]
    assert 'data-testid="it-only-team"' in client.get(url).text

    post(client, f"{url}/team", {"name": "Bea", "side": "business", "role": "Head of sales"}, page=url)
    assert not [f for f in assessment(app, engagement_id).red_lights if f.rule == "R-RED-4"]
    assert 'data-testid="it-only-team"' not in client.get(url).text

    bea = rows(app, TeamMember, name="Bea")[0]  # moving her to IT brings the red light back
    post(client, f"{url}/team/{bea.id}", {"name": "Bea", "side": "it", "role": "Head of sales"}, page=url)
    assert [f.rule for f in assessment(app, engagement_id).red_lights].count("R-RED-4") == 1
    assert post(client, f"{url}/team", {"name": "X", "side": "vendor"}, page=url).status_code == 422


def test_delete_asks_for_confirmation(app, client, demo, auth):
    auth.login(demo.email, demo.password)
    url = f"/engagements/{demo.engagement_id}/setup"
    dept = rows(app, Department, engagement_id=demo.engagement_id)[0]
    members = len(rows(app, Respondent, department_id=dept.id))
    ask = post(client, f"{url}/departments/{dept.id}/delete", page=url)
    assert ask.status_code == 200 and "This cannot be undone." in ask.text
    assert f"{members} respondents and 2 pain points" in ask.text
    assert len(rows(app, Department, engagement_id=demo.engagement_id)) == 4  # nothing deleted yet
    done = post(client, f"{url}/departments/{dept.id}/delete", {"confirm": "y"}, page=url)
    assert done.status_code == 302
    assert [d.name for d in rows(app, Department, engagement_id=demo.engagement_id)] == [
        "Membership & Marketing", "Corporate Accounts", "Customer Service"]
    assert len(rows(app, Respondent, department_id=None)) == members  # kept, without department
    asset = rows(app, Asset, engagement_id=demo.engagement_id)[0]
    post(client, f"{url}/assets/{asset.id}/delete", {"confirm": "y"}, page=url)
    assert asset.name not in [a.name for a in rows(app, Asset, engagement_id=demo.engagement_id)]


def test_edit_facts_keeps_the_answered_questionnaire(app, client, demo, auth):
    auth.login(demo.email, demo.password)
    url = f"/engagements/{demo.engagement_id}/setup"
    before = rows(app, Engagement)[0].questionnaire_version_id
    assert 'name="questionnaire_version_id"' not in client.get(url).text  # answers exist: fixed
    response = post(client, f"{url}/facts", {
        "client": "Northwind Retail", "sector": "Retail", "sponsor_name": "Helen Park (COO)",
        "sponsor_hours_per_month": "0", "start_date": "2027-01-11",
        "questionnaire_version_id": str(before + 1)}, page=url)
    assert response.status_code == 302
    engagement = rows(app, Engagement)[0]
    assert (engagement.sector, engagement.sponsor_hours_per_month) == ("Retail", 0)
    assert engagement.questionnaire_version_id == before
    red = {f.code for f in assessment(app, demo.engagement_id).red_lights if f.rule == "R-RED-3"}
    assert red == {"sponsor-no-time"}


def test_user_text_is_escaped_on_the_setup_page(app, client, engagement_id):
    url = f"/engagements/{engagement_id}/setup"
    post(client, f"{url}/departments", {"name": "<script>x()</script>", "current_level": "0"}, page=url)
    page = client.get(url).text
    assert "<script>x()</script>" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page
