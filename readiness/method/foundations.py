"""R-MAP-3: Kale's ten foundations (seed 003), each met / partly / not met with its evidence."""
from __future__ import annotations

from .definition import Settings
from .roadmap_texts import FOUNDATIONS
from .roadmap_types import Bi, Foundation
from .types import Assessment, EngagementFacts


def _grade(value: float | None, met: float, partly: float) -> str:
    if value is None:
        return "not met"
    return "met" if value >= met else "partly" if value >= partly else "not met"


def _score(assessment: Assessment, block: str) -> float | None:
    return assessment.blocks[block].score if block in assessment.blocks else None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def assess_foundations(assessment: Assessment, facts: EngagementFacts, has_levels: bool,
                       settings: Settings) -> tuple[Foundation, ...]:
    hours = facts.sponsor_hours_per_month or 0
    sponsor = facts.sponsor_name.strip()
    severe = [p for p in assessment.pains if p.severity >= 4]
    fit_known = [lv for lv in assessment.levels if lv.needed is not None]
    b8, b4 = _score(assessment, "B8"), _score(assessment, "B4")
    sides = set(facts.team_sides)
    above = [lv.name for lv in assessment.levels if lv.scored and lv.today > lv.ready]
    gaps = [g for g in assessment.gaps if g.flagged]
    customer = facts.customer_input_mean
    key_in_first = any(p.key for p in assessment.pains) and has_levels

    rows = [
        ("met" if sponsor and hours >= 4 else "partly" if sponsor else "not met",
         Bi(f"Sponsor: {sponsor or 'none named'}, {hours:g} hours a month committed.",
            f"发起人：{sponsor or '未指定'}，每月承诺 {hours:g} 小时。")),
        ("met" if severe and len(fit_known) == len(assessment.levels) and fit_known
         else "partly" if severe or fit_known else "not met",
         Bi(f"{len(severe)} pain points of severity 4-5; use-case fit answered for "
            f"{len(fit_known)} of {len(assessment.levels)} departments.",
            f"严重度 4-5 的痛点 {len(severe)} 个；{len(assessment.levels)} 个部门中 "
            f"{len(fit_known)} 个已回答用例匹配。")),
        (_grade(b8, 60, 40), Bi(f"Metrics scores {_fmt(b8)}.", f"指标得分 {_fmt(b8)}。")),
        ("met" if key_in_first else "not met",
         Bi("Quick wins are planned against the key pain points." if key_in_first
            else "No key pain point or no level phase to anchor quick wins on.",
            "已针对关键痛点规划速赢。" if key_in_first else "没有可用于规划速赢的关键痛点或级别阶段。")),
        ("met" if not above else "not met",
         Bi("No department works above the level its scores support." if not above
            else "Working above readiness: " + ", ".join(above) + ".",
            "没有部门超出其得分所支持的级别。" if not above else "超出就绪度运行：" + "、".join(above) + "。")),
        ("met" if {"business", "it"} <= sides else "partly" if sides else "not met",
         Bi(f"Project team: {sum(s == 'business' for s in facts.team_sides)} business, "
            f"{sum(s == 'it' for s in facts.team_sides)} IT members.",
            f"项目团队：业务方 {sum(s == 'business' for s in facts.team_sides)} 人，"
            f"IT {sum(s == 'it' for s in facts.team_sides)} 人。")),
        (_grade(b4, 60, settings.red_change_threshold),
         Bi(f"Organisational collaboration scores {_fmt(b4)}.", f"组织协作得分 {_fmt(b4)}。")),
        ("met", Bi("An outside consultant runs this assessment and its checkpoints.",
                   "由外部顾问负责本次评估及各检查点。")),
        ("met" if not gaps and (b8 or 0) >= 50 else "partly" if len(gaps) <= 2 else "not met",
         Bi(f"{len(gaps)} perception gaps between roles; Metrics {_fmt(b8)}.",
            f"角色之间存在 {len(gaps)} 处认知差距；指标 {_fmt(b8)}。")),
        (_grade(customer, 3.5, 3.0),
         Bi(f"Customer-input items average {'—' if customer is None else f'{customer:.1f}'} on 1-5.",
            f"客户意见相关题目平均 {'—' if customer is None else f'{customer:.1f}'}（1-5 分）。")),
    ]
    return tuple(Foundation(i, FOUNDATIONS[i - 1], status, evidence)
                 for i, (status, evidence) in enumerate(rows, start=1))
