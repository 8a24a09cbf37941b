"""Engagement list and overview: content, access scoping, language switch."""
import pytest

from readiness.engagements.models import EngagementAccess
from readiness.extensions import db
from tests.helpers import make_user


def test_consultant_sees_own_engagement_with_scores(app, client, auth, demo):
    assert auth.login(demo.email, demo.password).status_code == 302
    listing = client.get("/engagements")
    assert "Northwind Retail" in listing.text
    page = client.get(f"/engagements/{demo.engagement_id}")
    assert page.status_code == 200
    assert 'data-testid="overall"' in page.text
    for block in ("B1 Vision", "B4 Organisational collaboration", "B8 Metrics"):
        assert block in page.text
    assert "R-CWR-4" in page.text and "Technology ahead of processes" in page.text
    assert 'id="radar-data"' in page.text and "Scatterpolar".lower() in page.text.lower()


def test_overall_on_page_matches_the_engine(app, client, auth, demo):
    from readiness.engagements.assessment import assess_engagement
    from readiness.engagements.models import Engagement

    with app.app_context():
        overall = assess_engagement(db.session.get(Engagement, demo.engagement_id)).overall
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}")
    assert f'data-testid="overall">{overall:.0f}<small>' in page.text


@pytest.mark.parametrize("path", ["/engagements/{id}"])
def test_stranger_gets_404_on_every_engagement_url(app, client, auth, demo, path):
    make_user(app, "stranger@example.com")
    auth.login("stranger@example.com")
    assert "Northwind" not in client.get("/engagements").text
    assert client.get(path.format(id=demo.engagement_id)).status_code == 404


def test_shared_viewer_can_read(app, client, auth, demo):
    viewer_id = make_user(app, "viewer@client.example", role="viewer")
    with app.app_context():
        db.session.add(EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer_id))
        db.session.commit()
    auth.login("viewer@client.example")
    assert client.get(f"/engagements/{demo.engagement_id}").status_code == 200


def test_missing_engagement_is_404(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    assert client.get("/engagements/9999").status_code == 404


def test_language_switch_renders_chinese(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}?lang=zh")
    assert "愿景" in page.text  # B1 title from the questionnaire
    assert "技术超前于流程" in page.text  # the R-CWR-4 message in Chinese
    # The choice sticks for the session.
    assert "愿景" in client.get(f"/engagements/{demo.engagement_id}").text


def test_user_text_is_escaped(app, client, auth, demo):
    from readiness.engagements.models import Engagement

    with app.app_context():
        db.session.get(Engagement, demo.engagement_id).client = "<script>alert(1)</script>"
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
