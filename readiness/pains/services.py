"""The pain register of one engagement: ranking (R-PAIN-1/2), the red light (R-PAIN-3), changes,
and the catalogue of typical pains to start from. Plain functions; routes commit."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sqlalchemy as sa

from .. import resources
from ..engagements.assessment import pain_inputs
from ..engagements.models import Department, Engagement
from ..errors import DomainError
from ..extensions import db
from ..method.definition import BLOCK_IDS
from ..method.pain_catalogue import PainCatalogue, load_catalogue
from ..method.pains import no_pain, priority_flags, rank_pains
from ..method.types import Finding, PainRank
from .models import AFFECTED_PARTIES, PainPoint

CATALOGUE = resources.questionnaires_dir() / "pain-catalogue.yaml"
FIELDS = ("title", "scenario", "affected_party", "blocks", "department_id", "severity",
          "frequency", "business_impact", "owner")


class PainError(DomainError):
    """A change the register refuses; `field` names the form field to show it beside."""

    field: str

    def __init__(self, field: str, code: str):
        super().__init__(code, field=field)


@dataclass(frozen=True)
class RankedPain:
    pain: PainPoint
    rank: PainRank


@dataclass(frozen=True)
class Register:
    rows: list[RankedPain]
    #: R-PAIN-2 "no clear priority"
    flags: list[Finding]
    #: R-PAIN-3 "no pain, no project"
    red_lights: list[Finding]
    top: int


def register(engagement: Engagement) -> Register:
    """The engagement's pains in R-PAIN-1 order with R-PAIN-2 key pains marked."""
    top = engagement.questionnaire_version.parsed().settings.top_pains
    inputs = pain_inputs(engagement)
    ranked = rank_pains(inputs, top)
    pains = {p.id: p for p in db.session.scalars(
        sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id))}
    return Register([RankedPain(pains[r.id], r) for r in ranked], priority_flags(ranked, top),
                    no_pain(inputs), top)


def get_pain(engagement: Engagement, pain_id: int) -> PainPoint | None:
    """A pain point of this engagement, or None (never another engagement's row)."""
    return db.session.scalar(sa.select(PainPoint).where(
        PainPoint.id == pain_id, PainPoint.engagement_id == engagement.id))


def _values(engagement: Engagement, data: dict) -> dict:
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in FIELDS}
    if "title" in values and not values["title"]:
        raise PainError("title", "title-required")
    if values.get("affected_party", "customer") not in AFFECTED_PARTIES:
        raise PainError("affected_party", "unknown-party")
    for name in ("severity", "frequency"):
        if name in values and values[name] not in (1, 2, 3, 4, 5):
            raise PainError(name, "out-of-range")
    if "blocks" in values:
        blocks = values["blocks"]
        blocks = blocks.split(",") if isinstance(blocks, str) else list(blocks or ())
        blocks = [b for b in blocks if b]
        if any(b not in BLOCK_IDS for b in blocks):
            raise PainError("blocks", "unknown-block")
        values["blocks"] = ",".join(sorted(set(blocks)))
    department_id = values.get("department_id")
    if department_id is not None and db.session.scalar(sa.select(Department.id).where(
            Department.id == department_id,
            Department.engagement_id == engagement.id)) is None:
        raise PainError("department_id", "unknown-department")
    return values


def create_pain(engagement: Engagement, data: dict) -> PainPoint:
    values = _values(engagement, data)
    for name in ("title", "severity", "frequency"):
        if name not in values:
            raise PainError(name, "required")
    pain = PainPoint(engagement_id=engagement.id, **values)
    db.session.add(pain)
    db.session.flush()
    return pain


def update_pain(engagement: Engagement, pain: PainPoint, data: dict) -> None:
    for key, value in _values(engagement, data).items():
        setattr(pain, key, value)
    db.session.flush()


def delete_pain(pain: PainPoint) -> None:
    """Workshop dot votes on it go with it (ON DELETE CASCADE)."""
    db.session.delete(pain)
    db.session.flush()


# The catalogue -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _catalogue(path: str, mtime: float) -> PainCatalogue:
    return load_catalogue(path)


def catalogue() -> PainCatalogue:
    """The built-in catalogue, re-read when the file changes."""
    return _catalogue(str(CATALOGUE), CATALOGUE.stat().st_mtime)


def catalogue_values(pain_id: str, lang: str) -> dict | None:
    """Form values prefilled from one catalogue pain in `lang` (severity and frequency stay the
    client's to judge)."""
    entry = catalogue().get(pain_id)
    if entry is None:
        return None
    return {"title": entry.title.get(lang), "scenario": entry.scenario.get(lang),
            "affected_party": entry.affected_party, "blocks": list(entry.blocks)}


def catalogue_ids_in_register(engagement: Engagement) -> set[str]:
    """Catalogue pains whose title (in either language) is already in the register."""
    titles = set(db.session.scalars(sa.select(PainPoint.title).where(
        PainPoint.engagement_id == engagement.id)))
    return {p.id for p in catalogue().pains if p.title.en in titles or p.title.zh in titles}
