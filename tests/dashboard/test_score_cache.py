"""The scores cached per process (readiness.engagements.stamp): every change that moves a score
changes the engagement's stamp, so the next view shows the new numbers; a view with nothing
changed is a cache hit with the same numbers. On SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness.engagements.assessment import (
    assess_engagement,
    department_inputs,
    engagement_facts,
    pain_inputs,
)
from readiness.engagements.models import Department, Engagement
from readiness.engagements.scores import block_sums, respondent_inputs
from readiness.engagements.stamp import scores_cache, stamp
from readiness.extensions import db
from readiness.method.assess import assess
from readiness.respondents.models import Respondent, RespondentBlock
from readiness.respondents.services import refresh_block_sums, store_answer


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def demo_app(request):
    """(app, engagement id) of the demo engagement, on SQLite or on PostgreSQL."""
    from readiness.demo import load_demo

    app = request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")

    with app.app_context():
        demo = load_demo(tracking=False)
        db.session.commit()
    return app, demo.engagement_id


def _uncached(engagement: Engagement):
    questionnaire = engagement.questionnaire_version.parsed()
    return assess(questionnaire, respondent_inputs(engagement),
                  block_sums(engagement, questionnaire), department_inputs(engagement),
                  pain_inputs(engagement), engagement_facts(engagement, questionnaire))


def _view(engagement_id: int):
    """A page view's assessment in a fresh session (as a new request reads it), and whether it
    came from the cache."""
    db.session.remove()
    engagement = db.session.get_one(Engagement, engagement_id)
    hits = scores_cache.hits
    assessment = assess_engagement(engagement)
    return assessment, scores_cache.hits > hits, engagement


def _first(engagement_id: int, **where) -> Respondent:
    return db.session.scalars(sa.select(Respondent).filter_by(
        engagement_id=engagement_id, revoked=False, **where).order_by(Respondent.id)).first()


def test_a_view_with_nothing_changed_is_a_hit_with_the_same_numbers(demo_app):
    app, engagement_id = demo_app
    with app.app_context():
        first, hit, engagement = _view(engagement_id)
        assert not hit
        again, hit, engagement = _view(engagement_id)
        assert hit and again == first == _uncached(engagement)


@pytest.mark.parametrize("change", ["answer", "new answer", "revoke", "reissue", "role",
                                    "department", "delete department", "new respondent",
                                    "recompute"])
def test_every_change_shows_on_the_next_view(demo_app, change):
    app, engagement_id = demo_app
    with app.app_context():
        before = _view(engagement_id)[0]
        hit, engagement = _view(engagement_id)[1:]
        assert hit
        questionnaire = engagement.questionnaire_version.parsed()
        version_id = engagement.questionnaire_version_id
        person = _first(engagement_id, role="front_line")
        if change == "answer":  # the Core UPDATE of an answer and the upsert of its block
            level = db.session.scalar(sa.text(
                "SELECT level FROM answer WHERE respondent_id = :r AND item_id = 'B1.1'"),
                {"r": person.id})
            store_answer(person.id, questionnaire, version_id, "B1.1", 1 if level != 1 else 5)
        elif change == "new answer":
            newcomer = Respondent(engagement_id=engagement_id, name="N", role="executive")
            db.session.add(newcomer)
            db.session.commit()
            newcomer_id = newcomer.id
            _view(engagement_id)
            store_answer(newcomer_id, questionnaire, version_id, "B3.1", 5)
        elif change == "revoke":
            person.revoked = True
        elif change == "reissue":
            person.revoked = True
            db.session.commit()
            person_id = person.id
            before = _view(engagement_id)[0]
            person = db.session.get_one(Respondent, person_id)
            person.revoked = False
        elif change == "role":
            person.role = "it"
        elif change == "department":
            other = next(d.id for d in engagement.departments if d.id != person.department_id)
            db.session.execute(sa.update(Respondent).where(Respondent.id == person.id)
                               .values(department_id=other))
        elif change == "delete department":
            from readiness.engagements.services import delete_row

            delete_row(db.session.get_one(Department, person.department_id))
        elif change == "new respondent":
            newcomer = Respondent(engagement_id=engagement_id, name="N", role="it",
                                  department_id=person.department_id)
            db.session.add(newcomer)
            db.session.flush()
            store_answer(newcomer.id, questionnaire, version_id, "B7.1", 5)
        elif change == "recompute":  # answers changed behind the sums, then summed again
            db.session.execute(sa.text(
                "UPDATE answer SET level = CASE WHEN level = 1 THEN 5 ELSE 1 END "
                "WHERE respondent_id = :r AND level IS NOT NULL"), {"r": person.id})
            refresh_block_sums([person.id], questionnaire)
        db.session.commit()
        after, hit, engagement = _view(engagement_id)
        assert not hit, change
        assert after == _uncached(engagement)
        if change != "delete department":  # the same people, only their department is gone
            assert after != before, change
        assert _view(engagement_id)[1]


def test_generation_counts_every_update(demo_app):
    app, engagement_id = demo_app
    with app.app_context():
        engagement = db.session.get_one(Engagement, engagement_id)
        questionnaire = engagement.questionnaire_version.parsed()
        version_id = engagement.questionnaire_version_id
        person = _first(engagement_id)

        def generations():
            db.session.expire_all()
            blocks = dict(db.session.execute(sa.select(
                RespondentBlock.block_id, RespondentBlock.generation)
                .where(RespondentBlock.respondent_id == person.id)).all())
            return db.session.get_one(Respondent, person.id).generation, blocks

        level = db.session.scalar(sa.text(
            "SELECT level FROM answer WHERE respondent_id = :r AND item_id = 'B2.1'"),
            {"r": person.id})
        respondent_before, blocks_before = generations()
        store_answer(person.id, questionnaire, version_id, "B2.1", 1 if level != 1 else 5)
        db.session.commit()
        respondent_after, blocks_after = generations()
        assert respondent_after == respondent_before  # the save wrote the answer and its block
        assert blocks_after["B2"] == blocks_before["B2"] + 1
        assert {b: g for b, g in blocks_after.items() if b != "B2"} == {
            b: g for b, g in blocks_before.items() if b != "B2"}
        # Evidence alone scores nothing and touches no block.
        store_answer(person.id, questionnaire, version_id, "B2.1", 1 if level != 1 else 5,
                     evidence="a note")
        db.session.commit()
        assert generations()[1] == blocks_after

        newcomer = Respondent(engagement_id=engagement_id, name="N", role="it")
        db.session.add(newcomer)
        db.session.commit()
        assert newcomer.generation == 0
        store_answer(newcomer.id, questionnaire, version_id, "B2.1", 3)  # also moves it to started
        db.session.commit()
        db.session.expire_all()
        assert db.session.get_one(Respondent, newcomer.id).generation == 1
        assert db.session.scalar(sa.select(RespondentBlock.generation).where(
            RespondentBlock.respondent_id == newcomer.id)) == 0

        row = db.session.get_one(Respondent, person.id)  # an ORM update
        start = row.generation
        row.locale = "zh"
        db.session.commit()
        assert db.session.get_one(Respondent, person.id).generation == start + 1
        db.session.execute(sa.update(Respondent).where(Respondent.id == person.id)  # bulk ORM
                           .values(locale="en"))
        db.session.commit()
        db.session.expire_all()
        assert db.session.get_one(Respondent, person.id).generation == start + 2
        refresh_block_sums([person.id], questionnaire)  # rows replaced: the respondent counts it
        db.session.commit()
        db.session.expire_all()
        assert db.session.get_one(Respondent, person.id).generation == start + 3


def test_uncommitted_writes_neither_read_nor_fill_the_cache(demo_app):
    app, engagement_id = demo_app
    with app.app_context():
        committed, _, engagement = _view(engagement_id)
        assert stamp(engagement) is not None
        questionnaire = engagement.questionnaire_version.parsed()
        person = _first(engagement_id, role="executive")
        store_answer(person.id, questionnaire, engagement.questionnaire_version_id, "B1.1", None)
        assert stamp(engagement) is None
        size = len(scores_cache)
        pending = assess_engagement(engagement)
        assert pending == _uncached(engagement) != committed
        assert len(scores_cache) == size
        db.session.rollback()
        assert _view(engagement_id)[0] == committed


def test_the_dashboard_shows_a_save_on_the_next_view(app, client, auth, demo):
    from readiness.dashboard.services import Filters, dashboard_data

    from .helpers import _expected

    auth.login(demo.email, demo.password)
    url = f"/engagements/{demo.engagement_id}/dashboard?role=front_line"
    with app.test_request_context():
        engagement = db.session.get_one(Engagement, demo.engagement_id)
        assert client.get(url).status_code == 200
        hits = scores_cache.hits
        assert client.get(url).status_code == 200
        assert scores_cache.hits == hits + 1
        person = _first(demo.engagement_id, role="front_line")
        questionnaire = engagement.questionnaire_version.parsed()
        for item in ("B1.1", "B1.2", "B2.1"):
            store_answer(person.id, questionnaire, engagement.questionnaire_version_id, item, 5)
        db.session.commit()
        db.session.remove()
        engagement = db.session.get_one(Engagement, demo.engagement_id)
        data = dashboard_data(engagement, Filters(role="front_line"))
        assert scores_cache.hits == hits + 1  # a miss: the save changed the stamp
        assert data.assessment == _expected(engagement, role="front_line")
        assert dashboard_data(engagement, Filters(role="front_line")) == data
        assert scores_cache.hits == hits + 2


def test_the_cache_is_bounded_and_least_recently_used_goes():
    from readiness.engagements.stamp import LRUCache

    cache = LRUCache(size=2)
    assert cache.get_or_compute("a", lambda: 1) == 1
    assert cache.get_or_compute("b", lambda: 2) == 2
    assert cache.get_or_compute("a", lambda: 0) == 1  # a is now the most recent
    assert cache.get_or_compute("c", lambda: 3) == 3  # b goes
    assert len(cache) == 2
    assert cache.get_or_compute("b", lambda: 4) == 4
    assert cache.get_or_compute("a", lambda: 5) == 5  # a went when b came back
