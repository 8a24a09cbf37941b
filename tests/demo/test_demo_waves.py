"""The demo's second wave (`readiness demo`): two thirds of the respondents answered it, and the
comparison shows progress where the story says (R-WAVE-1/2)."""
import sqlalchemy as sa

from readiness.extensions import db


def test_demo_second_wave(tmp_path, monkeypatch):
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.demo import load_demo
    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement
    from readiness.respondents.models import Respondent
    from readiness.waves.services import comparison_context

    monkeypatch.setenv("READINESS_INSTANCE", str(tmp_path / "instance"))
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'demo.sqlite'}"})
    with app.app_context(), app.test_request_context():
        upgrade()
        result = load_demo(second_wave=True)
        db.session.commit()
        engagement = db.session.get(Engagement, result.engagement_id)
        counts = dict(db.session.execute(sa.select(Respondent.wave, sa.func.count())
                                         .group_by(Respondent.wave)).all())
        assert counts == {1: 24, 2: 24}
        assert assess_engagement(engagement).respondents == 16  # the current wave only
        context = comparison_context(engagement, "en")
        names = context["department_names"]
        store = next(d for d, name in names.items() if name == "Store Operations")
        directions = {d.block_id: d.direction for d in context["comparison"].by_department[store]}
        assert directions["B5"] == "up" and directions["B6"] == "up"
        assert any("Store Operations" in line for line in context["wave_summary"])
        db.engine.dispose()
