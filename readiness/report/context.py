"""Everything the executive report shows, gathered once: assessment, roadmap, charts' figures."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from .. import charts
from ..auth.names import display_name
from ..branding.services import current_brand
from ..engagements.assessment import assess_engagement
from ..engagements.models import Engagement
from ..engagements.response import engagement_figures, response_texts
from ..engagements.scores import respondent_scope
from ..extensions import db
from ..i18n import local_date, session_days
from ..method.failures import check_failure_causes
from ..method.gate import gate_lights, light_names
from ..method.objectives import exit_criterion
from ..method.perception import gap_rows, gap_story
from ..method.roadmap_types import Bi
from ..method.rules import RULES
from ..method.texts import ROLE_NAMES, level_name
from ..pains.models import PainPoint
from ..respondents.models import Answer, Respondent
from ..roadmap import services as roadmap_services
from ..roadmap.charts import gantt_figure, gantt_height
from ..tracking.services import progress_context as tracking_progress
from ..waves.services import comparison_context as wave_comparison
from .citations import Citations

FIRST_DAYS = 90
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def localise_dates(text: str) -> str:
    """Generated sentences (gate conditions, the headline) carry ISO dates; the report writes every
    date the reader's way (the current locale), so "the gate on 2027-03-01" reads "the gate on Mar
    1, 2027"."""
    def one(match: re.Match) -> str:
        try:
            return local_date(date(*map(int, match.groups())))
        except ValueError:
            return match.group(0)
    return ISO_DATE.sub(one, text)


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
        .where(*respondent_scope(engagement))  # the current wave's counted respondents
        .group_by(Answer.item_id, Answer.level))
    counts: dict[str, list[int]] = {}
    for item_id, level, count in rows:
        cell = counts.setdefault(item_id, [0] * 6)
        cell[level or 0] += count  # index 0 holds "don't know"
    out = []
    for item in questionnaire.items():
        cell = counts.get(item.id, [0] * 6)
        levels = (cell[1], cell[2], cell[3], cell[4], cell[5])
        out.append(ItemDistribution(item.id, item.text.get(lang), levels, cell[0]))
    return out


def print_gantt(fig):
    """The roadmap's Gantt (roadmap/charts.py) for print. Inside a bar, a phase's level label sits
    under the checkpoint diamonds (several fall in its first weeks and its middle), so on paper the
    label is written just above the bar's start instead; a holding lane's text keeps clear of the
    gate line, and the gate's date is written the reader's way."""
    layout = fig.layout
    lanes = max(1, len({y for trace in fig.data for y in (trace.y or ())}))
    plot = (layout.height or 400) - (layout.margin.t or 0) - (layout.margin.b or 0)
    lift = plot / lanes * (1 - (layout.bargap if layout.bargap is not None else 0.2)) / 2
    for trace in fig.data:
        if trace.type == "bar" and trace.text:
            label, row = str(trace.text[0]), trace.y[0]
            trace.text = None
            if label.strip() == str(row).strip():  # the lane already says it ("Phase 0")
                continue
            fig.add_annotation(x=trace.base[0], y=row, text=label, showarrow=False, xanchor="left",
                               yanchor="bottom", yshift=lift - 1, xshift=1,
                               font={"size": 10, "color": trace.marker.line.color})
        elif trace.type == "scatter" and trace.mode == "text" and trace.text:
            trace.text = tuple("\u00a0" * 4 + str(text) for text in trace.text)
    for note in layout.annotations:
        note.text = localise_dates(note.text)
    return fig


@dataclass(frozen=True)
class FirstDay:
    """One line of the summary's first 90 days: the same session on the same day for several
    departments is one line naming them all (eight departments would otherwise fill the page)."""

    start: date
    title: Bi
    kind: str
    gated: bool  # waits for the gate (R-MAP-7): marked conditional
    departments: tuple[str, ...]
    owners: tuple[str, ...]


BLOCK_ID = re.compile(r"^B\d+ (?=\S)")


def block_words(spec):
    """The client reads block names in words: the charts' category labels ("B1 Vision", also in
    the web pages, where the ids help the consultant) lose their id on paper."""
    if isinstance(spec, str):
        return BLOCK_ID.sub("", spec)
    if isinstance(spec, dict):
        return {key: block_words(value) for key, value in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [block_words(value) for value in spec]
    return spec


def first_checkpoints(roadmap, start: date, days: int = FIRST_DAYS) -> list:
    """(checkpoint, phase) of the first 90 days in date order: one line each on the slides, merged
    into FirstDay lines on the PDF's summary."""
    horizon = start + timedelta(days=days)
    return sorted(((c, phase) for phase in roadmap.phases for c in phase.checkpoints
                   if c.start <= horizon), key=lambda pair: (pair[0].start, pair[0].key))


def first_days(roadmap, start: date, days: int = FIRST_DAYS) -> list[FirstDay]:
    """The checkpoints of the first 90 days, in date order, for the executive summary."""
    lines: dict[tuple, FirstDay] = {}
    for c, phase in first_checkpoints(roadmap, start, days):
        key = (c.start, c.title, c.kind, phase.gated)
        line = lines.get(key) or FirstDay(c.start, c.title, c.kind, phase.gated, (), ())
        named = phase.departments if phase.department_id else ()
        lines[key] = FirstDay(line.start, line.title, line.kind, line.gated,
                              line.departments + tuple(d for d in named if d not in line.departments),
                              line.owners + ((c.owner,) if c.owner and c.owner not in line.owners else ()))
    return list(lines.values())


def build_context(engagement: Engagement, lang: str, working_copy: bool = False) -> dict:
    questionnaire = engagement.questionnaire_version.parsed()
    assessment = assess_engagement(engagement)
    state = roadmap_services.current(engagement, assessment)
    pains = {p.id: p for p in db.session.scalars(
        sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id))}
    departments = {d.id: d.name for d in engagement.departments}
    # R-DATA-1: a department without scored answers is no row of zeros; the report names it instead.
    heat_rows = [(departments[d], stats) for d, stats in assessment.by_department.items()
                 if d in departments and any(s.mean is not None for s in stats.values())]
    heat_rows.sort(key=lambda row: row[0])
    unscored = [lv.name for lv in assessment.levels if not lv.scored]
    response = response_texts(engagement_figures(engagement))
    brand = current_brand()  # the cover, the running header and the charts' accent
    figures = {"gantt": (print_gantt(gantt_figure(state.roadmap, lang)), 680,
                         gantt_height(state.roadmap))}
    if assessment.respondents:  # no chart of answers nobody gave
        figures["radar"] = (block_words(charts.radar_figure(
            assessment, questionnaire, lang, accent=brand.colour)
            .to_plotly_json()), 620, 500)
        if assessment.gaps:
            figures["gaps"] = (block_words(charts.gap_spec(assessment, questionnaire, lang)), 680, 380)
    if heat_rows:
        heatmap = charts.heatmap_spec(heat_rows, questionnaire, lang)
        figures["heatmap"] = (block_words(heatmap), 680, heatmap["layout"]["height"])  # grows
    cited = sorted({f.rule for f in assessment.red_lights + assessment.flags} | set(RULES),
                   key=lambda r: list(RULES).index(r) if r in RULES else 99)
    rules = [(r, *RULES[r]) for r in cited if r in RULES]
    # The client's copy cites a rule by its number in Appendix B; the working copy by its id.
    citations = Citations((r for r, *_ in rules), working_copy)
    # Issue 10's sections: progress on the checkpoints (R-TRACK) and the wave comparison (R-WAVE);
    # each prints nothing while there is nothing to show.
    later = {**tracking_progress(engagement, lang), **wave_comparison(engagement, lang)}
    for name, (fig, width, height) in later.pop("wave_figures", {}).items():
        spec = fig if isinstance(fig, dict) else fig.to_plotly_json()
        figures[name] = (block_words(spec), width, height)
    return {
        **later,
        "working_copy": working_copy, "mark": citations.mark, "cite": citations.cite,
        "rule_numbers": citations.numbers,
        "gap_rows": gap_rows(assessment),
        # The method's own role names (en + zh), capitalised as a legend's labels.
        "role_names": {role: name[:1].upper() + name[1:]
                       for role, name in ROLE_NAMES["zh" if lang == "zh" else "en"].items()},
        "gap_story": gap_story(assessment, questionnaire.settings.gap_threshold),
        "gap_facts": [Bi(f.message("en"), f.message("zh")) for f in assessment.flags
                      if f.code == "perception-gap"],
        "engagement": engagement, "questionnaire": questionnaire, "assessment": assessment,
        "roadmap": state.roadmap, "edited": state.edited,
        "headline": roadmap_services.verdict(engagement, assessment, state.roadmap), "pains": pains, "lang": lang,
        "key_pains": [p for p in assessment.pains if p.key],
        "first_days": first_days(state.roadmap, engagement.start_date),
        "first_days_shown": 8,  # what fits beside the rest of page 2
        # A review's "level 3 reached on B5.1" criteria repeat the objectives' exit lines printed
        # just above it: the checkpoint table says so in one line instead.
        "objective_exits": lambda phase: {exit_criterion(o) for o in phase.objectives if o.item_id},
        "failures": check_failure_causes(assessment),
        "distributions": item_distributions(engagement, questionnaire, lang),
        "rules": rules,
        "level_name": level_name, "figures": figures, "today": date.today(),
        "caption": charts.caption,  # each chart's one-line "what this shows" (its <figcaption>)
        # R-DATA-1..3: what has no data says so; every finding the dashboard shows is printed.
        # The one response definition (readiness.method.response), as the roster, dashboard and
        # overview say it: participants are never called respondents.
        "respondents_text": response.scored, "response": response,
        "no_answers": [f for f in assessment.flags if f.code == "no-answers"],
        "dont_know_findings": [f for f in assessment.flags if f.rule == "R-SCORE-4"],
        "unscored_departments": unscored,
        "gate_lights": light_names(state.roadmap.open_red_lights, lang),
        # The gate box: the plan's lights with today's findings, and any raised since (gate.py).
        "gate_list": gate_lights(state.roadmap.open_red_lights, assessment.red_lights),
        # Rendered under force_locale(lang) (services.report_html): the pages' own filters.
        "ldate": local_date, "days": session_days,
        "say": lambda text: citations.cite(localise_dates(text.get(lang))),
        # The consultancy's look (cover, running header, --brand in print.css; charts may take
        # brand.colour) and who prepared the report, as a client reads a person: never an email.
        "brand": brand, "prepared_by": display_name(engagement.owner),
    }
