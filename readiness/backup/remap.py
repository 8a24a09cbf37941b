"""Department and pain ids written inside values, not in foreign keys: the roadmap snapshot (its
tracks, phases and key pains), the plan's options, and the keys that name a department's track
("d12-walk", "d12-L2-req-1", "checkpoint:d12-L2-req-1"). The export writes refs there and the
import writes the new ids back, with the same functions and opposite maps."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: "d12-walk", "phase:d12-walk", "checkpoint:d12-L2-req-1": the department id is the number.
_TRACK_KEY = re.compile(r"^((?:phase|checkpoint):)?d(\d+)-")
_DEPARTMENT_FIELDS = {"department_id", "pilot_department_id"}
_PAIN_LISTS = {"pain_ids", "key_pain_ids", "unaddressed_pain_ids"}


class Maps:
    """old -> new number of departments and pains (ids to refs on export, refs to ids on import).
    A number with no entry (a department deleted since the roadmap was made) becomes 0 in a key,
    None in a field and is left out of a list: the same on every export, so nothing drifts."""

    def __init__(self, departments: Mapping[int, int], pains: Mapping[int, int]) -> None:
        self.departments, self.pains = departments, pains

    def key(self, value: str) -> str:
        match = _TRACK_KEY.match(value)
        if not match:
            return value
        number = self.departments.get(int(match.group(2)), 0)
        return f"{match.group(1) or ''}d{number}-{value[match.end():]}"

    def department(self, value: Any) -> Any:
        return self.departments.get(value) if isinstance(value, int) else value

    def snapshot(self, value: Any, name: str = "") -> Any:
        """The roadmap snapshot with its department and pain numbers mapped."""
        if isinstance(value, dict):
            return {k: self.snapshot(v, k) for k, v in value.items()}
        if name in _DEPARTMENT_FIELDS:
            return self.department(value)
        if name in _PAIN_LISTS and isinstance(value, list):
            return [self.pains[p] for p in value if isinstance(p, int) and p in self.pains]
        if isinstance(value, list):
            return [self.snapshot(v, name) for v in value]
        if name == "key" and isinstance(value, str):
            return self.key(value)
        return value

    def options(self, value: Any) -> Any:
        """The plan's options: {"pilot": department, "starts": {department: date}}."""
        if not isinstance(value, dict):
            return value
        result = dict(value)
        if "pilot" in result:
            result["pilot"] = self.department(result["pilot"])
        starts = result.get("starts")
        if isinstance(starts, dict):
            result["starts"] = {
                str(self.departments[int(k)]): v for k, v in starts.items()
                if str(k).isdigit() and int(k) in self.departments}
        return result
