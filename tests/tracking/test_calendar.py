"""The .ics feeds: valid RFC 5545 (parsed with the icalendar package; CRLF, folding, escaping),
per engagement and per team member, behind an unguessable token that can be revoked."""
from __future__ import annotations

import re

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.tracking.feeds import escape, fold
from tests.tracking.helpers import by_key, post


def _new_feed(client, tracked, member_id=""):
    page = f"/engagements/{tracked}/tracking/calendar"
    assert post(client, f"{page}/new", {"member_id": member_id}, page=page).status_code == 302
    links = re.findall(r'value="http://localhost(/calendar/[^"]+\.ics)"', client.get(page).text)
    return links[-1]


def test_engagement_feed_is_valid_ics_with_every_checkpoint(app, team, tracked):
    url = _new_feed(team, tracked)
    assert len(url.split("/")[-1]) >= 43  # 32 random bytes
    anonymous = app.test_client()  # a calendar app: no session
    answer = anonymous.get(url)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    raw = answer.data
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 40
    summaries = {str(e["SUMMARY"]) for e in events}
    assert any("Kickoff" in s and "[Done]" in s for s in summaries)
    assert b"@" not in raw.replace(b"@localhost", b"")  # no emails in the feed
    assert len({str(e["UID"]) for e in events}) == 40


def test_member_feed_holds_their_checkpoints_only(app, team, tracked):
    page = team.get(f"/engagements/{tracked}/tracking/calendar").text
    ivan = re.search(r'<option value="(\d+)">Ivan Petrov', page).group(1)
    url = _new_feed(team, tracked, ivan)
    events = icalendar.Calendar.from_ical(app.test_client().get(url).data).walk("VEVENT")
    assert [str(e["DESCRIPTION"]) for e in events] == ["Ivan Petrov"]
    assert by_key(app, tracked, "d2-L1-config").owner_member_id == int(ivan)


def test_revoked_or_guessed_tokens_are_404(app, team, tracked):
    url = _new_feed(team, tracked)
    page = f"/engagements/{tracked}/tracking/calendar"
    feed_id = re.search(r"/calendar/(\d+)/revoke", team.get(page).text).group(1)
    assert post(team, f"{page}/{feed_id}/revoke", page=page).status_code == 302
    assert app.test_client().get(url).status_code == 404
    assert app.test_client().get("/calendar/guess.ics").status_code == 404


def test_escaping_and_folding_follow_rfc_5545():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    for text in ("\\,", "x;\\;y", "C:\\temp, 1"):  # the same as icalendar's own writer
        assert escape(text) == icalendar.vText(text).to_ical().decode()
    line = "SUMMARY:" + "需求研讨会" * 20
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    event = icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + fold("X-NAME:" + escape("a,b;c\nd" * 30))
        + "\r\nEND:VCALENDAR\r\n")
    assert str(event["X-NAME"]) == "a,b;c\nd" * 30


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\")
               | st.just("\n"), max_size=300))
def test_property_any_text_survives_escaping_and_folding(text):
    """No backslash here: icalendar's reader unescapes "\\\\\\," to "," (ours writes what its
    writer writes, test_escaping_and_folding_follow_rfc_5545 checks the backslash)."""
    raw = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + fold("X-TEXT:" + escape(text))
           + "\r\nEND:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    assert str(icalendar.Calendar.from_ical(raw).get("X-TEXT", "")) == text
