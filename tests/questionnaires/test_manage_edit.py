"""Copy, edit and versions: a draft is edited in place; a version with answers never changes
(saving stores a new version); texts, weights, anchors and settings are validated."""
from __future__ import annotations

from datetime import date

import pytest

from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.helpers import make_user
from tests.questionnaires.manage_helpers import (
    definition,
    form_values,
    post_form,
    version_id,
    versions,
)
from tests.respondents.helpers import _answer, add_respondent

CONSULTANT = "consultant@example.com"


@pytest.fixture
def manager(app, auth):
    make_user(app, CONSULTANT)
    auth.login(CONSULTANT)
    return auth


def _copy(app, client, key="acme-crm"):
    builtin = version_id(app, "crm-readiness")
    page = client.get(f"/questionnaires/{builtin}/copy").text
    values = {**form_values(page), "key": key, "title_en": "Acme CRM", "title_zh": "Acme CRM 评估"}
    response = post_form(client, f"/questionnaires/{builtin}/copy", values)
    assert response.status_code == 302, response.text
    return version_id(app, key)


def _answered(app, version):
    """An engagement on `version` with one answer given."""
    owner = make_user(app, "owner2@example.com")
    with app.app_context():
        engagement = Engagement(owner_id=owner, client="Acme", start_date=date(2027, 3, 1),
                                questionnaire_version_id=version)
        db.session.add(engagement)
        db.session.commit()
        engagement_id = engagement.id
    person = add_respondent(app, engagement_id)
    _answer(app, person.id, {"B1.1": 3})


def _edit_block(client, version, block, change):
    url = f"/questionnaires/{version}/edit/{block}"
    values = form_values(client.get(url).text)
    change(values)
    return post_form(client, url, values)


def test_copy_makes_a_draft_with_a_new_id(app, client, manager):
    copy = _copy(app, client)
    data = definition(app, copy)
    assert (data["id"], data["version"], data["title"]["zh"]) == ("acme-crm", "1.0", "Acme CRM 评估")
    assert data["blocks"] == definition(app, version_id(app, "crm-readiness"))["blocks"]


def test_copy_refuses_a_taken_id(app, client, manager):
    builtin = version_id(app, "crm-readiness")
    values = {**form_values(client.get(f"/questionnaires/{builtin}/copy").text), "key": "crm-pulse"}
    response = post_form(client, f"/questionnaires/{builtin}/copy", values)
    assert response.status_code == 422 and "exists already" in response.text


def test_editing_a_draft_changes_it_in_place(app, client, manager):
    copy = _copy(app, client)
    count = len(versions(app))

    def change(values):
        values["i1_weight"] = "2.5"
        values["i1_text_zh"] = "新的中文题目"
        values["i1_l3_en"] = "A new anchor for level 3."
        values["i5_remove"] = "y"
        values["inew_text_en"] = "We know who our ten best customers are."
        values["inew_text_zh"] = "我们知道最好的十个客户是谁。"
        for n in range(1, 6):
            values[f"inew_l{n}_en"], values[f"inew_l{n}_zh"] = f"Level {n}.", f"第{n}级。"

    response = _edit_block(client, copy, "B2", change)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/{copy}#B2")
    assert len(versions(app)) == count
    items = {i["id"]: i for i in definition(app, copy)["blocks"][1]["items"]}
    assert items["B2.2"]["weight"] == 2.5 and items["B2.2"]["text"]["zh"] == "新的中文题目"
    assert items["B2.2"]["levels"]["3"]["en"] == "A new anchor for level 3."
    assert "B2.6" not in items and items["B2.7"]["text"]["en"] == "We know who our ten best customers are."


def test_an_answered_version_never_changes_editing_makes_a_new_version(app, client, manager):
    copy = _copy(app, client)
    _answered(app, copy)
    before = definition(app, copy)
    response = _edit_block(client, copy, "B1", lambda v: v.update({"i0_weight": "3"}))
    assert response.status_code == 302
    new = version_id(app, "acme-crm")
    assert new != copy and response.headers["Location"].endswith(f"/{new}#B1")
    assert definition(app, copy) == before
    assert definition(app, new)["version"] == "1.1"
    assert definition(app, new)["blocks"][0]["items"][0]["weight"] == 3
    assert "stored as the new version 1.1" in client.get(response.headers["Location"]).text
    # the new version is a draft: editing it again changes it in place
    count = len(versions(app))
    assert _edit_block(client, new, "B1", lambda v: v.update({"i0_weight": "4"})).status_code == 302
    assert len(versions(app)) == count
    assert "answered: this version never changes" in client.get(f"/questionnaires/{copy}").text


def test_a_bad_edit_is_refused_and_nothing_changes(app, client, manager):
    copy = _copy(app, client)
    before = definition(app, copy)
    response = _edit_block(client, copy, "B3", lambda v: v.update({"i0_weight": "nan"}))
    assert response.status_code == 422
    response = _edit_block(client, copy, "B3", lambda v: v.update({"inew_text_en": "Half an item"}))
    assert response.status_code == 422 and "item B3.7" in response.text
    response = _edit_block(client, copy, "B3", lambda v: v.update(
        {f"i{n}_remove": "y" for n in range(6)}))
    assert response.status_code == 422 and "block B3: items" in response.text
    assert definition(app, copy) == before


def test_settings_are_shown_edited_and_validated(app, client, manager):
    copy = _copy(app, client)
    url = f"/questionnaires/{copy}/edit"
    page = client.get(url).text
    values = form_values(page)
    assert values["walk_B4"] == "50.0" and values["run_B7"] == "50.0" and values["s_low_sample"] == "3"
    before = definition(app, copy)
    response = post_form(client, url, {**values, "run_B4": "40"})  # run below walk
    assert response.status_code == 422 and "run prerequisites below walk for B4" in response.text
    response = post_form(client, url, {**values, "s_low_sample": "0"})
    assert response.status_code == 422
    assert definition(app, copy) == before
    response = post_form(client, url, {**values, "walk_B3": "30", "run_B3": "60",
                                       "s_red_strategy_threshold": "45", "title_zh": "新标题"})
    assert response.status_code == 302
    settings = definition(app, copy)["settings"]
    assert settings["walk_prerequisites"]["B3"] == 30 and settings["run_prerequisites"]["B3"] == 60
    assert settings["red_strategy_threshold"] == 45
    assert definition(app, copy)["title"]["zh"] == "新标题"
    shown = client.get(f"/questionnaires/{copy}").text
    assert "Valued customer experience ≥ 30.0" in shown


def test_saving_without_a_change_changes_nothing(app, client, manager):
    copy = _copy(app, client)
    response = _edit_block(client, copy, "B4", lambda v: None)
    assert response.status_code == 302
    assert "Nothing changed." in client.get(response.headers["Location"]).text


def test_diff_between_two_versions(app, client, manager):
    copy = _copy(app, client)
    _answered(app, copy)
    _edit_block(client, copy, "B1", lambda v: v.update({"i0_weight": "3", "i5_remove": "y"}))
    post_form(client, f"/questionnaires/{version_id(app, 'acme-crm')}/edit",
              {**form_values(client.get(f"/questionnaires/{version_id(app, 'acme-crm')}/edit").text),
               "walk_B4": "55"})
    new = version_id(app, "acme-crm")
    page = client.get(f"/questionnaires/diff?old={copy}&new={new}")
    assert page.status_code == 200
    text = page.text
    assert "Items removed" in text and "B1.6" in text
    assert "<td>weight</td><td>1.5</td><td>3.0</td>" in text
    assert "<td>walk prerequisite B4</td><td>50.0</td><td>55.0</td>" in text
    assert "<td>version</td><td>1.0</td><td>1.1</td>" in text
    same = client.get(f"/questionnaires/diff?old={copy}&new={copy}").text
    assert "the same content" in same
    assert client.get("/questionnaires/diff?old=x&new=99999").status_code == 422


def test_a_version_label_is_never_used_twice(app, client, manager):
    copy = _copy(app, client)
    _answered(app, copy)
    _edit_block(client, copy, "B1", lambda v: v.update({"i0_weight": "3"}))  # stored as 1.1
    new = version_id(app, "acme-crm")
    url = f"/questionnaires/{new}/edit"
    response = post_form(client, url, {**form_values(client.get(url).text), "version": "1.0"})
    assert response.status_code == 422
    assert "acme-crm version 1.0 is already stored with other content" in response.text
    assert definition(app, new)["version"] == "1.1"


def test_the_diff_page_without_a_choice_and_in_chinese(app, client, manager):
    assert client.get("/questionnaires/diff").status_code == 200
    assert client.get("/questionnaires/diff?lang=zh").status_code == 200
