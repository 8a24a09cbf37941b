"""The checks' tools: missing ones skip on a developer's machine and fail CI, never pass silently."""
import pytest

from .pages import require


def test_a_missing_tool_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"vnu\.jar is missing: run `make node-tools`"):
        require(tmp_path / "vnu.jar", "vnu.jar")


def test_a_missing_tool_skips_elsewhere(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="axe-core is missing"):
        require(tmp_path / "axe.min.js", "axe-core")
    with pytest.raises(pytest.skip.Exception, match="Java is missing"):
        require(None, "Java")
