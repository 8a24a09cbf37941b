"""Everything the executive report shows, gathered once: assessment, roadmap, charts' figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from .. import charts
from ..engagements.models import Engagement
from ..engagements.services import assess_engagement
from ..extensions import db
from ..method.failures import check_failure_causes
from ..method.rules import RULES
from ..method.texts import level_name
from ..pains.models import PainPoint
from ..respondents.models import Answer, Respondent
from ..roadmap import services as roadmap_services
from ..roadmap.charts import gantt_figure, gantt_height

FIRST_DAYS = 90


@dataclass(frozen=True)
class ItemDistribution:
    item_id: str
    text: str
    counts: tuple[int, int, int, int, int]  # answers at levels 1..5
    dont_know: int

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        return sum((i + 1) * c for i, c in enumerate(self.counts)) / self.n if self.n else None


def item_distributions(engagement: Engagement, questionnaire, lang: str) -> list[ItemDistribution]:
    """Appendix: every item's answer distribution, in one GROUP BY."""
    rows = db.session.execute(
        sa.select(Answer.item_id, Answer.level, sa.func.count())
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .where(Respondent.engagement_id == engagement.id, Respondent.revoked.is_(False))
        .group_by(Answer.item_id, Answer.level))
    counts: dict[str, list[int]] = {}
    for item_id, level, count in rows:
        cell = counts.setdefault(item_id, [0] * 6)
        cell[level or 0] += count  # index 0 holds "don't know"
    out = []
    for item in questionnaire.items():
        cell = counts.get(item.id, [0] * 6)
        out.append(ItemDistribution(item.id, item.text.get(lang), tuple(cell[1:]), cell[0]))
    return out


def first_days(roadmap, start: date, days: int = FIRST_DAYS) -> list:
    """The checkpoints of the first 90 days, in date order, for the executive summary; a phase that
    waits for the gate (R-MAP-7) is marked by `phase.gated` where its checkpoints are listed."""
    horizon = start + timedelta(days=days)
    points = [(c, phase) for phase in roadmap.phases for c in phase.checkpoints if c.start <= horizon]
    return sorted(points, key=lambda pair: (pair[0].start, pair[0].key))


def build_context(engagement: Engagement, lang: str) -> dict:
    questionnaire = engagement.questionnaire_version.parsed()
    assessment = assess_engagement(engagement)
    state = roadmap_services.current(engagement, assessment)
    pains = {p.id: p for p in db.session.scalars(
        sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id))}
    departments = {d.id: d.name for d in engagement.departments}
    heat_rows = [(departments[d], stats) for d, stats in assessment.by_department.items()
                 if d in departments]
    heat_rows.sort(key=lambda row: row[0])
    figures = {
        "radar": (charts.radar_figure(assessment, questionnaire, lang), 620, 500),
        "heatmap": (charts.heatmap_spec(heat_rows, questionnaire, lang), 680, 140 + 46 * len(heat_rows)),
        "gaps": (charts.gap_spec(assessment, questionnaire, lang), 680, 380),
        "gantt": (gantt_figure(state.roadmap, lang), 680, gantt_height(state.roadmap)),
    }
    cited = sorted({f.rule for f in assessment.red_lights + assessment.flags} | set(RULES),
                   key=lambda r: list(RULES).index(r) if r in RULES else 99)
    return {
        "engagement": engagement, "questionnaire": questionnaire, "assessment": assessment,
        "roadmap": state.roadmap, "edited": state.edited,
        "headline": roadmap_services.verdict(engagement, assessment, state.roadmap), "pains": pains, "lang": lang,
        "key_pains": [p for p in assessment.pains if p.key],
        "first_days": first_days(state.roadmap, engagement.start_date),
        "failures": check_failure_causes(assessment),
        "distributions": item_distributions(engagement, questionnaire, lang),
        "rules": [(r, *RULES[r]) for r in cited if r in RULES],
        "level_name": level_name, "figures": figures, "today": date.today(),
    }
