"""What the dashboard page shows, derived from DashboardData: figure dicts and table rows.

No request objects here; the template only loops over these rows.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from .. import charts
from ..branding.services import current_brand
from ..engagements.models import Engagement
from ..method.types import GAP_ROLES, ROLES, Finding, Stat
from .services import DashboardData, ResponseCounts


@dataclass(frozen=True)
class DepartmentRow:
    id: int | None
    name: str
    stats: Mapping[str, Stat]
    response: ResponseCounts

    @property
    def scored(self) -> bool:
        """R-DATA-1: any scored answer from the department (else its row says "no data yet")."""
        return any(s.mean is not None for s in self.stats.values())


def role_label(role: str, lang: str) -> str:
    """"Executives", "Front line", "IT" (zh: the method's Chinese role names)."""
    name = charts.role_name(role, lang)
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class DashboardView:
    figures: dict[str, dict]
    everyone: str  # "All respondents", or "Selected respondents" when filtered
    extremes: tuple[tuple[str, float], tuple[str, float]] | None  # strongest, weakest block
    departments: list[DepartmentRow]
    roles: list[str]  # roles with scores, in the method's order
    roles_without_data: list[str]  # R-DATA-1: roles nobody (in the selection) answered for
    missing_blocks: list[str]  # R-DATA-1: blocks without scored answers, left out of the overall
    gap_roles: list[str]
    gap_low_sample: bool  # R-DATA-2: some role mean in the gap table rests on a low sample
    gap_findings: list[Finding]
    dont_know_findings: list[Finding]
    filter_label: str | None
    low_sample: int


def _department_rows(engagement: Engagement, data: DashboardData) -> list[DepartmentRow]:
    by_department = data.assessment.by_department
    rows = [DepartmentRow(d.id, d.name, by_department.get(d.id, {}),
                          data.response_by_department.get(d.id, ResponseCounts()))
            for d in engagement.departments
            if data.filters.department_id in (None, d.id)]
    unplaced = data.response_by_department.get(None)
    if unplaced is not None and unplaced.invited:  # invited without a department: counted, not scored
        rows.append(DepartmentRow(None, _("No department"), {}, data.response_by_department[None]))
    return rows


def dashboard_view(engagement: Engagement, data: DashboardData, lang: str) -> DashboardView:
    assessment, questionnaire = data.assessment, data.questionnaire
    departments = _department_rows(engagement, data)
    scored = [row for row in departments if row.id is not None]
    selected = _("Selected respondents")
    everyone_all = _("All respondents")
    everyone = selected if data.filters.active else everyone_all
    figures = {
        "radar": charts.radar_spec(assessment, questionnaire, lang, everyone_label=everyone,
                                   accent=current_brand(inline_logo=False).colour),
        "heatmap": charts.heatmap_spec([(row.name, row.stats) for row in scored], questionnaire,
                                       lang),
        "dont-know": charts.dont_know_spec(assessment, questionnaire, lang),
        "response": charts.response_spec(
            [(row.name, row.response.completed, row.response.started, row.response.not_started)
             for row in departments], lang),
    }
    if assessment.gaps:
        figures["gaps"] = charts.gap_spec(assessment, questionnaire, lang)
    names = {d.id: d.name for d in engagement.departments}
    parts = []
    if data.filters.department_id is not None:
        parts.append(names.get(data.filters.department_id, ""))
    if data.filters.role is not None:
        parts.append(role_label(data.filters.role, lang))
    if data.filters.source is not None:
        parts.append(_("workshop sessions") if data.filters.source == "workshop" else _("personal links"))
    ranked = sorted((r.score, b) for b, r in assessment.blocks.items() if r.score is not None)
    title: dict[str, str] = {b.id: f"{b.id} {b.title.get(lang)}" for b in questionnaire.blocks}
    extremes = (((title[ranked[-1][1]], ranked[-1][0]), (title[ranked[0][1]], ranked[0][0]))
                if len(ranked) > 1 else None)
    return DashboardView(
        figures=figures,
        everyone=everyone,
        extremes=extremes,
        departments=departments,
        roles=[r for r in ROLES if r in assessment.by_role],
        roles_without_data=([r for r in ROLES if r not in assessment.by_role]
                            if data.filters.role is None and assessment.respondents else []),
        gap_roles=[r for r in GAP_ROLES if any(r in g.role_means for g in assessment.gaps)],
        gap_low_sample=any(assessment.by_role[r][g.block_id].low_sample
                           for g in assessment.gaps for r in g.role_means if r in assessment.by_role),
        gap_findings=[f for f in assessment.flags if f.rule == "R-GAP-1"],
        dont_know_findings=[f for f in assessment.flags if f.rule == "R-SCORE-4"],
        filter_label=" · ".join(parts) if parts else None,
        missing_blocks=[b.id for b in questionnaire.blocks if assessment.blocks[b.id].score is None],
        low_sample=questionnaire.settings.low_sample,
    )
