"""The Report tab offers PDF and PowerPoint side by side: the background job renders the chosen
format, the download serves it with its content type and a readable name; the working copy is
the consultant's, never a viewer's."""
import io

import pytest
from pptx import Presentation

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from readiness.report.jobs import FORMATS
from tests.helpers import csrf_token, make_user

pytestmark = pytest.mark.pdf  # renders the deck's charts through chromium


@pytest.fixture
def inline_app(app):
    app.config["REPORTS_INLINE"] = True  # render in the request thread: no process pool in tests
    return app


def _create(client, engagement_id, **data):
    page = client.get(f"/engagements/{engagement_id}/report")
    return client.post(f"/engagements/{engagement_id}/report",
                       data={"csrf_token": csrf_token(page.text), "lang": "en", **data})


def _viewer(app, engagement_id):
    viewer = make_user(app, "viewer@client.example", role="viewer")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=engagement_id, user_id=viewer))
        db.session.commit()


def test_consultant_creates_and_downloads_slides(inline_app, client, auth, demo):
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/report")
    assert "Create PDF" in page.text and "Create PowerPoint" in page.text
    assert "Working copy (consultant markers)" in page.text
    response = _create(client, demo.engagement_id, format="pptx", working_copy="y")
    assert response.status_code == 302
    job = response.headers["Location"].split("job=")[1]
    state = client.get(f"/engagements/{demo.engagement_id}/report/{job}.json").get_json()
    assert state["status"] == "done" and state["format"] == "pptx"
    assert client.get(f"/engagements/{demo.engagement_id}/report/{job}.pdf").status_code == 404
    deck = client.get(f"/engagements/{demo.engagement_id}/report/{job}.pptx")
    assert deck.status_code == 200 and deck.mimetype == FORMATS["pptx"]
    assert "readiness-Northwind-Retail-en-working-copy.pptx" in deck.headers["Content-Disposition"]
    prs = Presentation(io.BytesIO(deck.data))
    assert prs.slides[1].shapes.title.text_frame.text == "Executive summary"
    page = client.get(f"/engagements/{demo.engagement_id}/report")
    assert "Download PowerPoint" in page.text and "working copy" in page.text


def test_viewer_gets_client_copies_only(inline_app, client, auth, demo):
    _viewer(inline_app, demo.engagement_id)
    auth.login("viewer@client.example")
    page = client.get(f"/engagements/{demo.engagement_id}/report")
    assert "Create PowerPoint" in page.text and "consultant markers" not in page.text
    # Asked for by hand, the working copy is refused (403), and nothing is queued.
    assert _create(client, demo.engagement_id, format="pptx", working_copy="y").status_code == 403
    assert "No report created yet." in client.get(f"/engagements/{demo.engagement_id}/report").text


def test_unknown_format_is_a_bad_request(inline_app, client, auth, demo):
    auth.login(demo.email, demo.password)
    assert _create(client, demo.engagement_id, format="docx").status_code == 400
    assert client.get(f"/engagements/{demo.engagement_id}/report/nope.pptx").status_code == 404
    assert client.get(f"/engagements/{demo.engagement_id}/report/nope.exe").status_code == 404
