"""UI text has one home, the Babel catalog, and every message in it has its Chinese: nothing the
code or the templates say (nor the PDF report) reaches a Chinese reader in English."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "readiness" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"


def _zh() -> Catalog:
    with ZH.open("rb") as f:
        return read_po(f)


def _extracted() -> Catalog:
    """What `make extract-messages` finds: babel.cfg's files, `_l` as a keyword, and only dot
    directories skipped (templates/_macros/ holds messages)."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog()
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords={**DEFAULT_KEYWORDS, "_l": None},
        directory_filter=lambda path: not fnmatch.fnmatch(os.path.basename(path), ".*"))
    for filename, lineno, message, _comments, context in found:
        catalog.add(message, None, [(filename, lineno)], context=context)
    return catalog


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(s and s.strip() for s in strings)


def test_every_chinese_message_is_translated_and_not_fuzzy():
    catalog = _zh()
    messages = [m for m in catalog if m.id]
    assert len(messages) > 600
    assert [m.id for m in messages if m.fuzzy] == []
    assert [m.id for m in messages if not _translated(m)] == []


def test_chinese_placeholders_match_the_english():
    """%(name)s in the msgid is %(name)s in the msgstr (Babel's own python-format check)."""
    problems = [(m.id, [str(e) for e in errors]) for m, errors in _zh().check()]
    assert problems == []


def test_every_message_of_the_code_and_templates_is_in_the_chinese_catalog():
    """`make extract-messages` was run: no string in the sources lacks its Chinese."""
    zh = _zh()
    missing = [(m.id, m.locations[0]) for m in _extracted() if m.id and (
        zh.get(m.id, context=m.context) is None or not _translated(zh.get(m.id, m.context)))]
    assert missing == []
