"""The respondent's questionnaire: intro, language, bad and revoked links."""
from __future__ import annotations

import pytest

from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.respondents.helpers import respondent

# Intro, language, bad links ----------------------------------------------------------------------

def test_intro_says_who_why_how_long_and_anonymity(app, client, person):
    page = client.get(f"/r/{person.token}")
    assert page.status_code == 200
    text = page.text
    assert "Acme Tools" in text and "Owner is assessing, together with Acme Tools" in text
    assert "Front line · Sales</strong>" in text
    assert "48 questions in 8 short parts: about 20 minutes." in text
    assert "your individual answers are never shown with your name" in text
    assert "Groups of fewer than 3 people are marked as small samples." in text
    assert f'href="/r/{person.token}/continue"' in text and ">Start the questionnaire<" in text
    assert page.headers["Cache-Control"] == "no-store"


def test_language_is_stored_on_the_respondent_and_used_on_every_page(app, client, person):
    switched = client.get(f"/r/{person.token}?lang=zh")
    assert switched.status_code == 302 and switched.location == f"/r/{person.token}"
    assert respondent(app, person.id).locale == "zh"
    intro = client.get(f"/r/{person.token}").text
    assert "CRM 就绪度评估" in intro and ">开始答题<" in intro  # title and the Start button
    block = client.get(f"/r/{person.token}/block/1").text
    assert "高层管理者能够具体说明" in block  # B1.1 in Chinese
    assert "没有哪位领导能描述与客户相关的未来图景" in block  # its level 1 anchor
    assert "不知道" in block and ">下一步<" in block and "第 1 部分，共 8 部分" in block
    # A fresh browser (no session) still gets Chinese: the choice lives on the respondent.
    other = app.test_client()
    assert "CRM 就绪度评估" in other.get(f"/r/{person.token}").text
    # Unknown languages are ignored.
    client.get(f"/r/{person.token}?lang=fr")
    assert respondent(app, person.id).locale == "zh"


@pytest.mark.parametrize("path", ["", "/continue", "/block/1", "/review", "/done"])
def test_bad_token_gets_a_plain_404_page(app, client, person, path):
    response = client.get(f"/r/not-a-real-token{path}")
    assert response.status_code == 404
    assert "This link does not work" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("path", ["", "/continue", "/block/1", "/review", "/done"])
def test_revoked_token_gets_a_plain_410_page(app, client, person, path):
    with app.app_context():
        db.session.get(Respondent, person.id).revoked = True
        db.session.commit()
    response = client.get(f"/r/{person.token}{path}")
    assert response.status_code == 410
    assert "This link has been withdrawn" in response.text


def test_block_number_out_of_range_is_404(app, client, person):
    assert client.get(f"/r/{person.token}/block/9").status_code == 404
    assert client.get(f"/r/{person.token}/block/0").status_code == 404
