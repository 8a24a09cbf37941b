"""The board (columns by status, filters), the timeline, "my checkpoints", and the overdue and
amber lights on the overview and the engagement list, as the demo shows them."""
from __future__ import annotations

import re

from tests.tracking.helpers import by_key, post


def _column(page: str, status: str) -> str:
    start = page.index(f'data-column="{status}"')
    end = page.find('data-column="', start + 20)
    return page[start:end if end > 0 else len(page)]


def test_board_shows_the_demo_under_way(consultant, tracked):
    page = consultant.get(f"/engagements/{tracked}/tracking").text
    assert "Kickoff and education session" in _column(page, "done")
    assert "Evidence" in _column(page, "done")
    assert "System configuration" in _column(page, "in_progress")
    slipped = _column(page, "slipped")
    assert 'data-testid="amber"' in slipped and "40 days late" in slipped
    assert "1 amber light" in page and "1 overdue" in page
    assert "R-TRACK" not in page.split('<div class="board">')[1]  # no rule ids on the tickets


def test_board_filters_by_track_and_owner(app, consultant, tracked):
    page = consultant.get(f"/engagements/{tracked}/tracking").text
    ivan = re.search(r'<option value="(m\d+)">Ivan Petrov', page).group(1)
    mine = consultant.get(f"/engagements/{tracked}/tracking?owner={ivan}").text
    assert mine.count('<article class="ticket') == 1 and "System configuration" in mine
    phase0 = consultant.get(f"/engagements/{tracked}/tracking?track=0").text
    assert phase0.count('<article class="ticket') == 2  # kickoff and the gate
    assert consultant.get(f"/engagements/{tracked}/tracking?track=x&owner=<b>").status_code == 200


def test_timeline_has_planned_and_actual_spans(consultant, tracked):
    page = consultant.get(f"/engagements/{tracked}/tracking/timeline")
    assert page.status_code == 200
    figure = page.text.split('id="timeline-data">')[1].split("</script>")[0]
    assert figure.count('"base"') > 40  # 40 planned bars plus the real ones
    assert "Overdue by 40 days" in figure


def test_overview_and_list_show_the_lights(consultant, tracked):
    overview = consultant.get(f"/engagements/{tracked}").text
    assert 'data-testid="amber-light"' in overview and "1 amber light" in overview
    assert "3 of 40 checkpoints done" in overview
    listing = consultant.get("/engagements").text
    assert 'data-testid="amber-light"' in listing and "1 overdue" in listing


def test_overview_without_tracking_shows_no_lights(consultant, demo):
    assert 'data-testid="tracking-lights"' not in consultant.get(f"/engagements/{demo.engagement_id}").text
    board = consultant.get(f"/engagements/{demo.engagement_id}/tracking").text
    assert "Keep the roadmap and track its checkpoints" in board
    assert post(consultant, f"/engagements/{demo.engagement_id}/tracking/start").status_code == 302
    assert "0 of 40 checkpoints done" in consultant.get(f"/engagements/{demo.engagement_id}").text


def test_my_checkpoints_lists_what_an_account_owns(app, team, tracked):
    assert "No checkpoint is assigned to you" in team.get("/my/checkpoints").text
    row = by_key(app, tracked, "d2-L1-review-1")
    page = f"/engagements/{tracked}/tracking/{row.id}"
    me = re.search(r'<option value="(u\d+)">Team', team.get(page).text).group(1)
    assert post(team, f"{page}/update", {"status": "slipped", "owner": me}, page=page).status_code == 302
    mine = team.get("/my/checkpoints").text
    assert "Review" in mine and "Northwind Retail" in mine and "40 days late" in mine
