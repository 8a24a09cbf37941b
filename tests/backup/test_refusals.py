"""Bad backup files are refused with a reason, and nothing is written."""
from __future__ import annotations

import copy
import io
import json

import pytest
import sqlalchemy as sa

from readiness.auth.models import User
from readiness.backup.messages import message
from readiness.backup.services import export_bytes, import_bytes
from readiness.backup.validate import MAX_BYTES, BackupError
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.questionnaires.models import QuestionnaireVersion
from tests.helpers import csrf_token


@pytest.fixture
def document(app, demo):
    with app.app_context():
        return json.loads(export_bytes(db.session.get(Engagement, demo.engagement_id)))


def _counts(app):
    with app.app_context():
        return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                     for model in (Engagement, QuestionnaireVersion))


def _refused(app, demo, raw: bytes) -> BackupError:
    before = _counts(app)
    with app.app_context():
        owner = db.session.scalar(sa.select(User).where(User.email == demo.email))
        with pytest.raises(BackupError) as caught:
            import_bytes(raw, owner)
        reason = message(caught.value)
    assert _counts(app) == before
    assert reason and reason != caught.value.code
    return caught.value


def _changed(document, change) -> bytes:
    doc = copy.deepcopy(document)
    change(doc)
    return json.dumps(doc).encode()


def test_wrong_schema_version(app, demo, document):
    error = _refused(app, demo, _changed(document, lambda d: d.update(
        schema="readiness-engagement/2")))
    assert error.code == "wrong-schema" and error.params["found"] == "readiness-engagement/2"


@pytest.mark.parametrize("change, code", [
    (lambda d: d.pop("respondents"), "missing-section"),
    (lambda d: d["departments"][0].pop("name"), "missing-field"),
    (lambda d: d["engagement"].pop("client"), "missing-field"),
    (lambda d: d.update(pains={}), "bad-section"),
    (lambda d: d["respondents"][0].update(department_id=999), "bad-reference"),
    (lambda d: d["answers"][0].update(respondent_id=0), "bad-reference"),
    (lambda d: d["engagement"].update(questionnaire=2), "bad-reference"),
    (lambda d: d["departments"][1].update(ref=7), "bad-row"),
    (lambda d: d["departments"][0].update(name="x" * 121), "bad-value"),
    (lambda d: d["engagement"].update(start_date="next week"), "bad-value"),
    (lambda d: d["answers"][0].update(level="5"), "bad-value"),
    (lambda d: d["questionnaires"][0].update(content_hash="0" * 64), "questionnaire-hash"),
    (lambda d: d["questionnaires"][0]["definition"].pop("blocks"), "bad-questionnaire"),
])
def test_broken_documents(app, demo, document, change, code):
    assert _refused(app, demo, _changed(document, change)).code == code


def test_a_constraint_failing_while_writing_rolls_everything_back(app, demo, document):
    def duplicate_answer(doc):
        doc["answers"].append({**doc["answers"][0], "ref": len(doc["answers"]) + 1})

    assert _refused(app, demo, _changed(document, duplicate_answer)).code == "not-stored"


@pytest.mark.parametrize("raw, code", [
    (b"\xff\xfe not text", "not-json"), (b"{", "not-json"), (b"[1, 2]", "not-a-backup"),
    (b'{"schema": NaN}', "not-json"), (b"[" * 100_000, "not-json"),
    (b" " * (MAX_BYTES + 1), "too-large")])
def test_not_a_backup_at_all(app, demo, raw, code):
    assert _refused(app, demo, raw).code == code


def test_import_page_shows_the_reason(app, client, auth, demo, document):
    auth.login(demo.email, demo.password)
    page = client.get("/engagements/import")
    assert page.status_code == 200
    bad = _changed(document, lambda d: d.update(schema="other/9"))
    response = client.post("/engagements/import", data={
        "csrf_token": csrf_token(page.text), "backup": (io.BytesIO(bad), "backup.json")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "other/9" in response.text and "readiness-engagement/1" in response.text
    response = client.post("/engagements/import", data={"csrf_token": csrf_token(page.text)},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Choose a backup file" in response.text


def test_import_page_takes_files_beyond_the_usual_limit_and_checks_csrf(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    page = client.get("/engagements/import")
    big = b'{"schema": "readiness-engagement/1", "pad": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    response = client.post("/engagements/import", data={
        "csrf_token": csrf_token(page.text), "backup": (io.BytesIO(big), "big.json")},
        content_type="multipart/form-data")
    assert response.status_code == 422 and "no questionnaires section" in response.text
    response = client.post("/engagements/import", data={
        "backup": (io.BytesIO(big), "big.json")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "reload the page" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Engagement)) == 1


def test_import_page_imports_and_redirects(app, client, auth, demo, document):
    auth.login(demo.email, demo.password)
    page = client.get("/engagements/import")
    response = client.post("/engagements/import", data={
        "csrf_token": csrf_token(page.text),
        "backup": (io.BytesIO(json.dumps(document).encode()), "backup.json")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Engagement)) == 2
