"""Shared helpers of the questionnaire validator tests (test_questionnaire_loading_*.py): the
built-in file, its lines, edited variants and the problems they raise."""
from __future__ import annotations

from pathlib import Path

import pytest

from readiness.method.loading import Problem, QuestionnaireError, load_questionnaire

ROOT = Path(__file__).resolve().parents[2]
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


