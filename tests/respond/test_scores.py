"""The respondent's questionnaire: the scores the engine computes are exactly what was answered."""
from __future__ import annotations

import pytest

from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.respond.helpers import (
    B1,
    answers,
    page_form,
    save,
    token_of,
)
from tests.respondents.helpers import add_respondent, make_engagement

# The engine sees exactly what was answered ---------------------------------------------------------

def test_assessment_reflects_exactly_the_levels_given(app, client):
    from readiness.engagements.assessment import assess_engagement

    eng = make_engagement(app)
    alice = add_respondent(app, eng.id, "Alice", "executive", eng.departments["Sales"])
    bob = add_respondent(app, eng.id, "Bob", "front_line", eng.departments["Sales"])
    with app.app_context():
        questionnaire = db.session.get(Engagement, eng.id).questionnaire_version.parsed()
        weights = {i.id: i.weight for i in questionnaire.block("B1").items}
    assert weights == {"B1.1": 1.5, "B1.2": 1.5, "B1.3": 1.0, "B1.4": 1.0, "B1.5": 1.0,
                       "B1.6": 1.0}
    csrf = token_of(client, f"/r/{alice.token}/block/1")
    # Alice: (item, level, confidence); B1.6 "don't know" is counted, not scored.
    given = [("B1.1", 4, "high"), ("B1.2", 2, "low"), ("B1.3", 5, "medium"), ("B1.4", 3, "high"),
             ("B1.5", 1, "medium"), ("B1.6", None, "high")]
    for item_id, level, confidence in given:
        assert save(client, alice.token, {"item_id": item_id, "level": level,
                                          "confidence": confidence}, csrf).status_code == 200
    # Bob through the plain page: all six on medium confidence.
    client.post(f"/r/{bob.token}/block/1", data=page_form(
        B1, {"B1.1": "2", "B1.2": "2", "B1.3": "3", "B1.4": "3", "B1.5": "4", "B1.6": "4"},
        "medium", csrf=csrf))

    # By hand: weight = item weight x confidence weight (low .5, medium .8, high 1.0).
    # Alice: 1.5*1*4 + 1.5*.5*2 + 1*.8*5 + 1*1*3 + 1*.8*1 = 6 + 1.5 + 4 + 3 + .8 = 15.3
    #        over 1.5 + .75 + .8 + 1 + .8 = 4.85 -> mean 3.154639..., score 53.8659...
    alice_score = (15.3 / 4.85 - 1) / 4 * 100
    # Bob: .8 * (1.5*2 + 1.5*2 + 3 + 3 + 4 + 4) = .8 * 20 over .8 * 7 -> mean 20/7
    bob_score = (20 / 7 - 1) / 4 * 100
    with app.app_context():
        assessment = assess_engagement(db.session.get(Engagement, eng.id))
    b1 = assessment.blocks["B1"]
    assert assessment.respondents == 2
    assert b1.stat.n == 2
    assert b1.score == pytest.approx((alice_score + bob_score) / 2)
    assert b1.stat.median == pytest.approx((alice_score + bob_score) / 2)
    assert b1.dont_know_rate == pytest.approx(1 / 12)
    assert assessment.by_role["executive"]["B1"].mean == pytest.approx(alice_score)
    assert assessment.by_role["front_line"]["B1"].mean == pytest.approx(bob_score)
    assert all(assessment.blocks[b].score is None for b in ("B2", "B3", "B8"))
    assert assessment.overall == pytest.approx((alice_score + bob_score) / 2)


def test_a_save_colliding_with_another_tab_is_retried(app, client, person, monkeypatch):
    """Two tabs inserting the same new answer at once: the unique key refuses the second insert;
    the route rolls back and saves again, finding the row to update."""
    from sqlalchemy.exc import IntegrityError

    from readiness.respond import services

    original, calls = services.save_one, []

    def collide_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise IntegrityError("INSERT INTO answer", {}, Exception("UNIQUE constraint failed"))
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "save_one", collide_once)
    response = save(client, person.token, {"item_id": "B2.2", "level": 3})
    assert response.status_code == 200 and len(calls) == 2
    assert answers(app, person.id) == {"B2.2": (3, "medium", "")}
