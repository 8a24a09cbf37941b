"""Workshop services: open and join, live questions in rounds (counted in the engagement's scores),
pain capture -> merge -> accept, dot-voting limits and the reveal, pause and close."""
from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from readiness.auth.models import User
from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.method.pains import rank_pains
from readiness.pains.models import PainPoint
from readiness.respondents.models import Answer, Respondent
from readiness.workshop import answers, capture, controls, services, voting
from readiness.workshop.models import (
    WorkshopAnswer,
    WorkshopParticipant,
    WorkshopSubmission,
    WorkshopVote,
)
from readiness.workshop.services import WorkshopError


@pytest.fixture
def ctx(app, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        user = db.session.scalar(sa.select(User).where(User.email == demo.email))
        yield SimpleNamespace(engagement=engagement, user=user,
                              q=engagement.questionnaire_version.parsed(),
                              version_id=engagement.questionnaire_version_id)


@pytest.fixture
def fresh(ctx):
    """An engagement with no respondents and no pain points, for exact score checks."""
    engagement = Engagement(owner_id=ctx.user.id, client="Fresh Ltd", start_date=date(2027, 1, 1),
                            questionnaire_version_id=ctx.version_id)
    engagement.departments = [Department(name="Sales"), Department(name="Service")]
    db.session.add(engagement)
    db.session.commit()
    return engagement


def open_(ctx, engagement=None, votes=None):
    session = services.open_session(engagement or ctx.engagement, ctx.user, ctx.q, votes)
    db.session.commit()
    return session


def join(session, name="", role="manager", department_id=None):
    participant, token = services.join(session, name, role, department_id)
    db.session.commit()
    return participant, token


def refused(code, call, *args):
    with pytest.raises(WorkshopError) as error:
        call(*args)
    db.session.rollback()
    assert error.value.code == code
    return error.value


# Opening and joining -----------------------------------------------------------------------

def test_join_code_is_short_unambiguous_and_unique_among_open_sessions(ctx, monkeypatch):
    first = open_(ctx)
    assert re.fullmatch(f"[{services.CODE_ALPHABET}]{{6}}", first.code)
    assert not set("0O1IL5S2Z8B") & set(services.CODE_ALPHABET)
    assert first.votes_per_participant == ctx.q.settings.votes_per_participant == 3
    draws = iter([first.code, first.code, "CCCCCC", first.code])
    monkeypatch.setattr(services, "new_code", lambda: next(draws))
    second = open_(ctx)
    assert second.code == "CCCCCC"  # the open session's code was drawn twice and skipped
    controls.set_status(first, "closed")
    db.session.commit()
    third = open_(ctx)
    assert third.code == first.code  # a closed session's code is free again
    assert services.find_by_code(first.code.lower()).id == third.id  # open one wins
    assert services.find_by_code(" " + "-".join(third.code[:3]) + third.code[3:]).id == third.id
    assert services.find_by_code("QQQ") is None


def test_join_makes_a_workshop_respondent_and_an_unguessable_token(ctx):
    session = open_(ctx)
    department = ctx.engagement.departments[0]
    participant, token = join(session, "  Ann  ", "front_line", department.id)
    assert len(token) >= 32  # token_urlsafe(24): 192 bits
    assert participant.token_hash != token and len(participant.token_hash) == 64
    respondent = db.session.get(Respondent, participant.respondent_id)
    assert (respondent.source, respondent.role, respondent.department_id, respondent.name,
            respondent.engagement_id) == ("workshop", "front_line", department.id, "Ann",
                                          ctx.engagement.id)
    assert services.participant_for(session, token).id == participant.id
    assert services.participant_for(session, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert services.participant_for(session, None) is None
    other = open_(ctx)
    assert services.participant_for(other, token) is None  # a token belongs to one session
    anonymous, _ = join(session)
    assert anonymous.display_name == ""
    refused("bad-role", services.join, session, "Bob", "ceo", None)
    foreign = Engagement(owner_id=ctx.user.id, client="X", start_date=date(2027, 1, 1),
                         questionnaire_version_id=ctx.version_id)
    foreign.departments = [Department(name="Elsewhere")]
    db.session.add(foreign)
    db.session.commit()
    refused("bad-department", services.join, session, "Bob", "it", foreign.departments[0].id)


# Live questions ----------------------------------------------------------------------------

def test_rounds_are_kept_and_the_latest_answer_counts_in_the_scores(ctx, fresh):
    session = open_(ctx, fresh)
    people = [join(session, name, role, fresh.departments[0].id)[0]
              for name, role in (("Ann", "executive"), ("Bo", "front_line"), ("Cy", "it"))]
    controls.ask(session, ctx.q, "B1.1")
    db.session.commit()

    def say(person, level, item="B1.1"):
        answers.answer(session, person, ctx.q, ctx.version_id, item, level)
        db.session.commit()

    say(people[0], 2)
    say(people[1], 4)
    say(people[1], 4)  # the same request twice: one row
    say(people[2], None)  # don't know
    assert answers.answered_counts(session, "B1.1") == {1: 3}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopAnswer)) == 3
    refused("not-current", answers.answer, session, people[0], ctx.q, ctx.version_id, "B1.2", 3)
    refused("bad-level", answers.answer, session, people[0], ctx.q, ctx.version_id, "B1.1", 7)

    controls.reveal(session)
    db.session.commit()
    refused("round-revealed", answers.answer, session, people[0], ctx.q, ctx.version_id, "B1.1", 5)
    controls.revote(session)
    db.session.commit()
    say(people[0], 3)
    say(people[1], 5)  # Cy does not vote again: their round-1 "don't know" stands
    refused("reveal-first", controls.revote, session)
    controls.reveal(session)
    db.session.commit()
    refused("no-more-rounds", controls.revote, session)

    dist = answers.distributions(session, "B1.1")
    assert dist[1] == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0, "dk": 1}
    assert dist[2] == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1, "dk": 0}
    assert answers.summary(dist[1])["mean"] == 3.0 and answers.summary(dist[2])["mean"] == 4.0
    stored = dict(db.session.execute(sa.select(Respondent.name, Answer.level).join(
        Answer, Answer.respondent_id == Respondent.id).where(
        Answer.item_id == "B1.1", Respondent.engagement_id == fresh.id)).all())
    assert stored == {"Ann": 3, "Bo": 5, "Cy": None}  # latest round wins

    assessment = assess_engagement(fresh)
    b1 = assessment.blocks["B1"]
    # Ann (3 -> 50) and Bo (5 -> 100) are scored; Cy's "don't know" is counted, not scored.
    assert (b1.stat.n, b1.stat.mean) == (2, 75.0)
    assert b1.dont_know_rate == pytest.approx(1 / 3)
    assert assessment.respondents == 3
    assert assessment.by_role["executive"]["B1"].mean == 50.0
    assert assessment.by_role["front_line"]["B1"].mean == 100.0


def test_going_back_to_an_earlier_item_restores_its_rounds(ctx):
    session = open_(ctx)
    person, _ = join(session, "Ann")
    controls.ask(session, ctx.q, "B1.1")
    answers.answer(session, person, ctx.q, ctx.version_id, "B1.1", 2)
    controls.reveal(session)
    db.session.commit()
    assert controls.next_item_id(session, ctx.q) == "B1.2"
    controls.ask(session, ctx.q, "B1.2")
    db.session.commit()
    state = controls.ask(session, ctx.q, "B1.1")
    db.session.commit()
    assert (state.round, state.revealed_round) == (1, 1)
    assert [i.item_id for i in controls.asked_items(session)] == ["B1.1", "B1.2"]
    assert answers.own_answers(person, "B1.1") == {1: 2}
    refused("unknown-item", controls.ask, session, ctx.q, "B9.9")


# Pain capture ------------------------------------------------------------------------------

def test_capture_merge_accept(ctx, fresh):
    session = open_(ctx, fresh)
    ann, _ = join(session, "Ann", "manager", fresh.departments[1].id)
    bo, _ = join(session, "Bo")
    refused("not-capturing", capture.submit, session, ann, "Leads get lost")
    controls.set_activity(session, "capture")
    db.session.commit()
    first = capture.submit(session, ann, "Leads get lost", "Trade-fair leads wait five weeks.",
                           "customer")
    again = capture.submit(session, ann, "Leads get lost", "Trade-fair leads wait five weeks.")
    db.session.commit()
    assert again.id == first.id  # double submission: one row
    duplicate = capture.submit(session, bo, "Lost leads", "Nobody calls web leads back.")
    other = capture.submit(session, bo, "Invoices confuse customers", "", "customer")
    db.session.commit()
    refused("title-required", capture.submit, session, bo, "   ")
    refused("bad-party", capture.submit, session, bo, "x", "", "alien")

    capture.merge(session, duplicate, first)
    db.session.commit()
    refused("already-handled", capture.merge, session, duplicate, other)
    refused("bad-merge", capture.merge, session, other, other)
    pain = capture.accept(session, first, "Leads get lost between marketing and sales", 4, 3)
    capture.dismiss(session, other)
    db.session.commit()
    assert (pain.title, pain.severity, pain.frequency, pain.affected_party, pain.department_id,
            pain.engagement_id) == ("Leads get lost between marketing and sales", 4, 3, "customer",
                                    fresh.departments[1].id, fresh.id)
    assert pain.scenario == "Trade-fair leads wait five weeks.\n\nNobody calls web leads back."
    statuses = {title: (status, pain_id) for title, status, pain_id in db.session.execute(
        sa.select(WorkshopSubmission.title, WorkshopSubmission.status,
                  WorkshopSubmission.pain_point_id))}
    assert statuses == {"Leads get lost": ("accepted", pain.id), "Lost leads": ("merged", pain.id),
                        "Invoices confuse customers": ("dismissed", None)}
    refused("already-handled", capture.accept, session, first, "again", 3, 3)
    assert [p.title for p in assess_engagement(fresh).pains] == [pain.title]


# Dot-voting --------------------------------------------------------------------------------

def test_vote_limit_one_per_pain_and_reveal_feed_r_pain_1(ctx):
    session = open_(ctx, votes=2)
    ann, _ = join(session, "Ann")
    bo, _ = join(session, "Bo")
    ballot = voting.ballot(session)
    assert len(ballot) == 10
    low = sorted(ballot, key=lambda p: p.severity * p.frequency + p.votes)
    refused("not-voting", voting.cast, session, ann, low[0].id)
    controls.set_activity(session, "voting")
    db.session.commit()

    first = voting.cast(session, ann, low[0].id)
    assert voting.cast(session, ann, low[0].id) == first  # one vote per pain point
    voting.cast(session, ann, low[1].id)
    db.session.commit()
    refused("no-votes-left", voting.cast, session, ann, low[2].id)
    assert voting.withdraw(session, ann, low[1].id) is True
    voting.cast(session, ann, low[2].id)
    voting.cast(session, bo, low[0].id)
    db.session.commit()
    refused("unknown-pain", voting.cast, session, bo, 99999)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 3
    assert voting.totals(session) == (3, 2)

    before = {p.id: p.votes for p in ballot}
    counts = voting.reveal(session)
    db.session.commit()
    assert counts == {low[0].id: 2, low[2].id: 1}
    assert voting.reveal(session) == counts  # a second reveal adds nothing
    db.session.commit()
    after = {p.id: p.votes for p in db.session.scalars(sa.select(PainPoint))}
    assert after == {pid: before[pid] + counts.get(pid, 0) for pid in before}
    refused("votes-revealed", voting.cast, session, bo, low[3].id)
    refused("votes-revealed", controls.set_votes, session, 5)
    ranked = assess_engagement(ctx.engagement).pains
    from readiness.engagements.assessment import pain_inputs
    assert [r.id for r in ranked] == [r.id for r in rank_pains(pain_inputs(ctx.engagement))]
    assert next(r for r in ranked if r.id == low[0].id).votes == before[low[0].id] + 2


def test_votes_per_participant_is_set_per_session(ctx):
    session = open_(ctx, votes=5)
    assert session.votes_per_participant == 5
    controls.set_votes(session, 1)
    controls.set_activity(session, "voting")
    db.session.commit()
    person, _ = join(session)
    pains = voting.ballot(session)
    voting.cast(session, person, pains[0].id)
    db.session.commit()
    refused("no-votes-left", voting.cast, session, person, pains[1].id)
    refused("bad-votes", controls.set_votes, session, 0)


# Pause and close ---------------------------------------------------------------------------

def test_paused_and_closed_sessions_refuse_input(ctx):
    session = open_(ctx)
    person, _token = join(session, "Ann")
    controls.set_activity(session, "voting")
    controls.set_status(session, "paused")
    db.session.commit()
    pain_id = voting.ballot(session)[0].id
    refused("paused", voting.cast, session, person, pain_id)
    controls.set_status(session, "open")
    db.session.commit()
    voting.cast(session, person, pain_id)
    controls.set_status(session, "closed")
    db.session.commit()
    assert session.closed_at is not None
    refused("closed", voting.cast, session, person, voting.ballot(session)[1].id)
    refused("closed", voting.withdraw, session, person, pain_id)
    refused("closed", services.join, session, "Late", "other", None)
    refused("closed", controls.set_status, session, "open")
    refused("closed", controls.ask, session, ctx.q, "B1.1")
    refused("closed", voting.reveal, session)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopVote)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopParticipant)) == 1


def test_versions_move_with_every_change(ctx):
    session = open_(ctx)
    v0, s0 = session.version, session.stage_version
    person, _ = join(session)
    assert (session.version, session.stage_version) == (v0 + 1, s0)  # phones need not refetch
    controls.set_activity(session, "voting")
    db.session.commit()
    assert (session.version, session.stage_version) == (v0 + 2, s0 + 1)
    voting.cast(session, person, voting.ballot(session)[0].id)
    db.session.commit()
    assert (session.version, session.stage_version) == (v0 + 3, s0 + 1)
