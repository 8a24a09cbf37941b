"""Invitations: parsing respondent lists (CSV pasted or uploaded, encodings, roles)."""
from __future__ import annotations

import pytest

from readiness.respondents.csvimport import CsvError, decode, normalise_role, parse_csv
from readiness.respondents.messages import message

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


@pytest.mark.parametrize("csv_text, text", [
    ("", "The CSV is empty."),
    ("\n  \n", "The CSV is empty."),
    ("name,email,department\nAnna,a@example.com,Sales",
     "The first row must name the columns name, email, role, department (missing: role)."),
    ("Anna Lee,anna@example.com,Front line,Sales",
     "The first row must name the columns name, email, role, department (missing: name, email, "
     "role, department)."),
])
def test_unusable_text_is_refused_as_a_whole(csv_text, text):
    with pytest.raises(CsvError) as caught:
        parse_csv(csv_text, DEPARTMENTS)
    assert message(caught.value) == text


def test_too_many_rows(monkeypatch):
    from readiness.respondents import csvimport

    monkeypatch.setattr(csvimport, "MAX_ROWS", 3)
    rows = "".join(f"P{i},p{i}@example.com,other,\n" for i in range(4))
    with pytest.raises(CsvError) as caught:
        parse_csv("name,email,role,department\n" + rows, DEPARTMENTS)
    assert caught.value.code == "too-many"
    assert message(caught.value) == "At most 3 rows can be imported at once."


def test_decoding_uploads():
    assert decode("\ufeffname,email\n".encode("utf-8")) == "name,email\n"
    assert decode("name,姓名\n".encode()) == "name,姓名\n"
    assert decode("name\temail\n".encode("utf-16")) == "name\temail\n"
    with pytest.raises(CsvError) as caught:
        decode("name\nMüller\n".encode("cp1252"))
    assert caught.value.code == "encoding"
