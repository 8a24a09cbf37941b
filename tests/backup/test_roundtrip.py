"""Export, import into another (empty) installation, export again: the same document."""
from __future__ import annotations

import json

import sqlalchemy as sa

from readiness.auth.models import User
from readiness.auth.services import create_user
from readiness.backup.export import export_engagement
from readiness.backup.services import export_bytes, import_bytes
from readiness.backup.tables import SCHEMA, TABLES
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Respondent
from readiness.workshop.models import WorkshopParticipant, WorkshopSession
from tests.helpers import make_user


def _export(app, engagement_id: int) -> dict:
    with app.app_context():
        return json.loads(export_bytes(db.session.get(Engagement, engagement_id)))


def _without_export_time(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def test_round_trip_into_an_empty_installation_is_identical(app, other_app, full, demo):
    first = _export(app, full)
    assert first["schema"] == SCHEMA
    assert all(first[t.name] for t in TABLES), [t.name for t in TABLES if not first[t.name]]
    text = json.dumps(first)
    with app.app_context():
        tokens = list(db.session.scalars(sa.select(Respondent.token)))
        assert not any(token in text for token in tokens)  # no respondent links travel
        assert "ACDEFG" not in text and "0" * 64 not in text  # nor workshop codes and tokens
    with other_app.app_context():  # the consultant has an account there too
        owner, _ = create_user(demo.email, "Sarah Chen", "correct horse battery", "consultant")
        engagement = import_bytes(json.dumps(first).encode(), owner)
        new_id = engagement.id
        again = export_engagement(engagement)
        # New secrets were made for the new installation.
        assert all(len(t) > 20 for t in db.session.scalars(sa.select(Respondent.token)))
        assert db.session.scalar(sa.select(WorkshopSession.code)) != "ACDEFG"
        assert db.session.scalar(sa.select(WorkshopParticipant.token_hash)) != "0" * 64
    assert _without_export_time(json.loads(json.dumps(again))) == _without_export_time(first)
    # The restored engagement works: its pages read it.
    client = other_app.test_client()
    from tests.helpers import Auth

    Auth(client).login(demo.email, "correct horse battery")
    for path in ("", "/roadmap", "/tracking", "/respondents", "/pains", "/dashboard"):
        response = client.get(f"/engagements/{new_id}{path}")
        assert response.status_code in (200, 404), path  # 404: a page this branch lacks


def test_import_into_the_same_installation_makes_a_new_engagement(app, full, demo):
    first = _export(app, full)
    with app.app_context():
        owner = db.session.scalar(sa.select(User).where(User.email == demo.email))
        before = set(db.session.scalars(sa.select(Respondent.token)))
        engagement = import_bytes(json.dumps(first).encode(), owner)
        assert engagement.id != full
        after = set(db.session.scalars(sa.select(Respondent.token).where(
            Respondent.engagement_id == engagement.id)))
        assert after and not after & before
        assert _without_export_time(export_engagement(engagement)) == _without_export_time(first)


def test_accounts_unknown_here_become_nobody(app, other_app, full):
    first = _export(app, full)
    make_user(other_app, "someone@else.example")
    with other_app.app_context():
        owner = db.session.scalar(sa.select(User))
        engagement = import_bytes(json.dumps(first).encode(), owner)
        again = export_engagement(engagement)
    assert again["users"] == [{"ref": 1, "email": "someone@else.example", "name": "Someone"}]
    assert {e["edited_by"] for e in again["roadmap_edits"]} == {None}
