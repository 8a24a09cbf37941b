"""Results dashboard (issue 3): access to every dashboard URL, escaping, the Chinese page."""
from __future__ import annotations

import pytest
from markupsafe import escape

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Engagement, EngagementAccess
from readiness.extensions import db
from tests.dashboard.helpers import URLS, _figure
from tests.helpers import make_user


@pytest.mark.parametrize("url", URLS)
def test_access_to_every_dashboard_url(app, client, auth, demo, url):
    path = url.format(id=demo.engagement_id)
    assert client.get(path).status_code == 302  # not logged in: to the login page
    shared = make_user(app, "shared@example.com")
    viewer = make_user(app, "viewer@client.example", role="viewer")
    make_user(app, "stranger@example.com")
    with app.app_context():
        db.session.add_all([EngagementAccess(engagement_id=demo.engagement_id, user_id=shared),
                            EngagementAccess(engagement_id=demo.engagement_id, user_id=viewer)])
        db.session.commit()
    for email, password, status in ((demo.email, demo.password, 200),
                                    ("shared@example.com", None, 200),
                                    ("viewer@client.example", None, 200),
                                    ("stranger@example.com", None, 404)):
        auth.login(email, password) if password else auth.login(email)
        response = client.get(path)
        assert response.status_code == status, (email, path)
        response.get_data()
        auth.logout()
    auth.login(demo.email, demo.password)
    assert client.get(url.format(id=9999)).status_code == 404


def test_user_text_is_escaped_in_page_and_charts(app, client, auth, demo):
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        engagement.departments[0].name = "<script>alert(1)</script>"
        db.session.commit()
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    heatmap = _figure(page, "heatmap")
    assert heatmap["layout"]["yaxis"]["ticktext"][0] == "<script>alert(1)</script>"
    assert heatmap["data"][0]["hovertext"][0][0].startswith("<script>alert(1)</script><br>")


def test_dashboard_in_chinese(app, client, auth, demo):
    with app.app_context():
        expected = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/dashboard?lang=zh").text
    assert "B1 愿景" in page and "技术超前于流程" in page
    assert str(escape(expected.flags[-1].message("zh"))) in page
    assert _figure(page, "radar")["data"][0]["name"] == "全部受访者"
