"""The wave comparison's per-wave scores are cached like the current scores
(readiness.engagements.stamp): a view with nothing changed reuses them, a save in the current
wave shows on the next view."""
from __future__ import annotations

from readiness.engagements.models import Engagement
from readiness.engagements.stamp import scores_cache
from readiness.extensions import db
from readiness.waves.compare import comparison
from tests.respondents.helpers import login

from .helpers import answer_all, answered_wave_one, start_wave, wave_rows


def _compare(app, engagement_id):
    with app.app_context():
        hits = scores_cache.hits
        result = comparison(db.session.get_one(Engagement, engagement_id))
        return result, scores_cache.hits - hits


def test_comparison_cached_until_an_answer_changes(app, client, auth, eng):
    answered_wave_one(app, eng, levels=(2, 2, 2))
    login(auth, eng.owner)
    start_wave(client, eng.id)
    people = wave_rows(app, eng.id, 2)
    answer_all(app, people[0][0], 4)
    first, _ = _compare(app, eng.id)
    again, hits = _compare(app, eng.id)
    assert hits == 2 and again == first  # both waves' scores from the cache
    answer_all(app, people[1][0], 5)  # a second respondent answers wave 2
    changed, hits = _compare(app, eng.id)
    assert hits == 0 and changed != first
    scores_cache.clear()
    assert _compare(app, eng.id)[0] == changed  # the same as computed afresh
    assert changed.waves[0] == first.waves[0]  # wave 1 did not move
