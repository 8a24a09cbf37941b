"""What changed between two questionnaire versions, in terms a consultant reads: items added,
removed and changed (weight, texts, anchors, flags), block titles and weights, settings, the
use-case fit questions. Pure: takes two parsed definitions."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..method.definition import Questionnaire


@dataclass(frozen=True)
class Change:
    #: What changed, in words: "weight", "text (zh)", "level 3 (en)", "walk prerequisite B4".
    what: str
    old: Any
    new: Any


@dataclass
class ItemDiff:
    block: str
    item: str
    #: The item's statement, {"en": ..., "zh": ...} (the new one when it changed).
    text: dict[str, str]
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    general: list[Change] = field(default_factory=list)
    settings: list[Change] = field(default_factory=list)
    blocks: list[tuple[str, Change]] = field(default_factory=list)
    added: list[ItemDiff] = field(default_factory=list)
    removed: list[ItemDiff] = field(default_factory=list)
    changed: list[ItemDiff] = field(default_factory=list)
    fit: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.general or self.settings or self.blocks or self.added or self.removed
                    or self.changed or self.fit)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"levels.3.en": "...", "weight": 1.5}: nested data as dotted paths."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_flat(inner, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): value}


def _words(path: str) -> str:
    """Dotted path -> words: levels.3.en -> level 3 (en); text.zh -> text (zh)."""
    parts = path.split(".")
    if parts[0] == "levels" and len(parts) == 3:
        return f"level {parts[1]} ({parts[2]})"
    if parts[-1] in ("en", "zh") and len(parts) == 2:
        return f"{parts[0].replace('_', ' ')} ({parts[1]})"
    if parts[0].endswith("_prerequisites") and len(parts) == 2:
        return f"{parts[0].split('_')[0]} prerequisite {parts[1]}"
    if parts[0] == "confidence_weights" and len(parts) == 2:
        return f"confidence weight {parts[1]}"
    return " ".join(p.replace("_", " ") for p in parts)


def _compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    a, b = _flat(old), _flat(new)
    return [Change(_words(key), a.get(key), b.get(key))
            for key in sorted(set(a) | set(b), key=_order) if a.get(key) != b.get(key)]


def _order(path: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in path.split("."))


def diff(old: Questionnaire, new: Questionnaire) -> Diff:
    result = Diff()
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    result.general = _compare({k: a.get(k) for k in ("id", "version", "title", "description")},
                              {k: b.get(k) for k in ("id", "version", "title", "description")})
    result.settings = _compare(a["settings"], b["settings"])
    for block_id in sorted({x.id for x in old.blocks} | {x.id for x in new.blocks}):
        ob: dict[str, Any] = next((x for x in a["blocks"] if x["id"] == block_id), {"items": []})
        nb: dict[str, Any] = next((x for x in b["blocks"] if x["id"] == block_id), {"items": []})
        for change in _compare({k: v for k, v in ob.items() if k != "items"},
                               {k: v for k, v in nb.items() if k != "items"}):
            result.blocks.append((block_id, change))
        old_items = {i["id"]: i for i in ob["items"]}
        new_items = {i["id"]: i for i in nb["items"]}
        for item_id in sorted(set(old_items) | set(new_items), key=_order):
            before, after = old_items.get(item_id), new_items.get(item_id)
            if before is None and after is not None:
                result.added.append(ItemDiff(block_id, item_id, after["text"]))
            elif after is None and before is not None:
                result.removed.append(ItemDiff(block_id, item_id, before["text"]))
            elif before != after and before is not None and after is not None:
                result.changed.append(ItemDiff(block_id, item_id, after["text"],
                                               _compare(before, after)))
    result.fit = _compare({q["id"]: q for q in a["fit"]}, {q["id"]: q for q in b["fit"]})
    return result
