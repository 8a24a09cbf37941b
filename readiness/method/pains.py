"""Pain points: R-PAIN-1..3."""
from __future__ import annotations

from collections.abc import Iterable

from .types import Finding, PainInput, PainRank


def priority(pain: PainInput) -> int:
    """R-PAIN-1: severity x frequency, plus the workshop's dot votes."""
    return pain.severity * pain.frequency + pain.votes


def rank_pains(pains: Iterable[PainInput], top: int = 3) -> list[PainRank]:
    """R-PAIN-1 ranking and R-PAIN-2 key pains (the top `top`, anchoring the roadmap).

    Equal priorities share a rank (1, 1, 3). Ties are listed by severity, then id, so the order
    is stable; but R-PAIN-2 "ten equal priorities means no priority": when more pains tie at the
    cut-off than places remain, none of the tied pains is key (never chosen by order of entry);
    `priority_flags` asks for a dot-vote to separate them.
    """
    ordered = sorted(pains, key=lambda p: (-priority(p), -p.severity, p.id))
    cutoff = priority(ordered[top - 1]) if 0 < top <= len(ordered) else None
    at_or_above = sum(1 for p in ordered if cutoff is not None and priority(p) >= cutoff)
    ranked, previous, rank = [], None, 0
    for position, pain in enumerate(ordered, start=1):
        value = priority(pain)
        if value != previous:
            rank, previous = position, value
        if cutoff is None:
            key = top > 0
        else:
            key = value > cutoff or (value == cutoff and at_or_above <= top)
        ranked.append(PainRank(pain.id, pain.title, pain.severity, pain.frequency, pain.votes,
                               value, rank, key))
    return ranked


def priority_flags(ranked: list[PainRank], top: int = 3) -> list[Finding]:
    """R-PAIN-2: "ten equal priorities means no priority" — say when the key pains are not clear."""
    if len(ranked) <= top:
        return []
    if ranked[top - 1].priority == ranked[top].priority:
        tied = sum(1 for p in ranked if p.priority == ranked[top - 1].priority)
        return [Finding("R-PAIN-2", "no-clear-priority",
                        {"tied": tied, "priority": ranked[top - 1].priority, "top": top})]
    return []


def no_pain(pains: Iterable[PainInput]) -> list[Finding]:
    """R-PAIN-3: no pain recorded, or none with severity >= 4: "no pain, no project"."""
    pains = list(pains)
    if not pains:
        return [Finding("R-PAIN-3", "no-pain", {"count": 0}, red=True)]
    if not any(p.severity >= 4 for p in pains):
        return [Finding("R-PAIN-3", "no-severe-pain", {"count": len(pains)}, red=True)]
    return []
