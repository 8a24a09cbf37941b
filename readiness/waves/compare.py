"""Comparing waves (R-WAVE-2/3): each wave assessed on the items it shares with the current
questionnaire, then method.waves compares the latest two.

Each wave's block sums are recomputed from its answers to the matched items only (one GROUP BY):
a newer questionnaire version may add or drop items, and a block's change must not come from
asking different questions (R-WAVE-1).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ..engagements.assessment import department_inputs, engagement_facts, pain_inputs
from ..engagements.models import Engagement
from ..engagements.scores import (
    customer_input_mean,
    gc_paused,
    respondent_inputs,
    respondent_scope,
)
from ..engagements.stamp import cached, stamp
from ..extensions import db
from ..method.aggregate import Aggregates, aggregate
from ..method.assess import assess_scored
from ..method.definition import Questionnaire
from ..method.roadmap_types import Roadmap
from ..method.types import Assessment, BlockSums
from ..method.waves import Comparison, ItemMatch, compare, match_items
from ..respondents.models import Answer, Respondent
from . import rounds


@dataclass(frozen=True)
class WaveResult:
    number: int
    started: date
    items: ItemMatch  # this wave's items against the current questionnaire's
    assessment: Assessment


@dataclass(frozen=True)
class WaveComparison:
    waves: tuple[WaveResult, ...]  # every wave, oldest first (the trend)
    comparison: Comparison  # the latest wave against the one before it
    reviews_from_plan: bool  # R-TRACK-2 read from the roadmap's dates, not from tracking


def matched_sums(engagement: Engagement, number: int, item_ids: Collection[str],
                 questionnaire: Questionnaire) -> list[BlockSums]:
    """R-SCORE-1/4 sums per respondent and block of one wave, over the matched items only."""
    weights = questionnaire.settings.confidence_weights
    confidence = sa.case(*((Answer.confidence == name, w) for name, w in weights.items()),
                         else_=weights["high"])
    w = Answer.weight * confidence
    scored = Answer.level.isnot(None)
    statement = (
        sa.select(Answer.respondent_id, Answer.block_id,
                  sa.func.coalesce(sa.func.sum(sa.case((scored, w * Answer.level), else_=0.0)), 0.0),
                  sa.func.coalesce(sa.func.sum(sa.case((scored, w), else_=0.0)), 0.0),
                  sa.func.count(Answer.level),
                  sa.func.sum(sa.case((scored, 0), else_=1)))
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(*respondent_scope(engagement, wave=number), Answer.item_id.in_(list(item_ids)))
        .group_by(Answer.respondent_id, Answer.block_id))
    # Through the session, not fetch_tuples: the IN list of item ids is expanded at execution.
    return [BlockSums(*row) for row in db.session.execute(statement)]


def wave_assessment(engagement: Engagement, number: int, questionnaire: Questionnaire,
                    items: ItemMatch, current: tuple | None = None) -> Assessment:
    """One wave's assessment on the current questionnaire's settings. Sponsor, team, departments
    and pains are today's facts for every wave: only what the answers say can differ.

    What the answers say (the aggregates and the customer-input mean) is cached while the
    engagement's change stamp `current` (engagements.stamp; read here when not given) holds."""
    def compute() -> tuple[Aggregates, float | None]:
        with gc_paused():
            respondents = {r.id: r for r in respondent_inputs(engagement, wave=number)}
            scored = aggregate(matched_sums(engagement, number, items.matched, questionnaire),
                               respondents, questionnaire.settings)
        return scored, customer_input_mean(engagement, questionnaire, wave=number)

    version = engagement.questionnaire_version
    key = ("wave", number, version.id, version.content_hash, items.matched)
    scored, mean = (cached(engagement, key, compute) if current is None
                    else cached(engagement, key, compute, current))
    return assess_scored(questionnaire, scored, department_inputs(engagement),
                         pain_inputs(engagement), engagement_facts(engagement, questionnaire, mean))


def reviews_done(engagement: Engagement, roadmap: Roadmap, as_of: date) -> set[int]:
    """R-TRACK-2 stand-in until checkpoints are tracked: a department's adoption review at the
    level it works at counts as done when every review checkpoint of its track's phase at that
    level was due by `as_of` (the latest wave's start). Tracking replaces this input."""
    levels = {d.id: d.current_level for d in engagement.departments}
    done = set()
    for track in roadmap.tracks:
        if track.department_id is None:
            continue
        for phase in track.phases:
            reviews = [c for c in phase.checkpoints if c.kind == "review"]
            if phase.level == levels.get(track.department_id) and reviews and all(
                    c.end <= as_of for c in reviews):
                done.add(track.department_id)
    return done


def comparison(engagement: Engagement, roadmap: Roadmap | None = None,
               reviewed: Collection[int] | None = None) -> WaveComparison | None:
    """Every wave's assessment and the latest two compared; None while there is one wave.

    `reviewed`: the departments whose current level's adoption review is done (R-TRACK-2); when
    not given, read from `roadmap` (the stored plan's review dates), else none."""
    infos = rounds.waves(engagement)
    if len(infos) < 2:
        return None
    questionnaire = engagement.questionnaire_version.parsed()
    current_ids = [i.id for i in questionnaire.items()]
    results = []
    now = stamp(engagement)  # once for every wave
    for info in infos:
        items = match_items([i.id for i in info.version.parsed().items()], current_ids)
        results.append(WaveResult(
            info.number, info.started_at.date(), items,
            wave_assessment(engagement, info.number, questionnaire, items, now)))
    before, after = results[-2], results[-1]
    from_plan = reviewed is None
    if reviewed is None:
        reviewed = reviews_done(engagement, roadmap, after.started) if roadmap else set()
    previous = rounds.version_of(engagement, before.number).parsed()
    result = compare(before.assessment, after.assessment, before_number=before.number,
                     after_number=after.number,
                     items=match_items([i.id for i in previous.items()], current_ids),
                     departments=department_inputs(engagement), reviewed=reviewed,
                     settings=questionnaire.settings)
    return WaveComparison(tuple(results), result, from_plan)

