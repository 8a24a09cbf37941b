"""Finding messages in English and Simplified Chinese, with the source article of each rule.

Kept beside the rules (not in the Babel catalogs) so the PDF and the API say exactly what the
rule means without a request context.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

LEVELS = {
    "en": {0: "none", 1: "crawl", 2: "walk", 3: "run"},
    "zh": {0: "尚未使用", 1: "爬（基础）", 2: "走（协同）", 3: "跑（驱动）"},
}
ROLE_NAMES = {
    "en": {"executive": "executives", "manager": "managers", "front_line": "front line",
           "it": "IT", "other": "others"},
    "zh": {"executive": "高管", "manager": "经理", "front_line": "一线员工", "it": "IT", "other": "其他"},
}
#: Gartner's eight building blocks in words (R-HEAD-1, messages name blocks, never ids).
BLOCK_NAMES = {
    "en": {"B1": "Vision", "B2": "Strategy", "B3": "Valued customer experience",
           "B4": "Organisational collaboration", "B5": "Processes", "B6": "Information",
           "B7": "Technology", "B8": "Metrics"},
    "zh": {"B1": "愿景", "B2": "战略", "B3": "客户价值体验", "B4": "组织协作", "B5": "流程",
           "B6": "信息", "B7": "技术", "B8": "指标"},
}
#: Source article (seeds/ prefix) behind each rule, for the report appendix.
SOURCES = {
    "R-SCORE-1": "003", "R-SCORE-2": "003", "R-SCORE-3": "003", "R-SCORE-4": "003",
    "R-GAP-1": "000, 001", "R-CWR-0": "002", "R-CWR-1": "002, 003", "R-CWR-2": "002, 003",
    "R-CWR-3": "002", "R-CWR-4": "003", "R-PAIN-1": "000", "R-PAIN-2": "004", "R-PAIN-3": "000",
    "R-RED-1": "003", "R-RED-2": "003", "R-RED-3": "000", "R-RED-4": "001", "R-RED-5": "003",
    "R-DATA-1": "003", "R-DATA-2": "003",
}

MESSAGES = {
    "dont-know": ("{block}: {rate}% of answers are \"don't know\" (above {limit}%): the organisation "
                  "does not know itself here.",
                  "{block}：{rate}% 的回答为“不知道”（超过 {limit}%）：组织在这方面并不了解自己。"),
    "perception-gap": ("{block}: {high} see it at {high_mean}, {low} at {low_mean} on the 1-5 scale "
                       "(gap {gap}).",
                       "{block}：{high}评分 {high_mean}，{low}评分 {low_mean}（1-5 分制，差距 {gap}）。"),
    "ready": ("Block scores make the department ready for {level}.",
              "各模块得分表明该部门已具备“{level}”的条件。"),
    "no-data-department": ("No answers from this department yet: its readiness is not known, so only "
                           "crawl, which needs no prerequisites, can be planned.",
                           "该部门尚无答卷：就绪度未知，只能规划无需前提条件的“爬”。"),
    "low-sample-level": ("Based on {respondents} only: confirm with more answers before acting on it.",
                         "仅基于 {respondents}：请在更多人作答后再据此行动。"),
    "no-answers": ("The assessment has no answers yet: no score, level or red light that reads "
                   "answers can be stated.",
                   "评估尚无任何答卷：无法给出任何依据答卷的得分、级别或红灯。"),
    "needed": ("Its business needs {level} (use-case fit).", "其业务需要“{level}”（用例匹配）。"),
    "fit-unanswered": ("Use-case fit not answered yet: the needed level is unknown.",
                       "尚未回答用例匹配问题：所需级别未知。"),
    "no-skipping": ("It works at {today} today; no level is skipped.",
                    "当前处于“{today}”；不可跳级。"),
    "capped": ("Capped at {level} by the consultant: {reason}", "顾问将其上限设为“{level}”：{reason}"),
    "above-readiness": ("It works at {today} today, above the {ready} its scores support: "
                        "stabilise before moving on.",
                        "当前处于“{today}”，高于得分所支持的“{ready}”：先稳定再前进。"),
    "build-gap": ("Needs {needed} but is ready for {ready}: the roadmap must build the gap.",
                  "需要“{needed}”但仅具备“{ready}”的条件：路线图需弥补这一差距。"),
    "technology-ahead": ("Technology ahead of processes: Technology {b7} exceeds Processes "
                         "{b5} by {margin} points or more.",
                         "技术超前于流程：技术得分 {b7} 比流程得分 {b5} 高出 {margin} 分以上。"),
    "no-pain": ("No pain point recorded: no pain, no project.", "未记录任何痛点：没有痛点，就没有项目。"),
    "no-severe-pain": ("None of the {pains} has severity 4 or 5: no pain, no project.",
                       "{pains}中没有严重度为 4 或 5 的：没有痛点，就没有项目。"),
    "no-clear-priority": ("{tied} pain points share priority {priority}, so the top {top} do not "
                          "separate yet: equal priorities mean no priority. Decide with a dot-vote "
                          "in a workshop.",
                          "{tied} 个痛点优先级同为 {priority}，前 {top} 项尚无法区分：优先级相同等于没有优先级。"
                          "请在研讨会上用圆点投票决定。"),
    "crm-before-strategy": ("CRM before strategy: {blocks} (below {limit}). Buy no technology yet.",
                            "先有 CRM 后有战略：{blocks}（低于 {limit}）。暂不采购任何技术。"),
    "change-not-led": ("Change is not led: Organisational collaboration {b4} (below {limit}). "
                       "87% of CRM failures are change management.",
                       "变革缺乏领导：组织协作得分 {b4}（低于 {limit}）。87% 的 CRM 失败源于变革管理。"),
    "no-sponsor": ("No executive sponsor named.", "未指定高层发起人。"),
    "sponsor-no-time": ("The sponsor, {sponsor}, commits no time.", "发起人 {sponsor} 未承诺投入任何时间。"),
    "no-team": ("No project team named yet: name business-side members before anything else.",
                "尚未指定项目团队：请先指定业务方成员。"),
    "it-only-team": ("IT-only project team: no business-side member ({members}).",
                     "项目团队只有 IT：没有业务方成员（共 {members} 人）。"),
    "guessing": ("Guessing instead of asking: customers' own input does not inform vision and value "
                 "proposition (mean level {mean}).",
                 "猜测而非询问：愿景和价值主张没有参考客户自己的意见（平均等级 {mean}）。"),
}
#: R-DATA-2: the caveat a conclusion from a low-sample cell carries where it is stated.
LOW_SAMPLE_CAVEAT = (" Based on {respondents} only.", "（仅基于 {respondents}。）")


def level_name(level: int | None, lang: str = "en") -> str:
    if level is None:
        return "—"
    return LEVELS["zh" if lang == "zh" else "en"][level]


def block_name(block_id: str, lang: str = "en") -> str:
    return BLOCK_NAMES["zh" if lang == "zh" else "en"].get(block_id, block_id)


def counted(n: int, one: str, many: str, lang: str = "en", zh_unit: str = "") -> str:
    """"1 respondent", "3 respondents"; Chinese has no plural: "3 位受访者"."""
    if lang == "zh":
        return f"{n} {zh_unit}"
    return f"{n} {one if n == 1 else many}"


def respondents_text(n: int, lang: str = "en") -> str:
    return counted(n, "respondent", "respondents", lang, "位受访者")


def block_list(pairs: Iterable[tuple[str, object]], lang: str = "en") -> str:
    """[("B1", 32), ("B2", 35)] -> "Vision 32 and Strategy 35" / "愿景 32、战略 35"."""
    parts = [f"{block_name(b, lang)} {v}" for b, v in pairs]
    if lang == "zh":
        return "、".join(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class FindingLike(Protocol):
    """What a message needs of a types.Finding (which imports this module to render itself)."""

    @property
    def code(self) -> str: ...
    @property
    def params(self) -> Mapping[str, object]: ...


def finding_message(finding: FindingLike, lang: str = "en") -> str:
    lang = "zh" if lang == "zh" else "en"
    en, zh = MESSAGES[finding.code]
    template = zh if lang == "zh" else en
    params: dict[str, Any] = dict(finding.params)  # values of any kind, formatted into the text
    for key in ("level", "today", "ready", "needed"):
        if key in params and isinstance(params[key], int):
            params[key] = level_name(params[key], lang)
    for key in ("high", "low"):
        if key in params and isinstance(params[key], str):
            params[key] = ROLE_NAMES[lang].get(params[key], params[key])
    if "block" in params:
        params["block"] = block_name(str(params["block"]), lang)
    if "low_blocks" in params:
        params["blocks"] = block_list(params["low_blocks"], lang)
    if "n" in params:
        params["respondents"] = respondents_text(int(params["n"]), lang)
    if "count" in params:
        params["pains"] = counted(int(params["count"]), "pain point", "pain points", lang, "个痛点")
    if isinstance(params.get("members"), int):
        params["members"] = (str(params["members"]) if lang == "zh" else
                             counted(params["members"], "member", "members"))
    if params.get("mean", 0) is None:
        params["mean"] = "—"
    text = template.format(**params)
    if params.get("low_n") is not None:  # R-DATA-2: the caveat where the conclusion is stated
        caveat = LOW_SAMPLE_CAVEAT[1 if lang == "zh" else 0]
        text += caveat.format(respondents=respondents_text(int(params["low_n"]), lang))
    return text
