"""Issue 11: a character XML forbids (U+FFFE, control characters) in anything the XLSX export
writes is replaced, never a corrupt workbook."""
from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import sqlalchemy as sa
from openpyxl import load_workbook

from readiness.dashboard.exports import xml_text
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent

FORBIDDEN = ["\ufffe", "\uffff", "\x00", "\x01", "\x0b", "\x1f", "\x7f\x08"]


def test_xml_text_replaces_only_what_xml_forbids():
    assert xml_text("tab\there\nnew line\r客户 😀 \ufffd") == "tab\there\nnew line\r客户 😀 \ufffd"
    for char in FORBIDDEN:
        assert "\ufffd" in xml_text(f"a{char}b") and char.strip("\x7f") not in xml_text(f"a{char}b")


def test_xlsx_with_forbidden_characters_opens_and_shows_a_replacement(app, client, auth, demo):
    with app.app_context():
        person = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).order_by(Respondent.id)).first()
        answers = db.session.scalars(sa.select(Answer).where(
            Answer.respondent_id == person.id).order_by(Answer.id)).all()
        for answer, char in zip(answers, FORBIDDEN, strict=False):
            answer.evidence = f"before{char}after"
        db.session.get(Engagement, demo.engagement_id).departments[0].name = "Sales\ufffe"
        db.session.commit()
    auth.login(demo.email, demo.password)
    response = client.get(f"/engagements/{demo.engagement_id}/export.xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                ElementTree.fromstring(package.read(name))  # every part is well-formed XML
    rows = list(load_workbook(io.BytesIO(response.get_data()), read_only=True)["answers"]
                .iter_rows(values_only=True))
    evidence = {row[9] for row in rows[1:]}
    assert {"before\ufffdafter"} <= evidence
    assert any(row[1] == "Sales\ufffd" for row in rows[1:])
