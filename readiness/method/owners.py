"""R-MAP-9 (seed 001, "do not lean on IT alone"): the business owns the roadmap.

Phase 0, the kickoff and the gate belong to the sponsor; level checkpoints to a business-side team
member (the sponsor when there is none); IT members own only the technology checkpoints.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import roadmap_texts as T

#: Checkpoint kinds that are technology work (integration, configuration).
TECHNOLOGY_KINDS = {"configuration"}


@dataclass(frozen=True)
class TeamInput:
    name: str
    side: str  # business / it
    role: str = ""


class Owners:
    def __init__(self, sponsor: str, team: Iterable[TeamInput]):
        team = list(team)
        self.sponsor = sponsor.strip() or T.SPONSOR_TO_NAME.en
        self.business = [m.name for m in team if m.side == "business" and m.name.strip()]
        self.it = [m.name for m in team if m.side == "it" and m.name.strip()]

    def business_owner(self, index: int) -> str:
        """Track `index` gets its own business member where there are several."""
        return self.business[index % len(self.business)] if self.business else self.sponsor

    def owner(self, kind: str, index: int) -> str:
        if kind in TECHNOLOGY_KINDS and self.it:
            return self.it[index % len(self.it)]
        return self.business_owner(index)
