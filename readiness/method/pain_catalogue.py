"""The catalogue of typical CRM pain points per building block (METHOD.md section 4), a starting
point for an engagement's pain register. Pure: YAML in, validated objects (or every problem) out.

The file lists pains; a pain's first block is the block it is filed under, and every block B1-B8
needs at least MIN_PER_BLOCK pains so a consultant always has something to start from.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from .definition import BLOCK_IDS, Text, _Strict
from .loading import Lines, Loc, Problem, _line_for, yaml_with_lines

AFFECTED_PARTIES = ("customer", "competitor", "supplier", "partner", "employee")
MIN_PER_BLOCK = 4


class CataloguePain(_Strict):
    id: str = Field(pattern=r"^B[1-8]-[0-9]{2}$")
    #: Related building blocks; the first is the block the pain is filed under.
    blocks: list[Literal["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"]] = Field(min_length=1)
    affected_party: Literal["customer", "competitor", "supplier", "partner", "employee"]
    title: Text
    scenario: Text

    @field_validator("blocks")
    @classmethod
    def _distinct(cls, blocks: list[str]) -> list[str]:
        if len(set(blocks)) != len(blocks):
            raise ValueError("a block is listed twice")
        return blocks

    @property
    def block(self) -> str:
        return self.blocks[0]


class PainCatalogue(_Strict):
    id: str
    version: str
    pains: list[CataloguePain]

    def by_block(self) -> dict[str, list[CataloguePain]]:
        grouped: dict[str, list[CataloguePain]] = {b: [] for b in BLOCK_IDS}
        for pain in self.pains:
            grouped[pain.block].append(pain)
        return grouped

    def get(self, pain_id: str) -> CataloguePain | None:
        return next((p for p in self.pains if p.id == pain_id), None)


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _where(loc: Loc, data: dict[str, Any]) -> tuple[str, Loc]:
    if loc[:1] == ("pains",) and len(loc) >= 2:
        try:
            return f"pain {data['pains'][loc[1]].get('id', '#' + str(loc[1] + 1))}", loc[2:]
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return "", loc


def _coverage(data: dict[str, Any], lines: Lines, filename: str) -> list[Problem]:
    """Ids used once, id prefix = filing block, and at least MIN_PER_BLOCK pains per block."""
    pains = data.get("pains")
    if not isinstance(pains, list):
        return []
    problems, seen = [], set()
    counts = {b: 0 for b in BLOCK_IDS}
    for index, pain in enumerate(pains):
        if not isinstance(pain, dict):
            continue
        pid, blocks = pain.get("id"), pain.get("blocks")
        if pid in seen:
            problems.append(Problem(filename, _line_for(("pains", index, "id"), lines),
                                    f"pain {pid}", "id is used twice"))
        seen.add(pid)
        if isinstance(blocks, list) and blocks and blocks[0] in counts:
            counts[blocks[0]] += 1
            if isinstance(pid, str) and not pid.startswith(blocks[0] + "-"):
                problems.append(Problem(filename, _line_for(("pains", index, "id"), lines),
                                        f"pain {pid}", f"id must start with its first block {blocks[0]}-"))
    for block, count in counts.items():
        if count < MIN_PER_BLOCK:
            problems.append(Problem(filename, _line_for(("pains",), lines), f"block {block}",
                                    f"{count} pains filed under it, need at least {MIN_PER_BLOCK}"))
    return problems


def parse_catalogue(text: str, filename: str = "<string>") -> PainCatalogue:
    """Parse and validate; raise CatalogueError with every problem as FILE:LINE: pain ID: reason."""
    data, lines = yaml_with_lines(text, filename, CatalogueError)
    problems = _coverage(data, lines, filename)
    try:
        catalogue = PainCatalogue.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
            where, rest = _where(loc, data)
            field = ".".join(str(p) for p in rest if not str(p).startswith("literal"))
            message = ("missing" if error["type"] == "missing"
                       else error["msg"].removeprefix("Value error, "))
            problems.append(Problem(filename, _line_for(loc, lines), where,
                                    f"{field}: {message}" if field else message))
        raise CatalogueError(problems) from None
    if problems:
        raise CatalogueError(problems)
    return catalogue


def load_catalogue(path: str | Path) -> PainCatalogue:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError([Problem(str(path), 1, "", f"cannot read file: {exc}")]) from None
    return parse_catalogue(text, str(path))
