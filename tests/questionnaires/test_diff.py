"""The version diff, without the app: items added, removed and changed, block and settings
changes, in words a consultant reads."""
from __future__ import annotations

from readiness.method.definition import Questionnaire
from readiness.method.loading import load_questionnaire
from readiness.questionnaires.diff import Change, diff
from readiness.questionnaires.services import BUILTIN, PULSE


def _edited(q: Questionnaire, change) -> Questionnaire:
    data = q.model_dump(mode="json")
    change(data)
    return Questionnaire.model_validate(data)


def test_same_content_is_an_empty_diff():
    q = load_questionnaire(PULSE)
    assert diff(q, q).empty


def test_weights_anchors_texts_and_settings():
    old = load_questionnaire(PULSE)

    def change(data):
        item = data["blocks"][2]["items"][0]
        item["weight"] = 2.0
        item["levels"]["4"]["zh"] = "新的第四级"
        data["blocks"][2]["title"]["en"] = "Customer experience"
        data["settings"]["run_prerequisites"]["B7"] = 60
        del data["settings"]["walk_prerequisites"]["B6"]
        data["blocks"][7]["items"].pop()

    result = diff(old, _edited(old, change))
    (changed,) = result.changed
    assert changed.item == "B3.1" and changed.text["zh"] == old.blocks[2].items[0].text.zh
    assert changed.changes == [Change("level 4 (zh)", old.blocks[2].items[0].levels[4].zh, "新的第四级"),
                               Change("weight", 1.5, 2.0)]
    assert result.blocks == [("B3", Change("title (en)", "Valued customer experience",
                                           "Customer experience"))]
    assert result.settings == [Change("run prerequisite B7", 50.0, 60.0),
                               Change("walk prerequisite B6", 50.0, None)]
    assert [(i.item, i.text["en"][:20]) for i in result.removed] == [("B8.2", old.blocks[7].items[1].text.en[:20])]
    assert result.added == [] and result.fit == [] and result.general == []


def test_pulse_against_the_full_assessment():
    result = diff(load_questionnaire(PULSE), load_questionnaire(BUILTIN))
    assert len(result.added) == 28 and result.removed == []
    assert Change("id", "crm-pulse", "crm-readiness") in result.general
