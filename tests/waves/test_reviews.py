"""R-TRACK-2 stand-in for R-WAVE-3 until checkpoints are tracked: a department's adoption review
counts as done when every review of its track's phase at its current level was due by the date
the latest wave started."""
from datetime import date
from types import SimpleNamespace as NS

from readiness.waves.compare import reviews_done


def _review(end):
    return NS(kind="review", end=end)


def test_reviews_done_reads_the_phase_at_the_current_level():
    engagement = NS(departments=[NS(id=1, current_level=2), NS(id=2, current_level=1),
                                 NS(id=3, current_level=2)])
    roadmap = NS(tracks=[
        # Sales works at walk; its walk phase's reviews were both due before the wave.
        NS(department_id=1, phases=[NS(level=2, checkpoints=[_review(date(2027, 3, 1)),
                                                             _review(date(2027, 4, 1))]),
                                    NS(level=3, checkpoints=[_review(date(2027, 9, 1))])]),
        # Service works at crawl; its roadmap only climbs to walk: no crawl review to have done.
        NS(department_id=2, phases=[NS(level=2, checkpoints=[_review(date(2027, 3, 1))])]),
        # Ops works at walk, but one of the walk reviews is still to come.
        NS(department_id=3, phases=[NS(level=2, checkpoints=[_review(date(2027, 3, 1)),
                                                             _review(date(2027, 8, 1))])]),
        NS(department_id=None, phases=[]),
    ])
    assert reviews_done(engagement, roadmap, date(2027, 6, 14)) == {1}
    assert reviews_done(engagement, roadmap, date(2027, 8, 1)) == {1, 3}
