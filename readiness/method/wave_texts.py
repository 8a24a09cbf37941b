"""What a wave comparison says, in English and Simplified Chinese (R-WAVE-2/3), beside the rule
like texts.py: the page, the overview summary and the PDF say the same words."""
from __future__ import annotations

from collections.abc import Mapping

from .gate import light_names
from .roadmap_types import Bi
from .texts import LEVELS, block_name, counted
from .types import Finding
from .waves import Comparison, EarnedLevel

#: Why a department has not (yet) earned its next level (R-WAVE-3).
REASONS = {
    "review-pending": Bi("the adoption review of its current level is not done yet",
                         "当前级别的采纳评审尚未完成"),
    "not-ready": Bi("its scores in the latest wave do not yet meet the next level's prerequisites",
                    "最新一轮得分尚未达到下一级别的前提条件"),
    "dropped": Bi("a prerequisite block dropped by more than {limit} points: {blocks}",
                  "有前提模块下降超过 {limit} 分：{blocks}"),
    "at-run": Bi("{department} works at run already: there is no next level to earn.",
                 "{department}已处于“跑”：没有更高的级别可赢得。"),
    "no-level": Bi("{department} does not work at a level yet: its first level is planned, not "
                   "earned.", "{department}尚未处于任何级别：第一个级别按计划推进，无需“赢得”。"),
    "no-data": Bi("no answers from the department in the latest wave", "该部门在最新一轮中没有答卷"),
}
EARNED = Bi("{department} earned {level}.", "{department}已赢得“{level}”。")
NOT_EARNED = Bi("{department} has not earned {level} yet: {reasons}.",
                "{department}尚未赢得“{level}”：{reasons}。")
SUMMARY = Bi("Wave {after} against wave {before}: improved {up}, declined {down}, no clear change "
             "{none}.",
             "第 {after} 轮对比第 {before} 轮：提升 {up}，下降 {down}，无明显变化 {none}。")
SUMMARY_DEPARTMENTS = Bi("Clear changes by department: {changes}.", "各部门的明显变化：{changes}。")
DEPARTMENT_CHANGE = Bi("{department} {up} up, {down} down", "{department}提升 {up} 个、下降 {down} 个模块")
SUMMARY_EARNED = Bi("Earned their next level: {departments}.", "已赢得下一级别：{departments}。")
SUMMARY_LIGHTS = Bi("Red lights cleared: {cleared}; newly raised: {raised}.",
                    "已消除的红灯：{cleared}；新出现的红灯：{raised}。")
NONE = Bi("none", "无")


def earned_sentence(e: EarnedLevel, lang: str, max_drop: float) -> str:
    lang = "zh" if lang == "zh" else "en"
    if e.next_level is None or e.reasons in (("at-run",), ("no-level",)):
        return REASONS[e.reasons[0]].get(lang).format(department=e.name)
    level = LEVELS[lang][e.next_level]
    if e.earned:
        return EARNED.get(lang).format(department=e.name, level=level)
    drops = ("、" if lang == "zh" else ", ").join(
        f"{block_name(b, lang)} -{v:g}" for b, v in e.drops)
    reasons = [REASONS[r].get(lang).format(limit=f"{max_drop:g}", blocks=drops)
               for r in e.reasons]
    return NOT_EARNED.get(lang).format(department=e.name, level=level,
                                       reasons=("；" if lang == "zh" else "; ").join(reasons))


def summary(c: Comparison, lang: str, names: Mapping[int, str] | None = None) -> list[str]:
    """Up to four sentences for the overview, the dashboard and the PDF: the blocks, the
    departments with clear changes (`names`: department id -> name), earned levels, red lights."""
    lang = "zh" if lang == "zh" else "en"
    counts = {k: sum(1 for d in c.blocks if d.direction == k) for k in ("up", "down", "none")}
    lines = [SUMMARY.get(lang).format(before=c.before, after=c.after, **{
        k: counted(n, "block", "blocks", lang, "个模块") for k, n in counts.items()})]
    changes = []
    for department_id, deltas in c.by_department.items():
        up = sum(1 for d in deltas if d.direction == "up")
        down = sum(1 for d in deltas if d.direction == "down")
        if (up or down) and names and department_id in names:
            changes.append(DEPARTMENT_CHANGE.get(lang).format(department=names[department_id],
                                                              up=up, down=down))
    if changes:
        lines.append(SUMMARY_DEPARTMENTS.get(lang).format(
            changes=("；" if lang == "zh" else "; ").join(changes)))
    earned = [e.name for e in c.earned if e.earned]
    if earned:
        lines.append(SUMMARY_EARNED.get(lang).format(
            departments=("、" if lang == "zh" else ", ").join(earned)))
    if c.cleared or c.raised:
        def lights(findings: tuple[Finding, ...]) -> str:
            return light_names([f.rule for f in findings], lang) or NONE.get(lang)
        lines.append(SUMMARY_LIGHTS.get(lang).format(cleared=lights(c.cleared),
                                                     raised=lights(c.raised)))
    return lines
