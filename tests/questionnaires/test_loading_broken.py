"""The questionnaire validator: broken variants reported as FILE:LINE: element: reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from readiness.method.loading import (
    Problem,
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
)
from tests.questionnaires.helpers import (
    B32,
    B32_LEVEL4,
    B32_LEVEL5,
    B32_LEVELS,
    B32_WEIGHT,
    B33,
    LINES,
    edited,
    line_no,
    problems_of,
)

# Broken variants: FILE:LINE: element: reason -----------------------------------------------

def test_missing_zh_text_of_a_level_names_file_line_and_item(tmp_path):
    """Removing the zh text of level 4 of item B3.2 -> `<file>:<line>: item B3.2: level 4 missing
    zh text`, the line being the one holding that level."""
    original = LINES[B32_LEVEL4 - 1]
    without_zh = original[:original.index(', zh: "')] + "}\n"
    path, problems = problems_of(tmp_path, edited({B32_LEVEL4: without_zh}))
    assert [str(p) for p in problems] == [f"{path}:{B32_LEVEL4}: item B3.2: level 4 missing zh text"]
    assert problems[0] == Problem(path, B32_LEVEL4, "item B3.2", "level 4 missing zh text")
    # The reported line really is level 4 of B3.2 in the broken file.
    assert Path(path).read_text(encoding="utf-8").splitlines()[B32_LEVEL4 - 1].strip().startswith("4:")


def test_empty_en_text_of_a_level(tmp_path):
    """An empty en anchor is reported on its line, naming item and level."""
    original = LINES[B32_LEVEL4 - 1]
    start = original.index('{en: "') + len('{en: "')
    end = original.index('", zh:')
    path, problems = problems_of(tmp_path, edited({B32_LEVEL4: original[:start] + original[end:]}))
    assert [str(p) for p in problems] == [
        f"{path}:{B32_LEVEL4}: item B3.2: level 4 en text: String should have at least 1 character"]


def test_blank_en_text_of_a_level(tmp_path):
    """A blank (spaces only) en anchor is as empty as an empty one."""
    original = LINES[B32_LEVEL4 - 1]
    start = original.index('{en: "') + len('{en: "')
    end = original.index('", zh:')
    path, problems = problems_of(tmp_path, edited({B32_LEVEL4: original[:start] + "   " + original[end:]}))
    assert [str(p) for p in problems] == [f"{path}:{B32_LEVEL4}: item B3.2: level 4 en text: text is blank"]


def test_invalid_yaml_syntax_reports_the_line(tmp_path):
    """Invalid YAML: the line of the error and "not valid YAML"."""
    path, problems = problems_of(tmp_path, edited({B32_WEIGHT: "        weight: 1.5: x\n"}))
    # libyaml says "... not allowed in this context", PyYAML's own parser "... not allowed here".
    assert len(problems) == 1
    assert str(problems[0]).startswith(
        f"{path}:{B32_WEIGHT}: not valid YAML: mapping values are not allowed ")


def test_unclosed_flow_mapping_reports_a_line_near_it(tmp_path):
    """Invalid YAML: an unclosed {...} is reported on the line after it (where YAML notices)."""
    line = LINES[B32_LEVEL4 - 1].rstrip("\n").rstrip("}") + "\n"
    path, problems = problems_of(tmp_path, edited({B32_LEVEL4: line}))
    assert len(problems) == 1
    assert problems[0].line == B32_LEVEL5
    assert str(problems[0]).startswith(f"{path}:{B32_LEVEL5}: not valid YAML: ")


def test_missing_block_b8(tmp_path):
    """Section 1: all eight blocks are required; without B8 the problem names B8."""
    start, end = line_no("- id: B8"), line_no("fit:")
    path, problems = problems_of(tmp_path, edited({n: None for n in range(start, end)}))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:")
    assert (problems[0].where, problems[0].reason) == ("blocks", "missing block B8 (need B1-B8 once each)")


def test_missing_block_b8_points_at_the_blocks_list(tmp_path):
    """A missing block should be reported on the `blocks:` line, not on line 1."""
    start, end = line_no("- id: B8"), line_no("fit:")
    _, problems = problems_of(tmp_path, edited({n: None for n in range(start, end)}))
    assert problems[0].line == line_no("blocks:")


def test_repeated_block(tmp_path):
    """Section 1: B1-B8 once each; a second B7 (in place of B8) is named as repeated."""
    b8 = line_no("- id: B8")
    text = edited({b8: LINES[b8 - 1].replace("B8", "B7")})
    # Item ids must still start with their block id, so rename B8.x -> B7.x too.
    text = text.replace("- id: B8.", "- id: B7.x")
    _, problems = problems_of(tmp_path, text)
    described = [(p.where, p.reason) for p in problems]
    assert ("blocks", "missing block B8 (need B1-B8 once each)") in described, described
    assert ("block B7", "block is repeated") in described, described


def test_duplicate_item_id(tmp_path):
    """Duplicate item id: the problem names the id."""
    path, problems = problems_of(tmp_path, edited({B33: LINES[B33 - 1].replace("B3.3", "B3.2")}))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:")
    assert "B3.2" in str(problems[0]) and "used twice" in str(problems[0])


def test_duplicate_item_id_points_at_the_second_occurrence(tmp_path):
    """Duplicate item id: FILE:LINE of the second occurrence, element `item B3.2`."""
    _, problems = problems_of(tmp_path, edited({B33: LINES[B33 - 1].replace("B3.3", "B3.2")}))
    assert (problems[0].line, problems[0].where) == (B33, "item B3.2")


def test_weight_zero(tmp_path):
    """Item weight must be > 0: reported on the weight line of the item."""
    path, problems = problems_of(tmp_path, edited({B32_WEIGHT: "        weight: 0\n"}))
    assert [str(p) for p in problems] == [
        f"{path}:{B32_WEIGHT}: item B3.2: weight: Input should be greater than 0"]


def test_unknown_fit_level_sprint(tmp_path):
    """R-CWR-0: a fit option's level must be crawl, walk or run; 'sprint' is named on its line."""
    fit = line_no("fit:")
    defined = line_no("- id: defined", fit)
    level = line_no("level:", defined)
    assert LINES[level - 1].strip() == "level: walk"
    path, problems = problems_of(tmp_path, edited({level: "        level: sprint\n"}))
    assert [str(p) for p in problems] == [
        f"{path}:{level}: fit sales_cycle_stages option defined: level: "
        "Input should be 'crawl', 'walk' or 'run'"]


def test_level_6(tmp_path):
    """Section 1: levels are 1-5 only; a level 6 on B3.2 is named."""
    level6 = '          6: {en: "Beyond optimised.", zh: "超越优化。"}\n'
    path, problems = problems_of(tmp_path, edited({B32_LEVEL5: LINES[B32_LEVEL5 - 1] + level6}))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where == "item B3.2"
    assert problem.reason == "levels: unknown levels 6 (only 1-5)"
    # The `levels:` key of B3.2 (or the new `6:` line) - not some unrelated line.
    assert problem.line in (B32_LEVELS, B32_LEVEL5 + 1)
    assert str(problem) == f"{path}:{problem.line}: item B3.2: levels: unknown levels 6 (only 1-5)"


def test_missing_level(tmp_path):
    """Section 1: a missing level 4 is named, on the `levels:` line of the item."""
    path, problems = problems_of(tmp_path, edited({B32_LEVEL4: None}))
    assert [str(p) for p in problems] == [
        f"{path}:{B32_LEVELS}: item B3.2: levels: levels 4 missing (need 1-5)"]


def test_all_problems_reported_in_one_pass(tmp_path):
    """Every problem at once, in file order, so the author fixes them in one pass."""
    original = LINES[B32_LEVEL4 - 1]
    without_zh = original[:original.index(', zh: "')] + "}\n"
    fit = line_no("fit:")
    level = line_no("level:", line_no("- id: defined", fit))
    _path, problems = problems_of(tmp_path, edited({
        B32_WEIGHT: "        weight: 0\n", B32_LEVEL4: without_zh, level: "        level: sprint\n"}))
    assert [(p.line, p.where) for p in problems] == [
        (B32_WEIGHT, "item B3.2"), (B32_LEVEL4, "item B3.2"), (level, "fit sales_cycle_stages option defined")]


def test_unknown_field_is_rejected(tmp_path):
    """Definitions are strict: a misspelt key is a problem, named on its line."""
    path, problems = problems_of(tmp_path, edited({B32_WEIGHT: "        wieght: 1.5\n"}))
    assert set(str(p) for p in problems) == {
        f"{path}:{B32}: item B3.2: missing field 'weight'",
        f"{path}:{B32_WEIGHT}: item B3.2: wieght: Extra inputs are not permitted",
    }


def test_file_must_hold_a_mapping(tmp_path):
    """A YAML list is not a questionnaire."""
    path, problems = problems_of(tmp_path, "- a\n- b\n")
    assert [str(p) for p in problems] == [f"{path}:1: the file must hold a mapping"]


def test_unreadable_file(tmp_path):
    """A missing file is a problem, not a crash."""
    path = tmp_path / "nope.yaml"
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    assert len(info.value.problems) == 1
    assert str(info.value.problems[0]).startswith(f"{path}:1: cannot read file: ")


def test_parse_questionnaire_default_filename():
    """parse_questionnaire names `<string>` when no file name is given."""
    with pytest.raises(QuestionnaireError) as info:
        parse_questionnaire("[1, 2]")
    assert str(info.value) == "<string>:1: the file must hold a mapping"
