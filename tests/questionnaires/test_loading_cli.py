"""The `readiness questionnaire validate` command."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import validate_command
from tests.questionnaires.helpers import B32_LEVEL4, B32_WEIGHT, BUILTIN, LINES, edited

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
