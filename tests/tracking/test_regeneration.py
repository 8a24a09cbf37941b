"""Regenerating the roadmap never loses tracking: checkpoints match by key, a checkpoint the
roadmap no longer makes is kept as "dropped by regeneration" with its history, and gets its
status back if it returns."""
from __future__ import annotations

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.roadmap import services as roadmap
from tests.tracking.helpers import by_key, checkpoints, post


def _regenerate(app, tracked, cap):
    with app.app_context():
        engagement = db.session.get(Engagement, tracked)
        roadmap.set_cap(engagement, 4, cap, "Budget for one level only" if cap else "")
        roadmap.regenerate(engagement, discard_edits=True)
        db.session.commit()


def test_regeneration_keeps_status_evidence_and_history(app, consultant, tracked):
    before = {r.key: (r.status, r.evidence, len(r.audit)) for r in checkpoints(app, tracked)}
    _regenerate(app, tracked, None)
    after = {r.key: (r.status, r.evidence, len(r.audit)) for r in checkpoints(app, tracked)}
    assert after == before  # same keys, same state, nothing logged: nothing changed
    assert by_key(app, tracked, "kickoff").evidence.startswith("Kick-off held")


def test_a_vanished_checkpoint_is_dropped_by_regeneration_and_comes_back(app, consultant, tracked):
    row = by_key(app, tracked, "d4-L3-req-1")
    page = f"/engagements/{tracked}/tracking/{row.id}"
    assert post(consultant, f"{page}/update", {"status": "in_progress", "evidence": "Draft"},
                page=page).status_code == 302
    _regenerate(app, tracked, 2)  # Customer Service capped at walk: its run phase disappears
    gone = by_key(app, tracked, "d4-L3-req-1")
    assert gone.status == "dropped" and gone.removed_by_regeneration
    assert gone.evidence == "Draft"
    assert [(a.field, a.before, a.after, a.user_id) for a in gone.audit][-1] == (
        "status", "in_progress", "dropped", None)
    board = consultant.get(f"/engagements/{tracked}/tracking").text
    dropped = board[board.index('data-column="dropped"'):]
    assert "Dropped by regeneration" in dropped
    history = consultant.get(page).text
    assert "Roadmap update" in history and "Sarah Chen" in history

    _regenerate(app, tracked, None)
    back = by_key(app, tracked, "d4-L3-req-1")
    assert back.status == "in_progress" and not back.removed_by_regeneration
    assert len(back.audit) == len(gone.audit) + 1


def test_editing_a_checkpoint_date_moves_its_due_date_with_an_audit_row(app, consultant, tracked):
    response = post(consultant, f"/engagements/{tracked}/roadmap/edit",
                    {"target": "checkpoint:d4-L3-review-1", "field": "end", "value": "2031-05-05"},
                    page=f"/engagements/{tracked}/roadmap")
    assert response.status_code == 302
    row = by_key(app, tracked, "d4-L3-review-1")
    assert row.due.isoformat() == "2031-05-05"
    assert row.audit[-1].field == "due" and row.audit[-1].after == "2031-05-05"
