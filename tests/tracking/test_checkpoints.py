"""Updating a checkpoint as the project team: done needs evidence, files are checked and served
as attachments, comments and every change land in the audit log with who, when, before, after."""
from __future__ import annotations

import io

from tests.tracking.helpers import by_key, post

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _update(client, tracked, row, **data):
    values = {"status": row.status, "owner": "", "evidence": row.evidence, "drop_reason": "",
              **data}
    return post(client, f"/engagements/{tracked}/tracking/{row.id}/update", values,
                page=f"/engagements/{tracked}/tracking/{row.id}",
                content_type="multipart/form-data")


def test_done_without_evidence_is_refused_with_the_reason(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    answer = _update(team, tracked, row, status="done")
    assert answer.status_code == 422
    assert "a checkpoint is done with evidence" in answer.text
    assert by_key(app, tracked, "d2-L1-config").status == "in_progress"


def test_done_with_evidence_is_logged_and_shown(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    answer = _update(team, tracked, row, status="done", evidence="Config <signed> off by IT")
    assert answer.status_code == 302
    after = by_key(app, tracked, "d2-L1-config")
    assert after.status == "done" and after.done_on is not None
    audit = [(a.field, a.before, a.after) for a in after.audit if a.user_id is not None]
    assert ("status", "in_progress", "done") in audit
    assert ("evidence", "", "Config <signed> off by IT") in audit
    page = team.get(f"/engagements/{tracked}/tracking/{row.id}").text
    assert "Config &lt;signed&gt; off by IT" in page and "Team" in page  # who, escaped text
    board = team.get(f"/engagements/{tracked}/tracking").text
    done_column = board[board.index('data-column="done"'):board.index('data-column="dropped"')]
    assert "System configuration" in done_column


def test_a_file_is_evidence_enough_and_served_as_an_attachment(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    answer = _update(team, tracked, row, status="done",
                     file=(io.BytesIO(PNG), "../../etc/sign off.png"))
    assert answer.status_code == 302
    after = by_key(app, tracked, "d2-L1-config")
    assert [f.filename for f in after.files] == ["etc_sign_off.png"]
    served = team.get(f"/engagements/{tracked}/tracking/{row.id}/files/{after.files[0].id}")
    assert served.status_code == 200 and served.data == PNG
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_files_of_the_wrong_type_or_content_are_refused(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    for name, data in (("page.html", b"<script>alert(1)</script>"), ("fake.png", b"<html>"),
                       ("empty.pdf", b"")):
        answer = _update(team, tracked, row, status="done", file=(io.BytesIO(data), name))
        assert answer.status_code == 422, name
    assert by_key(app, tracked, "d2-L1-config").files == []


def test_dropping_needs_a_reason_and_the_owner_is_logged_by_name(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-req-2")
    assert _update(team, tracked, row, status="dropped").status_code == 422
    member = team.get(f"/engagements/{tracked}/tracking/{row.id}").text
    assert "Ivan Petrov" in member
    import re
    ivan = re.search(r'<option value="(m\d+)">Ivan Petrov', member).group(1)
    assert _update(team, tracked, row, status="dropped", drop_reason="Merged into session 3",
                   owner=ivan).status_code == 302
    after = by_key(app, tracked, "d2-L1-req-2")
    assert after.drop_reason == "Merged into session 3"
    assert ("owner", "Sarah Chen", "Ivan Petrov") in [(a.field, a.before, a.after)
                                                       for a in after.audit]


def test_comments_keep_who_and_when(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    assert post(team, f"/engagements/{tracked}/tracking/{row.id}/comment",
                {"body": "Matching done for 92% of IDs"}, page=f"/engagements/{tracked}").status_code == 302
    assert post(team, f"/engagements/{tracked}/tracking/{row.id}/comment", {"body": "  "},
                page=f"/engagements/{tracked}").status_code == 422
    after = by_key(app, tracked, "d2-L1-config")
    assert [c.body for c in after.comments][-1] == "Matching done for 92% of IDs"
    page = team.get(f"/engagements/{tracked}/tracking/{row.id}").text
    assert "Matching done for 92% of IDs" in page and "Team" in page


def test_a_future_real_date_is_refused(app, team, tracked):
    row = by_key(app, tracked, "d2-L1-config")
    answer = _update(team, tracked, row, status="done", evidence="ok", done_on="2999-01-01")
    assert answer.status_code == 422 and "cannot be in the future" in answer.text


def test_unknown_checkpoint_and_file_are_404(team, tracked):
    assert team.get(f"/engagements/{tracked}/tracking/99999").status_code == 404
    assert team.get(f"/engagements/{tracked}/tracking/1/files/99999").status_code == 404
