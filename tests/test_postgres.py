"""The same migrations, demo and scores against a real PostgreSQL server (TEST_DATABASE_URL)."""
import os

import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.postgres

SERVER = os.environ.get("TEST_DATABASE_URL")


def test_postgres_demo_scores_match_sqlite(pg_app, app):
    from readiness.demo import load_demo
    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement
    from readiness.extensions import db

    results = []
    for flask_app in (pg_app, app):
        with flask_app.app_context():
            demo = load_demo()
            db.session.commit()
            results.append(assess_engagement(db.session.get(Engagement, demo.engagement_id)))
    on_pg, on_sqlite = results
    assert on_pg.respondents == on_sqlite.respondents == 24
    assert on_pg.overall == pytest.approx(on_sqlite.overall)
    for block_id, result in on_pg.blocks.items():
        assert result.score == pytest.approx(on_sqlite.blocks[block_id].score)
    assert [f.code for f in on_pg.red_lights] == [f.code for f in on_sqlite.red_lights]


def test_postgres_enforces_answer_constraints(pg_app):
    from readiness.extensions import db

    with pg_app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.text(
                "INSERT INTO answer (respondent_id, questionnaire_version_id, item_id, block_id, "
                "weight, level, confidence, evidence, updated_at) "
                "VALUES (999, 999, 'B1.1', 'B1', 1, 3, 'high', '', now())"))
            db.session.flush()
        db.session.rollback()


def test_postgres_pages_render(pg_app):
    from readiness.demo import load_demo
    from readiness.extensions import db

    with pg_app.app_context():
        demo = load_demo()
        db.session.commit()
    client = pg_app.test_client()
    import re

    page = client.get("/auth/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    client.post("/auth/login", data={"email": demo.email, "password": demo.password,
                                     "csrf_token": token})
    response = client.get(f"/engagements/{demo.engagement_id}")
    assert response.status_code == 200 and "Northwind Retail" in response.text
