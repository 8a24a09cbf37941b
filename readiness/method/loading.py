"""Load a questionnaire file and report every problem as `FILE:LINE: item B3.2: reason`."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .definition import BLOCK_IDS, Questionnaire

#: A path into the YAML data as pydantic reports it: mapping keys (str, or int for level keys)
#: and list indexes. Code that reads the data by it catches a part of the wrong kind.
Loc = tuple[Any, ...]
#: Each path in the file -> its 1-based line.
Lines = dict[Loc, int]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str
    reason: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.file}:{self.line}:{where} {self.reason}"


class QuestionnaireError(Exception):
    """Raised with every problem found, so the author fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _line_map(node: yaml.Node, path: Loc = (), out: Lines | None = None) -> Lines:
    """Map each data path (as pydantic reports it) to its 1-based line in the file."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # Level keys are integers in the file (1: ...), everything else is a string.
            key = int(key_node.value) if key_node.tag.endswith(":int") else key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _line_map(child, (*path, index), out)
    return out


def _line_for(loc: Loc, lines: Lines) -> int:
    """The line of the deepest part of `loc` that exists in the file (a missing key -> its parent)."""
    for cut in range(len(loc), -1, -1):
        for candidate in (loc[:cut], tuple(str(p) if isinstance(p, int) else p for p in loc[:cut])):
            if candidate in lines:
                return lines[candidate]
    return 1


def _describe(loc: Loc, data: dict[str, Any]) -> tuple[str, Loc]:
    """Human name of the element at the start of loc ('item B3.2'), and the rest of the path."""
    try:
        if loc[:1] == ("blocks",) and len(loc) >= 4 and loc[2] == "items":
            item = data["blocks"][loc[1]]["items"][loc[3]]
            return f"item {item.get('id', '#' + str(loc[3] + 1))}", loc[4:]
        if loc[:1] == ("blocks",) and len(loc) >= 2:
            block = data["blocks"][loc[1]]
            return f"block {block.get('id', '#' + str(loc[1] + 1))}", loc[2:]
        if loc[:1] == ("fit",) and len(loc) >= 4 and loc[2] == "options":
            question = data["fit"][loc[1]]
            option = question["options"][loc[3]]
            return f"fit {question.get('id', '?')} option {option.get('id', '?')}", loc[4:]
        if loc[:1] == ("fit",) and len(loc) >= 2:
            return f"fit {data['fit'][loc[1]].get('id', '#' + str(loc[1] + 1))}", loc[2:]
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return "", loc


def _reason(rest: Loc, error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing" and len(rest) == 3 and rest[0] == "levels":
        return f"level {rest[1]} missing {rest[2]} text"
    if kind == "missing" and len(rest) == 2 and rest[1] in ("en", "zh"):
        return f"{rest[0]} missing {rest[1]} text"
    if kind == "missing":
        return f"missing field '{'.'.join(map(str, rest))}'"
    field = ".".join(str(p) for p in rest if not str(p).startswith("function-"))
    message = error["msg"].removeprefix("Value error, ")
    if rest[:1] == ("levels",) and len(rest) == 3:
        field = f"level {rest[1]} {rest[2]} text"
    return f"{field}: {message}" if field else message


def _structural_problems(data: dict[str, Any], lines: Lines, filename: str) -> list[Problem]:
    """Whole-file checks with a precise place: blocks B1-B8 once each, item ids unique. (The
    model validator repeats them, but pydantic can only place those errors at the top.)"""
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return []
    problems: list[Problem] = []
    ids = [b.get("id") for b in blocks if isinstance(b, dict)]
    missing = [b for b in BLOCK_IDS if b not in ids]
    if missing:
        problems.append(Problem(filename, _line_for(("blocks",), lines), "blocks",
                                "missing block " + ", ".join(missing) + " (need B1-B8 once each)"))
    seen_blocks: set[object] = set()
    seen_items: set[object] = set()
    for i, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        if block.get("id") in seen_blocks:
            problems.append(Problem(filename, _line_for(("blocks", i, "id"), lines),
                                    f"block {block['id']}", "block is repeated"))
        seen_blocks.add(block.get("id"))
        for j, item in enumerate(block.get("items") or []):
            if isinstance(item, dict) and "id" in item:
                if item["id"] in seen_items:
                    problems.append(Problem(filename, _line_for(("blocks", i, "items", j, "id"), lines),
                                            f"item {item['id']}", "item id is used twice"))
                seen_items.add(item["id"])
    return problems


#: A questionnaire or catalogue file is a few hundred KB at most; larger is not one of ours.
MAX_YAML_BYTES = 2 * 1024 * 1024
#: Nesting of mappings and lists; the real files use about 8.
MAX_YAML_DEPTH = 40
#: Parser events (scalars, starts and ends of mappings and lists): the built-in questionnaire has
#: about 3,000. Bounding them bounds the time the tree takes to build (a flat list of a million
#: tiny scalars fits in 2 MB and takes seconds to compose).
MAX_YAML_EVENTS = 30_000
#: libyaml's parser when PyYAML was built with it (about ten times faster, same marks and errors
#: for what we check); the pure-Python one otherwise.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The characters _flow_depth looks at; the rest of the text is skipped by the regex engine.
_FLOW_CHARS = re.compile(r"[\[\]{}'\"#\n]")


def _flow_depth(text: str) -> int | None:
    """The line where [ and { (outside quotes and comments, roughly: an over-count only refuses
    a file no questionnaire resembles) nest deeper than MAX_YAML_DEPTH, else None."""
    depth, number, quote, comment = 0, 1, "", False
    for match in _FLOW_CHARS.finditer(text):
        char = match.group()
        if char == "\n":
            number, quote, comment = number + 1, "", False
        elif comment:
            continue
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return number
        else:
            depth = max(0, depth - 1)
    return None


def _shape_problem(text: str) -> tuple[int, str] | None:
    """(line, reason) when the file is too big, nests too deep or uses anchors and aliases.

    Anchors and aliases are refused, not expanded: nine nested aliases ("billion laughs") make
    10^9 nodes, and no questionnaire needs them (copy the text instead). Checked on the event
    stream, which is flat and cheap, before anything builds the tree.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        return 1, f"the file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MB"
    flow = _flow_depth(text)  # first: PyYAML's scanner slows down badly on deep [ [ [ ...
    if flow is not None:
        return flow, f"nested more than {MAX_YAML_DEPTH} levels deep"
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=LOADER)):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if count > MAX_YAML_EVENTS:
            return line, f"more than {MAX_YAML_EVENTS} values: not a questionnaire"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return line, "anchors and aliases (&name, *name) are not allowed: write the text out"
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return line, f"nested more than {MAX_YAML_DEPTH} levels deep"
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def yaml_with_lines(text: str, filename: str, error: type[Exception]
                    ) -> tuple[dict[str, Any], Lines]:
    """The mapping a YAML file holds and the line of every path in it; `error(problems)` otherwise."""
    try:
        shape = _shape_problem(text)
        if shape is not None:
            raise error([Problem(filename, shape[0], "", shape[1])])
        node = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER)  # a safe loader, the C or the Python one
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        # A reader error (a control character) has no `problem`: its own message says it.
        problem = getattr(exc, "problem", exc)
        raise error([Problem(filename, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict) or node is None:  # an empty file composes to no node
        raise error([Problem(filename, 1, "", "the file must hold a mapping")])
    return data, _line_map(node)


def parse_questionnaire(text: str, filename: str = "<string>") -> Questionnaire:
    """Parse and validate; raise QuestionnaireError naming file, line, element and reason."""
    data, lines = yaml_with_lines(text, filename, QuestionnaireError)
    structural = _structural_problems(data, lines, filename)
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = list(structural)
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
            if structural and not loc:
                continue  # the same whole-file problem, already placed precisely above
            where, rest = _describe(loc, data)
            problems.append(Problem(filename, _line_for(loc, lines), where, _reason(rest, error)))
        raise QuestionnaireError(problems) from None


def load_questionnaire(path: str | Path) -> Questionnaire:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError([Problem(str(path), 1, "", f"cannot read file: {exc}")]) from exc
    return parse_questionnaire(text, str(path))


def content_hash(questionnaire: Questionnaire) -> str:
    """Stable hash of the parsed content: formatting and comments do not make a new version."""
    canonical = json.dumps(questionnaire.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
