"""The questionnaire's content_hash."""
from __future__ import annotations

import yaml

from readiness.method.loading import content_hash, load_questionnaire, parse_questionnaire
from tests.questionnaires.helpers import (
    B32_LEVEL4,
    BUILTIN,
    LINES,
    TEXT,
    edited,
    line_no,
)

# content_hash ---------------------------------------------------------------------------------

def test_content_hash_ignores_formatting_and_comments(builtin):
    """Same content, reformatted (re-dumped YAML, other key order, comments) -> same hash."""
    data = yaml.safe_load(TEXT)
    reformatted = "# A comment at the top\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=True, default_flow_style=False, width=60)
    assert reformatted != TEXT
    again = parse_questionnaire(reformatted, "reformatted.yaml")
    assert content_hash(again) == content_hash(builtin)
    commented = TEXT.replace("blocks:\n", "# the eight building blocks\nblocks:   # B1-B8\n", 1)
    assert content_hash(parse_questionnaire(commented)) == content_hash(builtin)


def test_content_hash_is_stable_sha256(builtin):
    """The hash is a 64-hex sha256, the same on every load."""
    first = content_hash(builtin)
    assert len(first) == 64 and int(first, 16) >= 0
    assert content_hash(load_questionnaire(BUILTIN)) == first


def test_content_hash_changes_with_text(builtin):
    """Changing one anchor text -> a different hash."""
    original = LINES[B32_LEVEL4 - 1]
    changed = edited({B32_LEVEL4: original.replace("Customers' reasons", "Customers' own reasons")})
    assert content_hash(parse_questionnaire(changed)) != content_hash(builtin)


def test_content_hash_changes_with_a_setting(builtin):
    """Changing a *default* (the gap threshold) is new content -> a different hash."""
    changed = TEXT.replace("gap_threshold: 1.0", "gap_threshold: 1.5", 1)
    assert changed != TEXT
    assert content_hash(parse_questionnaire(changed)) != content_hash(builtin)


def test_content_hash_explicit_defaults_equal_omitted_settings(builtin):
    """The built-in settings are the defaults: omitting the settings section is the same content."""
    start, end = line_no("settings:"), line_no("blocks:")
    without = edited({n: None for n in range(start, end)})
    assert content_hash(parse_questionnaire(without)) == content_hash(builtin)
