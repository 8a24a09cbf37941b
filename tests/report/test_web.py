"""Report download from the engagement page: background job, progress, access, the PDF itself."""
import io

import pytest
from pypdf import PdfReader

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from tests.helpers import csrf_token, make_user

pytestmark = pytest.mark.pdf  # renders PDFs: `make test-fast` leaves them out


@pytest.fixture
def inline_app(app):
    app.config["REPORTS_INLINE"] = True  # render in the request thread: no process pool in tests
    return app


def _create(client, engagement_id, lang="en"):
    page = client.get(f"/engagements/{engagement_id}/report")
    return client.post(f"/engagements/{engagement_id}/report",
                       data={"csrf_token": csrf_token(page.text), "lang": lang})


def test_consultant_creates_and_downloads_the_pdf(inline_app, client, auth, demo):
    auth.login(demo.email, demo.password)
    response = _create(client, demo.engagement_id)
    assert response.status_code == 302
    job = response.headers["Location"].split("job=")[1]
    state = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").get_json()
    assert state["status"] == "done" and state["stage"] == "done" and state["size"] > 10_000
    pdf = client.get(f"/engagements/{demo.engagement_id}/report/{job}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "readiness-Northwind-Retail-en.pdf" in pdf.headers["Content-Disposition"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Northwind Retail" in text and "Executive summary" in text
    page = client.get(f"/engagements/{demo.engagement_id}/report")
    assert "Download PDF" in page.text


def test_report_jobs_are_scoped_to_the_engagement(inline_app, client, auth, demo):
    auth.login(demo.email, demo.password)
    job = _create(client, demo.engagement_id).headers["Location"].split("job=")[1]
    auth.logout()
    make_user(inline_app, "stranger@example.com")
    auth.login("stranger@example.com")
    for path in ("", f"/{job}.json", f"/{job}.pdf"):
        assert client.get(f"/engagements/{demo.engagement_id}/report{path}").status_code == 404


def test_viewer_may_download(inline_app, client, auth, demo):
    viewer = make_user(inline_app, "viewer@client.example", role="viewer")
    with inline_app.app_context():
        db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer))
        db.session.commit()
    auth.login("viewer@client.example")
    assert _create(client, demo.engagement_id, "zh").status_code == 302


def test_unknown_job_and_bad_language(inline_app, client, auth, demo):
    auth.login(demo.email, demo.password)
    assert client.get(f"/engagements/{demo.engagement_id}/report/nope.json").status_code == 404
    assert client.get(f"/engagements/{demo.engagement_id}/report/..%2f..%2fsecret_key.json").status_code == 404
    assert _create(client, demo.engagement_id, "fr").status_code == 400
    assert client.post(f"/engagements/{demo.engagement_id}/report", data={"lang": "en"}).status_code == 400


def test_background_process_renders_without_blocking(app, client, auth, demo):
    """The real path: a spawned worker process renders while the web app keeps answering."""
    import time

    auth.login(demo.email, demo.password)
    job = _create(client, demo.engagement_id).headers["Location"].split("job=")[1]
    started, stages = time.monotonic(), set()
    while time.monotonic() - started < 120:
        assert client.get("/engagements").status_code == 200  # other pages keep working
        state = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").get_json()
        stages.add(state["stage"])
        if state["status"] != "running":
            break
        time.sleep(0.2)
    assert state["status"] == "done", state
    assert client.get(f"/engagements/{demo.engagement_id}/report/{job}.pdf").data.startswith(b"%PDF")
