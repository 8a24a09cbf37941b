"""A backup made on SQLite restores on PostgreSQL and exports the same document back."""
from __future__ import annotations

import json

import pytest

from readiness.auth.services import create_user
from readiness.backup.export import export_engagement
from readiness.backup.services import export_bytes, import_bytes
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.questionnaires.services import load_builtin

pytestmark = pytest.mark.postgres


def test_sqlite_backup_round_trips_through_postgres(app, pg_app, full, demo):
    with app.app_context():
        first = json.loads(export_bytes(db.session.get(Engagement, full)))
    with pg_app.app_context():
        load_builtin()
        owner, _ = create_user(demo.email, "Sarah Chen", "correct horse battery", "consultant")
        db.session.commit()
        engagement = import_bytes(json.dumps(first).encode(), owner)
        again = json.loads(json.dumps(export_engagement(engagement)))
    first.pop("exported_at")
    again.pop("exported_at")
    assert again == first
