"""The Nu HTML checker (vnu.jar from npm, run by Debian's Java) finds no error on any page type.

All pages go to one java invocation: starting the JVM is most of the cost.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from .pages import VNU_JAR, fetch, java, require, visit

pytestmark = pytest.mark.browser  # needs Debian packages (Java), like the browser tests


def _file_name(name: str) -> str:
    return re.sub(r"\W+", "-", name) + ".html"


def test_every_page_type_is_valid_html(app, demo, tmp_path):
    require(java(), "Java")
    require(VNU_JAR, "vnu.jar")
    out = visit(app, demo)
    # Chinese too: translated text lands in attributes, where a stray quote breaks the markup.
    pages = fetch(out) | {f"{name} (zh)": html for name, html in fetch(out, "zh").items()}
    assert 'lang="zh' in pages["dashboard (zh)"] and "已保存" in pages["respondent block, Chinese"]
    files = {}
    for name, html in pages.items():
        path = tmp_path / _file_name(name)
        path.write_text(html, encoding="utf-8")
        files[path.as_uri()] = name
    result = subprocess.run(
        [str(java()), "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *sorted(str(p) for p in tmp_path.glob("*.html"))],
        capture_output=True, text=True, timeout=120)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']}"
              f"  [{m.get('extract', '').strip()[:120]}]" for m in messages]
    assert not errors, f"{len(errors)} markup errors:\n" + "\n".join(errors)
    assert len(pages) >= 60 and result.returncode == 0
