"""Issue 11, decided in access.can_start_report: a client viewer may render the client copy of
the report, but every account has at most one report job running at a time."""
from __future__ import annotations

import pytest

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from readiness.report import jobs
from readiness.report.models import ReportJob
from tests.helpers import csrf_token, make_user


class _NoWorker:
    """Stands in for the report worker: the job is queued and stays running."""

    def submit(self, *args, **kwargs):
        return None


@pytest.fixture
def viewer(app, client, auth, demo, monkeypatch):
    monkeypatch.setattr(jobs, "_pool", lambda config: _NoWorker())
    user_id = make_user(app, "viewer@client.example", role="viewer")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=user_id))
        db.session.commit()
    auth.login("viewer@client.example")
    return user_id


def _start(client, engagement_id, lang="en"):
    page = client.get(f"/engagements/{engagement_id}/report")
    return client.post(f"/engagements/{engagement_id}/report",
                       data={"csrf_token": csrf_token(page.text), "lang": lang})


def test_a_viewer_may_start_one_report_but_not_a_second_while_it_runs(app, client, demo, viewer):
    first = _start(client, demo.engagement_id)
    assert first.status_code == 302 and "job=" in first.headers["Location"]
    second = _start(client, demo.engagement_id, "zh")
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    page = client.get(second.headers["Location"])
    assert "Your previous report is still being prepared." in page.text
    with app.app_context():
        running = [j for j in jobs.recent(demo.engagement_id) if j.status == "running"]
        assert len(running) == 1 and running[0].user_id == viewer


def test_the_limit_is_per_account_and_ends_with_the_job(app, client, auth, demo, viewer):
    first = _start(client, demo.engagement_id)
    job_id = first.headers["Location"].rsplit("job=", 1)[1]
    other = app.test_client()
    from tests.helpers import Auth

    Auth(other).login(demo.email, demo.password)
    assert _start(other, demo.engagement_id).headers["Location"] != first.headers["Location"]
    jobs._set(app, job_id, status="done", stage="done")
    again = _start(client, demo.engagement_id)
    assert again.status_code == 302 and job_id not in again.headers["Location"]


def test_a_job_left_running_by_a_dead_worker_stops_counting(app, client, demo, viewer):
    first = _start(client, demo.engagement_id)
    job_id = first.headers["Location"].rsplit("job=", 1)[1]
    from datetime import timedelta

    from readiness.auth.models import utcnow

    jobs._set(app, job_id)  # touched now, then moved back past the stale limit
    with app.app_context():
        job = db.session.get(ReportJob, job_id)
        job.updated_at = utcnow() - timedelta(seconds=jobs.STALE_SECONDS + 1)
        db.session.commit()
    assert job_id not in _start(client, demo.engagement_id).headers["Location"]
