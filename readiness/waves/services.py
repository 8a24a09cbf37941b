"""What the pages and the PDF show of the waves: the comparison (R-WAVE-2/3), its summary, the
trend chart; starting a wave lives in .rounds, the numbers in .compare."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..engagements.models import Engagement
from ..method.texts import ROLE_NAMES
from ..method.wave_texts import earned_sentence, summary
from ..roadmap import services as roadmap_services
from ..tracking import services as tracking_services
from . import rounds
from .charts import trend_spec
from .compare import WaveComparison, comparison


def _comparison(engagement: Engagement,
                reviewed: Collection[int] | None = None) -> WaveComparison | None:
    if rounds.current_number(engagement) < 2:
        return None  # one wave: nothing to compare, and no roadmap to read
    if reviewed is None:  # R-TRACK-2 from the tracked checkpoints, when the team tracks them
        reviewed = tracking_services.reviews_done(engagement)
    roadmap = roadmap_services.current(engagement).roadmap if reviewed is None else None
    return comparison(engagement, roadmap, reviewed)

def comparison_context(engagement: Engagement, lang: str,
                       reviewed: Collection[int] | None = None) -> dict[str, Any]:
    """Everything templates/waves/index.html and reports/_waves.html read. `waves` is None while
    the engagement has one wave. `wave_figures` holds (figure, width, height) for the PDF export
    (merge it into the report's `figures`; the partial reads `charts.wave_trend`);
    `reviewed` (R-TRACK-2) replaces the roadmap-dates stand-in once checkpoints are tracked."""
    result = _comparison(engagement, reviewed)
    if result is None:
        return {"waves": None, "wave_figures": {}, "wave_list": rounds.waves(engagement)}
    questionnaire = engagement.questionnaire_version.parsed()
    max_drop = questionnaire.settings.wave_max_drop
    c = result.comparison
    trend = trend_spec(result.waves, questionnaire, lang)
    return {
        "waves": result, "comparison": c, "wave_list": rounds.waves(engagement),
        "wave_summary": summary(c, lang, _names(engagement)),
        "earned_lines": [(e, earned_sentence(e, lang, max_drop)) for e in c.earned],
        "blocks": questionnaire.blocks,
        "block_rows": list(zip(questionnaire.blocks, c.blocks, strict=True)),
        "role_names": ROLE_NAMES["zh" if lang == "zh" else "en"], "max_drop": max_drop,
        "department_names": _names(engagement),
        "trend": trend,
        "wave_figures": {"wave_trend": (trend, 680, 380)},
    }

def summary_lines(engagement: Engagement, lang: str) -> list[str]:
    """The overview's and the dashboard's short summary; empty while there is one wave."""
    result = _comparison(engagement)
    return summary(result.comparison, lang, _names(engagement)) if result is not None else []


def _names(engagement: Engagement) -> dict[int, str]:
    return {d.id: d.name for d in engagement.departments}
