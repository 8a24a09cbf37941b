"""The PDF's progress section: tracking.services.progress_context + reports/_progress.html, in
English and Chinese; and R-TRACK-2 on stored checkpoints (a phase done gets its adoption cycle
from the real go-live)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import force_locale
from markupsafe import escape

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.i18n import local_date
from readiness.report.services import _environment
from readiness.tracking import services
from readiness.tracking.models import TrackedCheckpoint


def render(app, engagement_id, lang, today=None):
    with app.test_request_context(), force_locale(lang):
        engagement = db.session.get(Engagement, engagement_id)
        context = services.progress_context(engagement, lang, today)
        html = _environment().get_template("_progress.html").render(ldate=local_date, **context)
        return context, html


def test_progress_section_in_english(app, tracked):
    context, html = render(app, tracked, "en")
    assert "3 of 40 checkpoints done" in html
    names = [t.name for t in context["progress"]["tracks"]]
    assert names[0] == "Phase 0" and len(names) == 4 and all(str(escape(n)) in html for n in names)
    overdue = html.split("Overdue checkpoints")[1].split("Evidence of what is done")[0]
    assert "(amber light)" in overdue and "40 days" in overdue and "Sarah Chen" in overdue
    assert "minutes and the signed project charter" in html
    assert "R-TRACK" not in html and "d2-L1" not in html  # no rule ids, no internal keys


def test_progress_section_in_chinese(app, tracked):
    _context, html = render(app, tracked, "zh")
    assert "启动与培训会" in html  # checkpoint titles in Chinese


def test_nothing_tracked_renders_nothing(app, demo):
    context, html = render(app, demo.engagement_id, "en")
    assert context == {"progress": None} and html.strip() == ""


def test_a_phase_done_starts_its_adoption_from_the_real_go_live(app, tracked):
    today = date.today()
    live = today - timedelta(days=5)
    with app.app_context():
        rows = db.session.scalars(db.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == tracked,
            TrackedCheckpoint.phase_key.like("%crawl"))).all()
        assert rows
        for row in rows:
            row.status, row.evidence, row.done_on = "done", "signed", live
        db.session.commit()
    context, html = render(app, tracked, "en")
    done = context["progress"]["complete_phases"]
    assert [p.go_live for p in done] == [live]
    assert done[0].adoption[0].start == live  # rigid use from the real go-live (R-TRACK-2)
    assert "Phases complete" in html and done[0].adoption[0].title.en in html
