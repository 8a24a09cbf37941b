"""The questionnaire validator (readiness.method.loading, METHOD.md section 1 and its *defaults*):
the built-in file."""
from __future__ import annotations

from readiness.method.definition import BLOCK_IDS
from tests.questionnaires.helpers import (
    B32,
    B32_LEVEL4,
    B32_LEVEL5,
    B32_LEVELS,
    B32_WEIGHT,
    B33,
    FIT_QUESTIONS,
    LINES,
)

# The built-in questionnaire -------------------------------------------------------------------

def test_builtin_questionnaire_validates(builtin):
    """Section 1: eight blocks B1-B8 in order, at least 40 items, the default settings."""
    assert builtin.id == "crm-readiness"
    assert [b.id for b in builtin.blocks] == list(BLOCK_IDS)
    assert len(builtin.items()) >= 40
    assert all(len(b.items) >= 5 for b in builtin.blocks)
    assert len({i.id for i in builtin.items()}) == len(builtin.items())


def test_builtin_items_have_five_levels_in_both_languages(builtin):
    """Section 1: every item is answered on an anchored 1-5 scale, with en and zh anchors."""
    for item in builtin.items():
        assert sorted(item.levels) == [1, 2, 3, 4, 5], item.id
        assert item.text.en.strip() and item.text.zh.strip(), item.id
        for number, text in item.levels.items():
            assert text.en.strip() and text.zh.strip(), (item.id, number)
            assert text.get("en") == text.en and text.get("zh") == text.zh
        assert len({t.en for t in item.levels.values()}) == 5, item.id
    for block in builtin.blocks:
        assert block.title.en and block.title.zh


def test_builtin_fit_has_the_six_r_cwr_0_questions(builtin):
    """R-CWR-0: sales cycle stages, parallel processes, quotas/SLAs, integrations, sync
    frequency, customer volume; each question can imply crawl, walk and run."""
    assert [f.id for f in builtin.fit] == FIT_QUESTIONS
    for question in builtin.fit:
        assert {o.level for o in question.options} == {"crawl", "walk", "run"}
        assert question.text.en and question.text.zh


def test_builtin_settings_are_the_method_defaults(builtin):
    """Section 2-5 *defaults*: low-sample 3, don't-know 30%, gap 1.0, margin 25, red 40, top 3."""
    s = builtin.settings
    assert (s.low_sample, s.dont_know_flag, s.gap_threshold, s.tech_ahead_margin) == (3, 0.30, 1.0, 25)
    assert (s.red_strategy_threshold, s.red_change_threshold, s.top_pains) == (40, 40, 3)
    assert (s.votes_per_participant, s.lead_return_days) == (3, 30)


def test_line_helpers_point_at_the_real_lines():
    """The line numbers the tests below expect are the real ones in the file."""
    assert LINES[B32 - 1].strip() == "- id: B3.2"
    assert LINES[B32_LEVEL4 - 1].lstrip().startswith('4: {en: "Customers\' reasons match')
    assert B32 < B32_WEIGHT < B32_LEVELS < B32_LEVEL4 < B32_LEVEL5 < B33
