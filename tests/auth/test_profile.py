"""The profile page (/profile) and display_name: clients read people, never logins (issue 9)."""
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from readiness.auth.models import User
from readiness.auth.names import display_name
from readiness.extensions import db
from tests.helpers import csrf_token, make_user
from tests.respondents.helpers import OWNER, add_respondent, make_engagement

FIELDS = {"name": "Sarah Chen", "title": "Principal Consultant",
          "organisation": "Northwind Advisory", "phone": "+44 20 7946 0958"}


def _post(client, **changes):
    token = csrf_token(client.get("/profile").text)
    return client.post("/profile", data={**FIELDS, **changes, "csrf_token": token})


def _user(app, email="consultant@example.com"):
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.email == email))


@pytest.fixture
def me(app, auth):
    make_user(app)
    auth.login()


def test_profile_needs_login(client):
    response = client.get("/profile")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.post("/profile", data=FIELDS).status_code in (302, 400)


def test_header_user_menu_links_to_the_profile(client, me):
    page = client.get("/engagements").text
    assert 'href="/profile"' in page


def test_profile_saves_and_redirects(app, client, me):
    response = _post(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/profile")
    page = client.get("/profile").text
    assert "Clients read you as: Sarah Chen, Northwind Advisory" in page
    assert 'value="Principal Consultant"' in page and 'value="+44 20 7946 0958"' in page
    user = _user(app)
    assert (user.name, user.title, user.organisation, user.phone) == tuple(FIELDS.values())


@pytest.mark.parametrize(("field", "value", "says"), [
    ("name", "", "Enter your name."),
    ("name", "x" * 121, "Field cannot be longer than 120 characters."),
    ("name", "sarah@northwind.example", "Write a name here, not an email address."),
    ("organisation", "y" * 161, "Field cannot be longer than 160 characters."),
    ("organisation", "info@northwind.example", "Write a name here, not an email address."),
    ("phone", "call me maybe", "Use digits, spaces and + ( ) . / - only"),
    ("phone", "+44 <script>", "Use digits, spaces and + ( ) . / - only"),
    ("phone", "12-34", "A phone number has at least 5 digits."),
])
def test_a_refused_profile_keeps_what_was_typed(app, client, me, field, value, says):
    response = _post(client, **{field: value})
    assert response.status_code == 422
    assert says in response.text
    for other, typed in FIELDS.items():
        if other != field:
            assert f'value="{typed}"' in response.text  # the other fields are not lost
    assert "&lt;script&gt;" in response.text or "<script>" not in value
    assert _user(app).title == ""  # nothing saved


def test_phone_extensions_and_empty_optional_fields_are_accepted(app, client, me):
    assert _post(client, phone="(020) 7946-0958 ext. 12", title="", organisation="").status_code == 302
    user = _user(app)
    assert user.phone == "(020) 7946-0958 ext. 12" and user.organisation == ""


def test_profile_without_csrf_is_refused(app, client, me):
    assert client.post("/profile", data=FIELDS).status_code == 400
    assert _user(app).title == ""


@pytest.mark.parametrize(("name", "organisation", "shown"), [
    ("Sarah Chen", "Northwind Advisory", "Sarah Chen, Northwind Advisory"),
    ("Sarah Chen", "", "Sarah Chen"),
    ("  Sarah   Chen ", " Northwind  Advisory ", "Sarah Chen, Northwind Advisory"),
    ("sarah@northwind.example", "Northwind Advisory", "Northwind Advisory"),
    ("sarah@northwind.example", "", ""),
    ("Sarah Chen", "sales@northwind.example", "Sarah Chen"),
    ("", "", ""),
])
def test_display_name_is_never_an_email(name, organisation, shown):
    person = SimpleNamespace(name=name, organisation=organisation, email="sarah@northwind.example")
    assert display_name(person) == shown
    assert display_name(person, "your consultant") == (shown or "your consultant")
    assert "@" not in display_name(person)


def test_create_user_takes_title_and_organisation(app, runner):
    result = runner.invoke(args=["create-user", "--email", "sarah@example.com", "--name", "Sarah Chen",
                                 "--title", "Principal Consultant", "--organisation", "Northwind Advisory"])
    assert result.exit_code == 0, result.output
    user = _user(app, "sarah@example.com")
    assert display_name(user) == "Sarah Chen, Northwind Advisory"
    assert user.title == "Principal Consultant"


def test_respondent_intro_names_the_consultant_by_profile_never_email(app, client):
    eng = make_engagement(app)
    with app.app_context():
        owner = db.session.scalar(sa.select(User).where(User.email == OWNER))
        owner.name, owner.organisation = "Sarah Chen", "Northwind Advisory"
        db.session.commit()
    person = add_respondent(app, eng.id, "Pat Doe", "front_line", eng.departments["Sales"])
    text = client.get(f"/r/{person.token}").text
    assert "Sarah Chen, Northwind Advisory is assessing, together with Acme Tools" in text
    assert OWNER not in text


def test_respondent_intro_of_an_account_named_by_its_email(app, client):
    eng = make_engagement(app)
    with app.app_context():
        db.session.scalar(sa.select(User).where(User.email == OWNER)).name = OWNER
        db.session.commit()
    person = add_respondent(app, eng.id, "Pat Doe", "front_line", eng.departments["Sales"])
    text = client.get(f"/r/{person.token}").text
    assert "Your consultant is assessing, together with Acme Tools" in text
    assert OWNER not in text
