"""Issue 11: questionnaire and catalogue files refuse anchors and aliases (the alias bomb),
too deep nesting and too big files, with FILE:LINE, within a second."""
from __future__ import annotations

import time

import pytest

from readiness.method.loading import MAX_YAML_BYTES, QuestionnaireError, parse_questionnaire
from readiness.method.pain_catalogue import CatalogueError, parse_catalogue


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


CASES = [
    (_bomb(), 1, "anchors and aliases"),
    ("key: value\nother:\n  - &x text\n  - *x\n", 3, "anchors and aliases"),
    ("a: " + "[" * 100000, 1, "nested more than"),
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)), 41, "nested more than"),
    ("a: {" * 50 + "}" * 50, 1, "nested more than"),
]


@pytest.mark.parametrize(("text", "line", "reason"), CASES)
def test_hostile_yaml_is_refused_with_file_and_line_within_a_second(text, line, reason):
    started = time.perf_counter()
    with pytest.raises(QuestionnaireError) as refused:
        parse_questionnaire(text, "q.yaml")
    assert time.perf_counter() - started < 1.0
    [problem] = refused.value.problems
    assert (problem.file, problem.line) == ("q.yaml", line) and reason in problem.reason


def test_too_big_a_file_is_refused_before_it_is_read():
    started = time.perf_counter()
    with pytest.raises(QuestionnaireError, match="larger than"):
        parse_questionnaire("# " + "x" * MAX_YAML_BYTES, "big.yaml")
    assert time.perf_counter() - started < 1.0


def test_the_pain_catalogue_has_the_same_limits():
    with pytest.raises(CatalogueError, match="anchors and aliases"):
        parse_catalogue(_bomb(), "pains.yaml")
