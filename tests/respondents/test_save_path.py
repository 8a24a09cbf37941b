"""The answer save path (readiness.respondents.services.store_answer): block sums kept by
difference equal a full recompute after any sequence of saves; the write transaction's statements
are few; SQLite connections get the web-server settings."""
from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer, Respondent, RespondentBlock
from readiness.respondents.services import refresh_block_sums, save_answer, store_answer
from tests.respondents.helpers import add_respondent, make_engagement


def _block_rows(respondent_ids):
    rows = db.session.execute(sa.select(
        RespondentBlock.respondent_id, RespondentBlock.block_id, RespondentBlock.weighted_sum,
        RespondentBlock.weight_total, RespondentBlock.answered, RespondentBlock.dont_know)
        .where(RespondentBlock.respondent_id.in_(respondent_ids)))
    # A block whose answers all went away keeps a zero row; a recompute has none.
    return {(r, b): (s, t, a, d) for r, b, s, t, a, d in rows if a or d}


def _random_saves(app, seed: int, saves: int = 400):
    eng = make_engagement(app)
    ids = [add_respondent(app, eng.id, f"R{i}", "manager", eng.departments["Sales"]).id
           for i in range(4)]
    rng = random.Random(seed)
    with app.app_context():
        from readiness.engagements.models import Engagement

        engagement = db.session.get_one(Engagement, eng.id)
        questionnaire = engagement.questionnaire_version.parsed()
        items = [i.id for i in questionnaire.items()][:14]  # few items: many changes of each
        for _ in range(saves):
            level = rng.choice([None, 1, 2, 3, 4, 5])
            store_answer(rng.choice(ids), questionnaire, engagement.questionnaire_version_id,
                         rng.choice(items), level, rng.choice(["low", "medium", "high"]),
                         rng.choice(["", "note"]))
            if rng.random() < 0.3:
                db.session.commit()
        db.session.commit()
        kept = _block_rows(ids)
        refresh_block_sums(ids, questionnaire)
        db.session.commit()
        return kept, _block_rows(ids), ids


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_block_sums_by_difference_equal_a_full_recompute(app, seed):
    kept, recomputed, _ = _random_saves(app, seed)
    assert kept.keys() == recomputed.keys()
    for key, (s, t, a, d) in recomputed.items():
        ks, kt, ka, kd = kept[key]
        assert (ka, kd) == (a, d)
        assert ks == pytest.approx(s, rel=1e-12, abs=1e-12)
        assert kt == pytest.approx(t, rel=1e-12, abs=1e-12)
        if a == 0:  # only "don't know" left: exact zeros, no 1e-16 weight to divide by
            assert (ks, kt) == (0.0, 0.0)


def test_save_returns_the_answer_count_and_moves_invited_to_started(app, person):
    with app.app_context():
        respondent = db.session.get_one(Respondent, person.id)
        from readiness.engagements.models import Engagement

        engagement = db.session.get_one(Engagement, respondent.engagement_id)
        questionnaire = engagement.questionnaire_version.parsed()
        version = engagement.questionnaire_version_id
        assert respondent.status == "invited"
        first = save_answer(respondent, questionnaire, version, "B1.1", 3, "medium")
        assert (first.answered, first.created, respondent.status) == (1, True, "started")
        again = save_answer(respondent, questionnaire, version, "B1.1", 3, "medium")
        assert (again.answered, again.created) == (1, False)
        other = save_answer(respondent, questionnaire, version, "B2.1", None, "low")
        assert other.answered == 2
        db.session.commit()
        db.session.expire_all()
        assert db.session.get_one(Respondent, person.id).status == "started"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)
                                 .where(Answer.respondent_id == person.id)) == 2


def test_an_autosave_runs_one_read_and_two_writes(app, client, person):
    from tests.respond.helpers import save, token_of

    token = person.token
    csrf = token_of(client, f"/r/{token}/block/1")
    assert save(client, token, {"item_id": "B1.1", "level": 2}, csrf).status_code == 200
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        response = save(client, token, {"item_id": "B1.1", "level": 4, "confidence": "high"}, csrf)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200 and response.get_json()["answered"] == 1
    # one read (respondent, version, wave and the old answer to the item); then the write
    # transaction: UPDATE the answer, upsert its block sums
    assert statements == ["SELECT", "UPDATE", "INSERT"]


def test_sqlite_connections_get_the_web_server_settings(app):
    with app.app_context():
        connection = db.session.connection()
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") == 30000
        assert pragma("foreign_keys") == 1


@pytest.mark.postgres
def test_block_sums_by_difference_on_postgres(pg_app):
    kept, recomputed, _ = _random_saves(pg_app, 7, saves=150)
    assert kept.keys() == recomputed.keys()
    for key, (s, t, a, d) in recomputed.items():
        assert kept[key][2:] == (a, d)
        assert kept[key][0] == pytest.approx(s, rel=1e-12, abs=1e-12)
        assert kept[key][1] == pytest.approx(t, rel=1e-12, abs=1e-12)
