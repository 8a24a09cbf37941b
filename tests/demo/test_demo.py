"""The demo engagement: shape, plausibility, reproducibility, idempotence."""
import sqlalchemy as sa

from readiness.demo import load_demo
from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.pains.models import PainPoint
from readiness.respondents.models import Answer, Respondent


def test_demo_has_the_promised_shape(app, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        assert engagement.client == "Northwind Retail"
        assert len(engagement.departments) == 4
        assert db.session.scalar(sa.select(sa.func.count(Respondent.id))) == 24
        roles = set(db.session.scalars(sa.select(Respondent.role)))
        assert {"executive", "manager", "front_line", "it"} <= roles
        assert db.session.scalar(sa.select(sa.func.count(PainPoint.id))) == 10
        assert db.session.scalar(sa.select(sa.func.count(Answer.id))) == 24 * 48
        dont_know = db.session.scalar(sa.select(sa.func.count(Answer.id)).where(Answer.level.is_(None)))
        assert 0 < dont_know < 24 * 48 * 0.2
        tokens = list(db.session.scalars(sa.select(Respondent.token)))
        assert len(set(tokens)) == 24 and min(map(len, tokens)) >= 32


def test_demo_results_look_like_a_real_client(app, demo):
    with app.app_context():
        result = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    assert any(g.flagged for g in result.gaps), "at least one perception gap (R-GAP-1)"
    assert result.red_lights, "at least one red light"
    assert {f.rule for f in result.red_lights} >= {"R-CWR-4"}
    assert 30 < result.overall < 70
    levels = {d.name: d for d in result.levels}
    assert levels["Customer Service"].needed == 3 and levels["Customer Service"].recommended == 2
    assert levels["Corporate Accounts"].cap == 2
    assert [p.key for p in result.pains].count(True) == 3


def test_demo_is_reproducible(app, demo, tmp_path, monkeypatch):
    """Same seed, same answers: a second database gets exactly the same scores."""
    from flask_migrate import upgrade

    from readiness import create_app

    with app.app_context():
        first = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "other"))
    other = create_app({"TESTING": True,
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'other.sqlite'}"})
    with other.app_context():
        upgrade()
        again = load_demo()
        db.session.commit()
        second = assess_engagement(db.session.get(Engagement, again.engagement_id))
        db.engine.dispose()
    assert first.overall == second.overall
    assert {b: r.score for b, r in first.blocks.items()} == {b: r.score for b, r in second.blocks.items()}


def test_second_demo_run_keeps_existing_data(app, runner, demo):
    with app.app_context():
        db.session.get(Engagement, demo.engagement_id).sector = "edited by the consultant"
        db.session.commit()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0 and "kept as it is" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Engagement.id))) == 1
        assert db.session.get(Engagement, demo.engagement_id).sector == "edited by the consultant"


def test_first_demo_run_prints_how_to_log_in(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert "demo@readiness.example with password: " in result.output
