"""Fixtures of the backup tests: a demo engagement with every kind of row, a second installation."""
from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from readiness import create_app
from readiness.auth.models import User
from readiness.demo.tracking import load_demo_tracking
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.tracking import services as tracking
from readiness.tracking.models import TrackedCheckpoint
from readiness.workshop.models import (
    WorkshopAnswer,
    WorkshopItem,
    WorkshopParticipant,
    WorkshopSession,
    WorkshopSubmission,
    WorkshopVote,
)


def _workshop(engagement: Engagement) -> None:
    """A closed workshop session: two participants, answers in two rounds, a merged submission
    (a self-reference) and dot votes."""
    from readiness.respondents.models import Respondent

    session = WorkshopSession(engagement_id=engagement.id, facilitator_id=engagement.owner_id,
                              code="ACDEFG", status="closed", activity="voting")
    db.session.add(session)
    db.session.flush()
    people = []
    for n, name in enumerate(("Ann", "Bo"), 1):
        respondent = Respondent(engagement_id=engagement.id, name=name, role="manager",
                                source="workshop", department_id=engagement.departments[0].id)
        db.session.add(respondent)
        db.session.flush()
        participant = WorkshopParticipant(session_id=session.id, respondent_id=respondent.id,
                                          token_hash=f"{n:064d}", display_name=name,
                                          role="manager")
        db.session.add(participant)
        people.append(participant)
    db.session.flush()
    db.session.add(WorkshopItem(session_id=session.id, item_id="B1.1", round=2, revealed_round=2))
    for participant in people:
        for round_ in (1, 2):
            db.session.add(WorkshopAnswer(session_id=session.id, participant_id=participant.id,
                                          item_id="B1.1", round=round_, level=2 + round_))
    first = WorkshopSubmission(session_id=session.id, participant_id=people[0].id,
                               title="Orders lost", status="accepted",
                               pain_point_id=engagement_pains(engagement)[0])
    db.session.add(first)
    db.session.flush()
    db.session.add(WorkshopSubmission(session_id=session.id, participant_id=people[1].id,
                                      title="Lost orders", status="merged",
                                      merged_into_id=first.id))
    db.session.add(WorkshopVote(session_id=session.id, participant_id=people[1].id,
                                pain_point_id=engagement_pains(engagement)[1]))


def engagement_pains(engagement: Engagement) -> list[int]:
    from readiness.pains.models import PainPoint

    return list(db.session.scalars(sa.select(PainPoint.id).where(
        PainPoint.engagement_id == engagement.id).order_by(PainPoint.id)))


@pytest.fixture
def full(app, demo):
    """The demo engagement with tracking (comments, audit), an evidence file and a workshop."""
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        owner = db.session.get(User, engagement.owner_id)
        load_demo_tracking(engagement, owner)
        row = db.session.scalar(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == engagement.id).order_by(TrackedCheckpoint.id))
        tracking.add_file(row, "minutes.txt", b"Kick-off minutes\n", owner)
        _workshop(engagement)
        from readiness.demo.services import _draw_answer
        from readiness.demo.waves import add_second_wave

        add_second_wave(engagement, owner, _draw_answer)
        db.session.commit()
    return demo.engagement_id


@pytest.fixture
def other_app(tmp_path, _templates, monkeypatch):
    """A second installation: an empty, migrated database of its own."""
    database = tmp_path / "other.sqlite"
    shutil.copyfile(_templates["empty"], database)
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()
