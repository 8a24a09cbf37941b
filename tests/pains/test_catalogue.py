"""The catalogue of typical CRM pains (questionnaires/pain-catalogue.yaml) and its validator."""
from __future__ import annotations

import re

import pytest

from readiness.method.definition import BLOCK_IDS
from readiness.method.pain_catalogue import (
    MIN_PER_BLOCK,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
)
from readiness.pains.services import CATALOGUE

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_builtin_catalogue_covers_every_block_in_both_languages():
    catalogue = load_catalogue(CATALOGUE)
    by_block = catalogue.by_block()
    assert list(by_block) == list(BLOCK_IDS)
    assert all(len(pains) >= MIN_PER_BLOCK for pains in by_block.values())
    assert len(catalogue.pains) == 40
    assert len({p.id for p in catalogue.pains}) == 40
    titles_en = [p.title.en for p in catalogue.pains]
    assert len(set(titles_en)) == 40 and len({p.title.zh for p in catalogue.pains}) == 40
    for pain in catalogue.pains:
        assert pain.id.startswith(pain.block + "-")
        assert CJK.search(pain.title.zh) and CJK.search(pain.scenario.zh), pain.id
        assert not CJK.search(pain.title.en + pain.scenario.en), pain.id
        assert len(pain.scenario.en) > 60, pain.id  # a scenario is a story, not a label
    parties = {p.affected_party for p in catalogue.pains}
    assert parties == {"customer", "competitor", "supplier", "partner", "employee"}
    assert catalogue.get("B6-01").title.get("zh") == "同一个客户在系统里有好几份"
    assert catalogue.get("B6-01").blocks == ["B6", "B7"]
    assert catalogue.get("B9-01") is None


def _pain(pid, blocks, **extra):
    fields = {"affected_party": "customer", "title": {"en": "t", "zh": "标题"},
              "scenario": {"en": "s", "zh": "场景"}, **extra}
    lines = [f"  - id: {pid}", f"    blocks: [{', '.join(blocks)}]"]
    for key, value in fields.items():
        if isinstance(value, dict):
            value = "{" + ", ".join(f"{k}: {v!r}" for k, v in value.items()) + "}"
        lines.append(f"    {key}: {value}")
    return "\n".join(lines)


def _file(pains):
    return "id: test\nversion: '1'\npains:\n" + "\n".join(pains) + "\n"


def _full():
    return [_pain(f"{b}-0{n}", [b]) for b in BLOCK_IDS for n in range(1, MIN_PER_BLOCK + 1)]


def test_a_valid_file_parses():
    catalogue = parse_catalogue(_file(_full()))
    assert len(catalogue.pains) == 8 * MIN_PER_BLOCK


def test_every_problem_is_reported_with_its_line():
    pains = _full()
    pains[0] = _pain("B1-01", ["B1", "B9"])                     # unknown block
    pains[1] = _pain("B1-02", ["B1"], affected_party="alien")  # unknown party
    pains[2] = _pain("B1-03", ["B1"], title={"en": "only english"})  # no Chinese
    pains[5] = _pain("B2-02", ["B2", "B2"])                     # a block twice
    pains.append(_pain("B1-01", ["B1"]))                        # id used twice
    pains[31] = _pain("B3-09", ["B8"])                          # id does not match its block
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(_file(pains), "cat.yaml")
    text = str(error.value)
    first = 4  # "  - id: B1-01" is on line 4
    assert f"cat.yaml:{first + 1}: pain B1-01: blocks.1: Input should be" in text
    assert f"cat.yaml:{first + 5 + 2}: pain B1-02: affected_party: Input should be" in text
    assert "pain B1-03: title.zh: missing" in text
    assert "pain B2-02: blocks: a block is listed twice" in text
    assert "pain B1-01: id is used twice" in text
    assert "pain B3-09: id must start with its first block B8-" in text


def test_thin_blocks_are_reported():
    pains = [p for p in _full() if not p.startswith("  - id: B4-")]
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(_file(pains), "cat.yaml")
    assert [str(p) for p in error.value.problems] == [
        f"cat.yaml:3: block B4: 0 pains filed under it, need at least {MIN_PER_BLOCK}"]


def test_not_yaml_and_missing_file():
    with pytest.raises(CatalogueError) as error:
        parse_catalogue("pains: [\n", "x.yaml")
    assert str(error.value).startswith("x.yaml:2: not valid YAML")
    with pytest.raises(CatalogueError) as error:
        load_catalogue("/nonexistent/catalogue.yaml")
    assert "cannot read file" in str(error.value)
