"""Invitations: CSV parsing, adding respondents, tokens, revoke / re-issue / reopen, the QR sheet,
and access control on every consultant URL."""
from __future__ import annotations

import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from readiness.engagements.models import Department, Engagement, EngagementAccess
from readiness.extensions import db
from readiness.respondents.csvimport import CsvError, decode, normalise_role, parse_csv
from readiness.respondents.models import Respondent

from tests.helpers import csrf_token, make_user

OWNER = "owner@example.com"


def make_engagement(app, owner_email=OWNER, departments=("Sales", "Customer Service"),
                    client="Acme Tools"):
    """An engagement on the built-in questionnaire, with departments, owned by a new consultant."""
    from readiness.questionnaires.services import load_builtin

    owner_id = make_user(app, owner_email)
    with app.app_context():
        engagement = Engagement(owner_id=owner_id, client=client, sector="Manufacturing",
                                start_date=date(2027, 3, 1), questionnaire_version=load_builtin())
        engagement.departments = [Department(name=name) for name in departments]
        db.session.add(engagement)
        db.session.commit()
        return SimpleNamespace(id=engagement.id, owner=owner_email,
                               departments={d.name: d.id for d in engagement.departments})


def add_respondent(app, engagement_id, name="Pat Doe", role="manager", department_id=None,
                   email="", status="invited"):
    with app.app_context():
        respondent = Respondent(engagement_id=engagement_id, name=name, role=role, email=email,
                                department_id=department_id, status=status)
        db.session.add(respondent)
        db.session.commit()
        return SimpleNamespace(id=respondent.id, token=respondent.token)


def respondent(app, respondent_id) -> Respondent:
    with app.app_context():
        row = db.session.get(Respondent, respondent_id)
        db.session.expunge(row)
        return row


# CSV parsing ---------------------------------------------------------------------------------

DEPARTMENTS = {"sales": 1, "customer service": 2}


def test_good_rows_are_kept_and_every_bad_row_has_its_reason():
    text = "\n".join([
        "name,email,role,department",
        "Anna Lee,anna@example.com,Front line,Sales",
        "Bob Stone,bob@example.com,executive,  customer   SERVICE ",
        "Carl Wu,carl@example.com,IT,Marketing",
        ",dan@example.com,manager,Sales",
        "Eve Ng,not-an-email,manager,Sales",
        "Fay Ro,fay@example.com,janitor,Sales",
        "Gus Li,ANNA@example.com,other,Sales",
        "Hal Ek,hal@example.com,Manager",
        "",
        '"Lee, Ivy",ivy@example.com,Front-line,',
        "X" * 121 + ",x@example.com,other,Sales",
        "Old Timer,Existing@Example.com,it,Sales",
        "Kim Jo,kim@example.com,IT,Sales,,",
    ])
    result = parse_csv(text, DEPARTMENTS, existing_emails={"existing@example.com"})
    assert [(r.row, r.name, r.email, r.role, r.department_id) for r in result.rows] == [
        (2, "Anna Lee", "anna@example.com", "front_line", 1),
        (3, "Bob Stone", "bob@example.com", "executive", 2),
        (11, "Lee, Ivy", "ivy@example.com", "front_line", None),
        (14, "Kim Jo", "kim@example.com", "it", 1),
    ]
    assert [e.message() for e in result.errors] == [
        "row 4: unknown department 'Marketing'",
        "row 5: name is empty",
        "row 6: 'not-an-email' is not an email address",
        "row 7: unknown role 'janitor' (use executive, manager, front line, IT or other)",
        "row 8: ANNA@example.com appears twice (first on row 2)",
        "row 9: 3 values but the header has 4 columns (put a name containing the separator in "
        "quotes)",
        "row 12: name is longer than 120 characters",
        "row 13: Existing@example.com is already invited to this engagement",
    ]
    assert result.rejected == 8
    # The rejected rows come back as CSV (header first) for fixing and importing again.
    lines = result.rejected_csv.splitlines()
    assert lines[0] == "name,email,role,department" and len(lines) == 9
    assert lines[1] == "Carl Wu,carl@example.com,IT,Marketing"


def test_excel_semicolons_bom_crlf_and_column_order():
    text = "\ufeffDepartment;Name;E-mail;Role\r\nsales;Zhang Wei;zhang@example.com;IT\r\n\r\n" \
           "Customer Service;Li Na;;Executive\r\n"
    result = parse_csv(text, DEPARTMENTS)
    assert result.errors == []
    assert [(r.row, r.name, r.email, r.role, r.department_id) for r in result.rows] == [
        (2, "Zhang Wei", "zhang@example.com", "it", 1), (4, "Li Na", "", "executive", 2)]


def test_chinese_headers_roles_and_tabs():
    text = "姓名\t邮箱\t角色\t部门\n王芳\twang@example.com\t一线员工\tSales\n"
    result = parse_csv(text, DEPARTMENTS)
    assert [(r.name, r.role, r.department_id) for r in result.rows] == [("王芳", "front_line", 1)]


@pytest.mark.parametrize("value, role", [
    ("executive", "executive"), ("Executive", "executive"), ("EXEC", "executive"),
    ("manager", "manager"), ("front_line", "front_line"), ("Front line", "front_line"),
    ("front-line", "front_line"), ("Frontline", "front_line"), ("IT", "it"), ("it", "it"),
    ("Other", "other"), ("高管", "executive"), ("boss", None), ("", None)])
def test_role_codes_and_friendly_forms(value, role):
    assert normalise_role(value) == role


@pytest.mark.parametrize("text, message", [
    ("", "The CSV is empty."),
    ("\n  \n", "The CSV is empty."),
    ("name,email,department\nAnna,a@example.com,Sales",
     "The first row must name the columns name, email, role, department (missing: role)."),
    ("Anna Lee,anna@example.com,Front line,Sales",
     "The first row must name the columns name, email, role, department (missing: name, email, "
     "role, department)."),
])
def test_unusable_text_is_refused_as_a_whole(text, message):
    with pytest.raises(CsvError) as caught:
        parse_csv(text, DEPARTMENTS)
    assert caught.value.message() == message


def test_too_many_rows(monkeypatch):
    from readiness.respondents import csvimport

    monkeypatch.setattr(csvimport, "MAX_ROWS", 3)
    rows = "".join(f"P{i},p{i}@example.com,other,\n" for i in range(4))
    with pytest.raises(CsvError) as caught:
        parse_csv("name,email,role,department\n" + rows, DEPARTMENTS)
    assert caught.value.message() == "At most 3 rows can be imported at once."


def test_decoding_uploads():
    assert decode("\ufeffname,email\n".encode("utf-8")) == "name,email\n"
    assert decode("name,姓名\n".encode("utf-8")) == "name,姓名\n"
    assert decode("name\temail\n".encode("utf-16")) == "name\temail\n"
    with pytest.raises(CsvError) as caught:
        decode("name\nMüller\n".encode("cp1252"))
    assert caught.value.code == "encoding"


# Through the pages -----------------------------------------------------------------------------

@pytest.fixture
def eng(app):
    return make_engagement(app)


def login(auth, email):
    assert auth.login(email).status_code == 302


def page_token(client, engagement_id):
    return csrf_token(client.get(f"/engagements/{engagement_id}/respondents").text)


def respondents_of(app, engagement_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == engagement_id).order_by(Respondent.id)).all()
        return [(r.name, r.email, r.role, r.department_id, r.status) for r in rows]


def test_bulk_add_by_pasting(app, client, auth, eng):
    login(auth, OWNER)
    text = ("name,email,role,department\nAnna Lee,anna@example.com,Front line,Sales\n"
            "Bob Stone,bob@example.com,IT,sales\nCarl Wu,carl@example.com,Executive,Marketing\n"
            "Dee Park,dee@example.com,Manager,Customer Service\n")
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_text": text, "csrf_token": page_token(client, eng.id)})
    assert response.status_code == 200
    assert "3 added, 1 rejected" in response.text
    assert "row 4: unknown department &#39;Marketing&#39;" in response.text
    # The import box now holds only the header and the rejected row.
    box = re.search(r'<textarea[^>]*name="csv_text"[^>]*>(.*?)</textarea>', response.text, re.S)
    assert box.group(1).strip() == ("name,email,role,department\n"
                                    "Carl Wu,carl@example.com,Executive,Marketing")
    assert respondents_of(app, eng.id) == [
        ("Anna Lee", "anna@example.com", "front_line", eng.departments["Sales"], "invited"),
        ("Bob Stone", "bob@example.com", "it", eng.departments["Sales"], "invited"),
        ("Dee Park", "dee@example.com", "manager", eng.departments["Customer Service"], "invited")]
    # Importing the same file again adds nobody: every email is already invited.
    again = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_text": text, "csrf_token": page_token(client, eng.id)})
    assert again.status_code == 400 and "0 added, 4 rejected" in again.text
    assert "row 2: anna@example.com is already invited to this engagement" in again.text
    assert len(respondents_of(app, eng.id)) == 3


def test_bulk_add_by_uploading_an_excel_csv(app, client, auth, eng):
    login(auth, OWNER)
    data = "\ufeffname;email;role;department\r\nMüller, Jörg;jm@example.com;Front line;Sales\r\n"
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_file": (io.BytesIO(data.encode("utf-8")), "people.csv"), "csv_text": "",
        "csrf_token": page_token(client, eng.id)}, content_type="multipart/form-data")
    assert response.status_code == 200 and "1 added, 0 rejected" in response.text
    assert respondents_of(app, eng.id) == [
        ("Müller, Jörg", "jm@example.com", "front_line", eng.departments["Sales"], "invited")]


def test_upload_in_a_legacy_encoding_is_explained(app, client, auth, eng):
    login(auth, OWNER)
    data = "name,email,role,department\nMüller,m@example.com,IT,Sales\n".encode("cp1252")
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_file": (io.BytesIO(data), "people.csv"), "csrf_token": page_token(client, eng.id)},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The file is not UTF-8 text" in response.text
    assert respondents_of(app, eng.id) == []


def test_import_with_nothing_given(app, client, auth, eng):
    login(auth, OWNER)
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_text": "  ", "csrf_token": page_token(client, eng.id)})
    assert response.status_code == 400 and "Paste CSV text or choose a file." in response.text


@pytest.mark.parametrize("path, data", [
    ("/respondents/import", {"csv_text": "name,email,role,department\nA,a@example.com,IT,Sales"}),
    ("/respondents", {"name": "A", "email": "", "role": "it", "department": "0"}),
])
def test_forms_refuse_a_missing_csrf_token(app, client, auth, eng, path, data):
    login(auth, OWNER)
    response = client.post(f"/engagements/{eng.id}{path}", data=data)
    assert response.status_code == 400
    assert respondents_of(app, eng.id) == []


def test_add_one_respondent(app, client, auth, eng):
    login(auth, OWNER)
    sales = eng.departments["Sales"]
    response = client.post(f"/engagements/{eng.id}/respondents", data={
        "name": "  Anna   Lee ", "email": "anna@example.com", "role": "front_line",
        "department": str(sales), "csrf_token": page_token(client, eng.id)})
    assert response.status_code == 302
    assert respondents_of(app, eng.id) == [
        ("Anna Lee", "anna@example.com", "front_line", sales, "invited")]
    listing = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Anna Lee added. Their personal link is in the list." in listing

    duplicate = client.post(f"/engagements/{eng.id}/respondents", data={
        "name": "Anna Again", "email": "ANNA@example.com", "role": "it", "department": "0",
        "csrf_token": page_token(client, eng.id)})
    assert duplicate.status_code == 400
    assert "This email is already invited to this engagement." in duplicate.text
    assert 'value="Anna Again"' in duplicate.text  # the input is kept
    assert len(respondents_of(app, eng.id)) == 1


def test_add_refuses_another_engagements_department_and_bad_fields(app, client, auth, eng):
    other = make_engagement(app, "other@example.com", departments=("Elsewhere",))
    login(auth, OWNER)
    response = client.post(f"/engagements/{eng.id}/respondents", data={
        "name": "", "email": "not-an-email", "role": "boss",
        "department": str(other.departments["Elsewhere"]), "csrf_token": page_token(client, eng.id)})
    assert response.status_code == 400
    assert response.text.count('class="error"') == 4  # name, email, role, department
    assert "Not a valid choice" in response.text
    assert respondents_of(app, eng.id) == []


def test_tokens_are_long_random_and_unique(app, client, auth, eng):
    login(auth, OWNER)
    rows = "".join(f"Person {i},p{i}@example.com,other,Sales\n" for i in range(300))
    client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_text": "name,email,role,department\n" + rows, "csrf_token": page_token(client, eng.id)})
    with app.app_context():
        tokens = db.session.scalars(sa.select(Respondent.token)).all()
    assert len(tokens) == 300 and len(set(tokens)) == 300
    # secrets.token_urlsafe(24): 24 random bytes = 192 bits = 32 URL-safe characters.
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", t) for t in tokens)


def test_roster_shows_status_progress_link_and_response_rate(app, client, auth, eng):
    from readiness.respondents.models import Answer  # noqa: F401  (answers added through the API)

    sales = eng.departments["Sales"]
    done = add_respondent(app, eng.id, "Done Person", "executive", sales, status="completed")
    half = add_respondent(app, eng.id, "Half Person", "it", sales)
    add_respondent(app, eng.id, "New Person", "front_line", None)
    gone = add_respondent(app, eng.id, "Gone Person", "other", sales)
    with app.app_context():
        db.session.get(Respondent, gone.id).revoked = True
        db.session.commit()
    _answer(app, half.id, {"B1.1": 3, "B1.2": None, "B2.1": 4})
    login(auth, OWNER)
    page = client.get(f"/engagements/{eng.id}/respondents").text
    # 1 completed of 3 active (the revoked one does not count).
    assert "<strong>33%</strong>" in page
    assert "1 of 3 respondents completed" in page and "1 revoked" in page
    row = _row(page, half.id)
    assert "Half Person" in row and "Sales" in row and "IT" in row
    assert ">started<" in row and "3/48" in row
    assert f'value="http://localhost/r/{half.token}"' in row
    assert ">completed<" in _row(page, done.id) and "Reopen" in _row(page, done.id)
    gone_row = _row(page, gone.id)
    assert ">revoked<" in gone_row and gone.token not in gone_row and "Link withdrawn" in gone_row
    # Filters.
    only_started = client.get(f"/engagements/{eng.id}/respondents?status=started").text
    assert "Half Person" in only_started and "Done Person" not in only_started


def _answer(app, respondent_id, levels):
    from readiness.respondents.services import save_answer

    with app.app_context():
        r = db.session.get(Respondent, respondent_id)
        engagement = db.session.get(Engagement, r.engagement_id)
        for item_id, level in levels.items():
            save_answer(r, engagement.questionnaire_version.parsed(),
                        engagement.questionnaire_version_id, item_id, level, "medium")
        db.session.commit()


def _row(page, respondent_id):
    match = re.search(rf'<tr data-respondent="{respondent_id}".*?</tr>', page, re.S)
    assert match, f"no row for respondent {respondent_id}"
    return match.group(0)


def _post(client, engagement_id, respondent_id, action):
    return client.post(f"/engagements/{engagement_id}/respondents/{respondent_id}/{action}",
                       data={"csrf_token": page_token(client, engagement_id)})


def test_revoke_reissue_and_reopen(app, client, auth, eng):
    from readiness.engagements.services import assess_engagement

    person = add_respondent(app, eng.id, "Pat Doe", "manager", eng.departments["Sales"])
    _answer(app, person.id, {"B1.1": 4})
    with app.app_context():
        assert assess_engagement(db.session.get(Engagement, eng.id)).respondents == 1
    login(auth, OWNER)

    assert _post(client, eng.id, person.id, "revoke").status_code == 302
    assert respondent(app, person.id).revoked is True
    assert client.get(f"/r/{person.token}").status_code == 410
    with app.app_context():  # revoked answers stop counting
        assessment = assess_engagement(db.session.get(Engagement, eng.id))
        assert assessment.respondents == 0 and assessment.blocks["B1"].score is None

    assert _post(client, eng.id, person.id, "reissue").status_code == 302
    fresh = respondent(app, person.id)
    assert fresh.token != person.token and len(fresh.token) == 32 and fresh.revoked is False
    assert client.get(f"/r/{person.token}").status_code == 404  # the old link is dead
    assert client.get(f"/r/{fresh.token}").status_code == 200
    with app.app_context():
        assert assess_engagement(db.session.get(Engagement, eng.id)).respondents == 1

    # Reopen only applies to a completed questionnaire.
    response = _post(client, eng.id, person.id, "reopen")
    assert response.status_code == 302
    assert "Only a completed questionnaire can be reopened." in client.get(response.location).text
    with app.app_context():
        row = db.session.get(Respondent, person.id)
        row.status, row.completed_at = "completed", row.created_at
        db.session.commit()
    assert client.post(f"/r/{fresh.token}/answer", json={"item_id": "B1.1", "level": 2},
                       headers={"X-CSRFToken": page_token(client, eng.id)}).status_code == 409
    assert _post(client, eng.id, person.id, "reopen").status_code == 302
    reopened = respondent(app, person.id)
    assert reopened.status == "started" and reopened.completed_at is None
    saved = client.post(f"/r/{fresh.token}/answer", json={"item_id": "B1.1", "level": 2},
                        headers={"X-CSRFToken": page_token(client, eng.id)})
    assert saved.status_code == 200 and saved.get_json()["saved"] is True


def test_a_respondent_of_another_engagement_is_404(app, client, auth, eng):
    other = make_engagement(app, "other@example.com", departments=("Elsewhere",))
    foreign = add_respondent(app, other.id, "Foreign Person")
    login(auth, OWNER)
    for action in ("revoke", "reissue", "reopen"):
        assert _post(client, eng.id, foreign.id, action).status_code == 404
    assert respondent(app, foreign.id).revoked is False


def test_printable_sheet_has_a_card_and_qr_code_per_active_respondent(app, client, auth, eng):
    from readiness.respondents.invitations import qr_svg

    sales = eng.departments["Sales"]
    anna = add_respondent(app, eng.id, "Anna Lee", "front_line", sales)
    add_respondent(app, eng.id, "Bob Stone", "it", eng.departments["Customer Service"])
    gone = add_respondent(app, eng.id, "Gone Person", "other", sales)
    with app.app_context():
        db.session.get(Respondent, gone.id).revoked = True
        db.session.commit()
    login(auth, OWNER)
    page = client.get(f"/engagements/{eng.id}/respondents/sheet").text
    assert page.count('data-testid="card"') == 2 and "Gone Person" not in page
    url = f"http://localhost/r/{anna.token}"
    assert url in page
    assert str(qr_svg(url)) in page  # the inline SVG of exactly this link
    assert page.count("<svg") == 2
    assert "css/respondents.css" in page
    only_sales = client.get(f"/engagements/{eng.id}/respondents/sheet?department={sales}").text
    assert only_sales.count('data-testid="card"') == 1 and "Bob Stone" not in only_sales


def test_qr_code_encodes_the_link():
    from readiness.respondents.invitations import qr_svg

    svg = str(qr_svg("http://localhost/r/abc"))
    assert svg.startswith("<svg") and 'viewBox="0 0 29 29"' in svg  # version 2 + 2-module border
    assert "<script" not in svg


def test_names_are_escaped(app, client, auth, eng):
    add_respondent(app, eng.id, "<script>alert(1)</script>")
    login(auth, OWNER)
    for path in ("", "/sheet"):
        page = client.get(f"/engagements/{eng.id}/respondents{path}").text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Access control: every consultant URL -------------------------------------------------------------

ROUTES = [
    ("GET", "/respondents"),
    ("GET", "/respondents/sheet"),
    ("POST", "/respondents"),
    ("POST", "/respondents/import"),
    ("POST", "/respondents/{r}/revoke"),
    ("POST", "/respondents/{r}/reissue"),
    ("POST", "/respondents/{r}/reopen"),
]
POST_DATA = {
    "/respondents": {"name": "New Person", "email": "", "role": "it", "department": "0"},
    "/respondents/import": {"csv_text": "name,email,role,department\nNew Person,,it,\n"},
}


def _expected(who, method, path):
    if who == "stranger":
        return {404}
    if who == "viewer":
        # Client viewers read the roster, but personal links (the sheet) are keys to a person's
        # answers: only those who may edit the engagement get them.
        return {200} if (method, path) == ("GET", "/respondents") else {403}
    return {200} if method == "GET" or path == "/respondents/import" else {302}


@pytest.mark.parametrize("who", ["owner", "shared consultant", "viewer", "stranger"])
@pytest.mark.parametrize("method, path", ROUTES)
def test_access_control_on_every_route(app, client, auth, eng, who, method, path):
    person = add_respondent(app, eng.id, "Pat Doe", status="completed")
    email = {"owner": OWNER, "shared consultant": "colleague@example.com",
             "viewer": "viewer@client.example", "stranger": "stranger@example.com"}[who]
    if who != "owner":
        user_id = make_user(app, email, role="viewer" if who == "viewer" else "consultant")
        if who != "stranger":
            with app.app_context():
                db.session.add(EngagementAccess(engagement_id=eng.id, user_id=user_id))
                db.session.commit()
    login(auth, email)
    url = f"/engagements/{eng.id}" + path.format(r=person.id)
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client.get("/engagements").text)
        response = client.post(url, data=dict(POST_DATA.get(path, {}), csrf_token=token))
    assert response.status_code in _expected(who, method, path)
    if response.status_code in (403, 404):
        assert len(respondents_of(app, eng.id)) == 1
        assert respondent(app, person.id).status == "completed"
        assert respondent(app, person.id).token == person.token


@pytest.mark.parametrize("method, path", ROUTES)
def test_anonymous_users_are_sent_to_login(app, client, eng, method, path):
    person = add_respondent(app, eng.id)
    url = f"/engagements/{eng.id}" + path.format(r=person.id)
    if method == "GET":
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.location
    else:
        assert client.post(url).status_code in (302, 400)
    assert respondent(app, person.id).token == person.token


def test_viewer_sees_the_roster_without_links(app, client, auth, eng):
    person = add_respondent(app, eng.id, "Pat Doe")
    viewer = make_user(app, "viewer@client.example", role="viewer")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=eng.id, user_id=viewer))
        db.session.commit()
    login(auth, "viewer@client.example")
    page = client.get(f"/engagements/{eng.id}/respondents").text
    assert "Pat Doe" in page and person.token not in page
    assert "Add one respondent" not in page and "Revoke" not in page
    assert "Personal links are shown to the consultants of this engagement only." in page
