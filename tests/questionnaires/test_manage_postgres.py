"""Questionnaire versions on PostgreSQL: shipped ones stored, a copy edited in place, an answered
version edited into a new one, the per-version counts (TEST_DATABASE_URL)."""
from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.postgres


def test_versions_on_postgres(pg_app):
    from readiness.auth.services import create_user
    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.questionnaires import manage
    from readiness.questionnaires.services import load_shipped
    from readiness.respondents.models import Respondent
    from readiness.respondents.services import save_answer

    with pg_app.app_context():
        _pulse, builtin = load_shipped()
        copy = manage.copy_version(builtin, "acme", "1.0", "Acme", "Acme 评估")
        shown, outcome = manage.save_edit(copy, lambda d: d["blocks"][0]["items"][0].update(weight=2.0))
        assert (shown.id, outcome) == (copy.id, "updated")
        user, _ = create_user("pg@example.com", "Pg", "correct horse battery", "consultant")
        engagement = Engagement(owner_id=user.id, client="Pg", start_date=date(2027, 3, 1),
                                questionnaire_version_id=copy.id)
        db.session.add(engagement)
        db.session.flush()
        person = Respondent(engagement_id=engagement.id, name="P", role="manager")
        db.session.add(person)
        db.session.flush()
        save_answer(person, copy.parsed(), copy.id, "B1.1", 3, "medium")
        db.session.commit()
        assert manage.answered_ids() == {copy.id}
        assert manage.engagement_counts() == {copy.id: 1}
        new, outcome = manage.save_edit(copy, lambda d: d["blocks"][0]["items"][0].update(weight=3.0))
        db.session.commit()
        assert outcome == "created" and new.version == "1.1" and new.id != copy.id
        assert copy.definition["blocks"][0]["items"][0]["weight"] == 2.0
        assert [v.key for v in manage.all_versions()][:1] == ["crm-readiness"]
