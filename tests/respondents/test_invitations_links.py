"""Invitations: revoke / re-issue / reopen personal links, another engagement's respondent,
the printable QR sheet and escaping of names."""
from __future__ import annotations

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.respondents.helpers import (
    OWNER,
    _answer,
    add_respondent,
    login,
    make_engagement,
    page_token,
    respondent,
)


def _post(client, engagement_id, respondent_id, action):
    return client.post(f"/engagements/{engagement_id}/respondents/{respondent_id}/{action}",
                       data={"csrf_token": page_token(client, engagement_id)})


def test_revoke_reissue_and_reopen(app, client, auth, eng):
    from readiness.engagements.assessment import assess_engagement

    person = add_respondent(app, eng.id, "Pat Doe", "manager", eng.departments["Sales"])
    _answer(app, person.id, {"B1.1": 4})
    with app.app_context():
        assert assess_engagement(db.session.get(Engagement, eng.id)).respondents == 1
    login(auth, OWNER)

    assert _post(client, eng.id, person.id, "revoke").status_code == 302
    assert respondent(app, person.id).revoked is True
    assert client.get(f"/r/{person.token}").status_code == 410
    with app.app_context():  # revoked answers stop counting
        assessment = assess_engagement(db.session.get(Engagement, eng.id))
        assert assessment.respondents == 0 and assessment.blocks["B1"].score is None

    assert _post(client, eng.id, person.id, "reissue").status_code == 302
    fresh = respondent(app, person.id)
    assert fresh.token != person.token and len(fresh.token) == 32 and fresh.revoked is False
    assert client.get(f"/r/{person.token}").status_code == 404  # the old link is dead
    assert client.get(f"/r/{fresh.token}").status_code == 200
    with app.app_context():
        assert assess_engagement(db.session.get(Engagement, eng.id)).respondents == 1

    # Reopen only applies to a completed questionnaire.
    response = _post(client, eng.id, person.id, "reopen")
    assert response.status_code == 302
    assert "Only a completed questionnaire can be reopened." in client.get(response.location).text
    with app.app_context():
        row = db.session.get(Respondent, person.id)
        row.status, row.completed_at = "completed", row.created_at
        db.session.commit()
    assert client.post(f"/r/{fresh.token}/answer", json={"item_id": "B1.1", "level": 2},
                       headers={"X-CSRFToken": page_token(client, eng.id)}).status_code == 409
    assert _post(client, eng.id, person.id, "reopen").status_code == 302
    reopened = respondent(app, person.id)
    assert reopened.status == "started" and reopened.completed_at is None
    saved = client.post(f"/r/{fresh.token}/answer", json={"item_id": "B1.1", "level": 2},
                        headers={"X-CSRFToken": page_token(client, eng.id)})
    assert saved.status_code == 200 and saved.get_json()["saved"] is True


def test_a_respondent_of_another_engagement_is_404(app, client, auth, eng):
    other = make_engagement(app, "other@example.com", departments=("Elsewhere",))
    foreign = add_respondent(app, other.id, "Foreign Person")
    login(auth, OWNER)
    for action in ("revoke", "reissue", "reopen"):
        assert _post(client, eng.id, foreign.id, action).status_code == 404
    assert respondent(app, foreign.id).revoked is False


def test_printable_sheet_has_a_card_and_qr_code_per_active_respondent(app, client, auth, eng):
    from readiness.respondents.invitations import qr_svg

    sales = eng.departments["Sales"]
    anna = add_respondent(app, eng.id, "Anna Lee", "front_line", sales)
    add_respondent(app, eng.id, "Bob Stone", "it", eng.departments["Customer Service"])
    gone = add_respondent(app, eng.id, "Gone Person", "other", sales)
    with app.app_context():
        db.session.get(Respondent, gone.id).revoked = True
        db.session.commit()
    login(auth, OWNER)
    page = client.get(f"/engagements/{eng.id}/respondents/sheet").text
    assert page.count('data-testid="card"') == 2 and "Gone Person" not in page
    url = f"http://localhost/r/{anna.token}"
    assert url in page
    assert str(qr_svg(url)) in page  # the inline SVG of exactly this link
    assert page.count("<svg") == 2
    assert "css/respondents.css" in page
    only_sales = client.get(f"/engagements/{eng.id}/respondents/sheet?department={sales}").text
    assert only_sales.count('data-testid="card"') == 1 and "Bob Stone" not in only_sales


def test_qr_code_encodes_the_link():
    from readiness.respondents.invitations import qr_svg

    svg = str(qr_svg("http://localhost/r/abc"))
    assert svg.startswith("<svg") and 'viewBox="0 0 29 29"' in svg  # version 2 + 2-module border
    assert "<script" not in svg


def test_names_are_escaped(app, client, auth, eng):
    add_respondent(app, eng.id, "<script>alert(1)</script>")
    login(auth, OWNER)
    for path in ("", "/sheet"):
        page = client.get(f"/engagements/{eng.id}/respondents{path}").text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
