"""The questionnaire validator (readiness.method.loading, METHOD.md section 1 and its *defaults*):
the built-in file, broken variants reported as FILE:LINE: element: reason, the
`readiness questionnaire validate` command and content_hash."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import validate_command
from readiness.method.definition import BLOCK_IDS
from readiness.method.loading import (Problem, QuestionnaireError, content_hash,
                                      load_questionnaire, parse_questionnaire)

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT / "questionnaires" / "crm-readiness.yaml"
TEXT = BUILTIN.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
FIT_QUESTIONS = ["sales_cycle_stages", "parallel_processes", "quotas_slas", "integrations",
                 "sync_frequency", "customer_volume"]


def line_no(prefix: str, after: int = 0) -> int:
    """1-based number of the first line at or after line `after` (1-based) whose text, stripped
    of indentation, starts with `prefix`."""
    for index in range(max(after - 1, 0), len(LINES)):
        if LINES[index].strip().startswith(prefix):
            return index + 1
    raise AssertionError(f"no line starts with {prefix!r}")


B3 = line_no("- id: B3")
B32 = line_no("- id: B3.2", B3)
B32_LEVEL4 = line_no("4:", B32)
B32_LEVEL5 = line_no("5:", B32)
B32_WEIGHT = line_no("weight:", B32)
B32_LEVELS = line_no("levels:", B32)
B33 = line_no("- id: B3.3", B3)


def edited(replacements: dict[int, str | None]) -> str:
    """The built-in file with whole lines (1-based) replaced, or removed when None."""
    out = []
    for number, line in enumerate(LINES, start=1):
        if number in replacements:
            if replacements[number] is not None:
                out.append(replacements[number])
        else:
            out.append(line)
    return "".join(out)


def problems_of(tmp_path: Path, text: str, name: str = "broken.yaml") -> tuple[str, list[Problem]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    assert str(info.value) == "\n".join(map(str, info.value.problems))
    return str(path), info.value.problems


# The built-in questionnaire -------------------------------------------------------------------

@pytest.fixture(scope="module")
def builtin():
    return load_questionnaire(BUILTIN)


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
    assert [str(p) for p in problems] == [
        f"{path}:{B32_WEIGHT}: not valid YAML: mapping values are not allowed here"]


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
    path, problems = problems_of(tmp_path, edited({
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


# The `readiness questionnaire validate` command ------------------------------------------------

def test_cli_validate_builtin_exits_0():
    """`questionnaire validate FILE` on the built-in file: exit 0 and a summary line."""
    result = CliRunner().invoke(validate_command, [str(BUILTIN)])
    assert result.exit_code == 0, result.output
    items = sum(1 for line in LINES if line.strip().startswith("- id: B") and "." in line)
    assert result.output.strip() == (
        f"{BUILTIN}: valid (crm-readiness v1.0, 8 blocks, {items} items, 6 fit questions)")


def test_cli_validate_broken_exits_1_and_prints_problems(tmp_path):
    """`questionnaire validate` on a broken file: exit 1, every problem printed as FILE:LINE."""
    original = LINES[B32_LEVEL4 - 1]
    broken = tmp_path / "broken.yaml"
    broken.write_text(edited({B32_LEVEL4: original[:original.index(', zh: "')] + "}\n",
                              B32_WEIGHT: "        weight: 0\n"}), encoding="utf-8")
    result = CliRunner().invoke(validate_command, [str(broken), str(BUILTIN)])
    assert result.exit_code == 1
    assert f"{broken}:{B32_LEVEL4}: item B3.2: level 4 missing zh text" in result.stderr
    assert f"{broken}:{B32_WEIGHT}: item B3.2: weight: Input should be greater than 0" in result.stderr
    # The good file in the same call is still reported as valid.
    assert f"{BUILTIN}: valid" in result.stdout


def test_cli_validate_needs_a_file():
    """`questionnaire validate` with no file is a usage error (exit 2)."""
    assert CliRunner().invoke(validate_command, []).exit_code == 2


def _run_console_script(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("readiness")
    if not script.exists():
        pytest.skip("console script `readiness` not installed in this environment")
    env = dict(os.environ, READINESS_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="test",
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    return subprocess.run([str(script), "questionnaire", "validate", *map(str, files)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_console_script_validate(tmp_path):
    """`.venv/bin/readiness questionnaire validate FILE`: 0 on the built-in file, 1 on a broken
    one with the FILE:LINE problem on stderr."""
    good = _run_console_script(tmp_path, BUILTIN)
    assert good.returncode == 0, good.stderr
    assert f"{BUILTIN}: valid (crm-readiness v1.0, 8 blocks" in good.stdout
    broken = tmp_path / "b.yaml"
    original = LINES[B32_LEVEL4 - 1]
    broken.write_text(edited({B32_LEVEL4: original[:original.index(', zh: "')] + "}\n"}),
                      encoding="utf-8")
    bad = _run_console_script(tmp_path, broken)
    assert bad.returncode == 1
    assert f"{broken}:{B32_LEVEL4}: item B3.2: level 4 missing zh text" in bad.stderr


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
