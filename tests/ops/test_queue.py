"""Issue 12: with REDIS_URL, reports and email go to the RQ queue for `readiness worker`; the job's
state and file are rows, so the worker's result reaches every server; one running report per
account holds even when two servers start one at the same instant."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from readiness import redis_conn
from readiness.extensions import db
from readiness.report import jobs
from readiness.report.models import ReportJob
from tests.helpers import csrf_token


class FakeQueue:
    def __init__(self):
        self.jobs: list[tuple] = []

    def enqueue(self, name, *args, **kwargs):
        self.jobs.append((name, *args))


@pytest.fixture
def queue(app, monkeypatch):
    """The queue a REDIS_URL gives (the throttles keep their memory storage: no Redis runs)."""
    fake = FakeQueue()
    monkeypatch.setattr(redis_conn, "queue", lambda app=None: fake)
    monkeypatch.setattr(jobs, "_pool", lambda config: pytest.fail("no pool with a Redis"))
    return fake


def _create(client, engagement_id, fmt="pdf"):
    page = client.get(f"/engagements/{engagement_id}/report")
    return client.post(f"/engagements/{engagement_id}/report",
                       data={"csrf_token": csrf_token(page.text), "lang": "zh", "format": fmt})


def test_with_redis_a_report_is_an_rq_job_and_its_file_a_row(app, client, auth, demo, queue,
                                                             monkeypatch):
    auth.login(demo.email, demo.password)
    job = _create(client, demo.engagement_id).headers["Location"].split("job=")[1]
    assert queue.jobs == [("readiness.report.jobs.run_rq_job", job)]
    status = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").json
    assert status["status"] == "running" and status["stage"] == "queued"

    def render(engagement, lang, progress, working_copy):  # the worker's part, without chromium
        progress("charts")
        return b"%PDF-1.7 rendered by the worker " + lang.encode()

    monkeypatch.setattr(jobs, "renderer", lambda fmt: render)
    with app.app_context():  # what `readiness worker` runs, in its own app context
        jobs.run_rq_job(job)
    status = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").json
    assert status["status"] == "done" and status["size"] == 34
    pdf = client.get(f"/engagements/{demo.engagement_id}/report/{job}.pdf")
    assert pdf.status_code == 200 and pdf.data == b"%PDF-1.7 rendered by the worker zh"
    assert client.get(f"/engagements/{demo.engagement_id}/report/{job}.pptx").status_code == 404


def test_two_servers_starting_at_once_keep_one_report(app, client, auth, demo, queue, monkeypatch):
    auth.login(demo.email, demo.password)
    first = _create(client, demo.engagement_id).headers["Location"].split("job=")[1]
    # The other server's check ran before this server's row was committed: it saw nothing.
    real = jobs.running_job
    calls = []

    def late(user_id):
        calls.append(user_id)
        return None if len(calls) == 1 else real(user_id)

    monkeypatch.setattr(jobs, "running_job", late)
    second = _create(client, demo.engagement_id)
    assert second.headers["Location"].endswith(f"job={first}")
    with app.app_context():
        assert db.session.scalars(sa.select(ReportJob.id)).all() == [first]
    assert len(queue.jobs) == 1


def test_reports_older_than_the_keep_limit_are_deleted(app, client, auth, demo, queue):
    from datetime import timedelta

    from readiness.auth.models import utcnow

    auth.login(demo.email, demo.password)
    old = _create(client, demo.engagement_id).headers["Location"].split("job=")[1]
    with app.app_context():
        job = db.session.get(ReportJob, old)
        job.status, job.created_at = "done", utcnow() - timedelta(days=jobs.KEEP_DAYS + 1)
        db.session.commit()
    _create(client, demo.engagement_id)
    assert client.get(f"/engagements/{demo.engagement_id}/report/{old}.json").status_code == 404
