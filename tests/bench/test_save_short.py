"""The short save bench (bench/save.py --short) as a test: under 50 saves in flight against
gunicorn on SQLite, no 500 and no lost or wrong answer. Marked `bench`: `make test` runs it,
`make test-fast` leaves it out. The bench's speed targets are not asserted here (a shared CI
machine moves them); bench/save.py --check asserts them on a quiet machine."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_short_save_bench_has_no_500_and_loses_nothing():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "save.py"), "--short"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "answers lost or wrong: 0 of 300" in result.stdout
    assert "block sums unlike a full recompute: 0" in result.stdout
