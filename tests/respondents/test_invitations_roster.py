"""Invitations through the pages: bulk add by pasting or uploading, adding one respondent,
tokens, and the roster with status, progress and response rate."""
from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.respondents.helpers import (
    OWNER,
    _answer,
    _row,
    add_respondent,
    login,
    make_engagement,
    page_token,
    respondents_of,
)

# Through the pages -----------------------------------------------------------------------------

def test_bulk_add_by_pasting(app, client, auth, eng):
    login(auth, OWNER)
    text = ("name,email,role,department\nAnna Lee,anna@example.com,Front line,Sales\n"
            "Bob Stone,bob@example.com,IT,sales\nCarl Wu,carl@example.com,Executive,Marketing\n"
            "Dee Park,dee@example.com,Manager,Customer Service\n")
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_text": text, "csrf_token": page_token(client, eng.id)})
    assert response.status_code == 302  # post/redirect/get: Back never imports twice
    response = client.get(response.headers["Location"])
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
        "csrf_token": page_token(client, eng.id)}, content_type="multipart/form-data",
        follow_redirects=True)
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
    assert "1 of 3 invited respondents completed" in page and "1 revoked" in page
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
