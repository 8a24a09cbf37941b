"""Finding messages in English and Simplified Chinese, with the source article of each rule.

Kept beside the rules (not in the Babel catalogs) so the PDF and the API say exactly what the
rule means without a request context.
"""
from __future__ import annotations

LEVELS = {
    "en": {0: "none", 1: "crawl", 2: "walk", 3: "run"},
    "zh": {0: "尚未使用", 1: "爬（基础）", 2: "走（协同）", 3: "跑（驱动）"},
}
ROLE_NAMES = {
    "en": {"executive": "executives", "manager": "managers", "front_line": "front line",
           "it": "IT", "other": "others"},
    "zh": {"executive": "高管", "manager": "经理", "front_line": "一线员工", "it": "IT", "other": "其他"},
}
#: Source article (seeds/ prefix) behind each rule, for the report appendix.
SOURCES = {
    "R-SCORE-1": "003", "R-SCORE-2": "003", "R-SCORE-3": "003", "R-SCORE-4": "003",
    "R-GAP-1": "000, 001", "R-CWR-0": "002", "R-CWR-1": "002, 003", "R-CWR-2": "002, 003",
    "R-CWR-3": "002", "R-CWR-4": "003", "R-PAIN-1": "000", "R-PAIN-2": "004", "R-PAIN-3": "000",
    "R-RED-1": "003", "R-RED-2": "003", "R-RED-3": "000", "R-RED-4": "001", "R-RED-5": "003",
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
    "technology-ahead": ("Technology ahead of processes: B7 Technology {b7} exceeds B5 Processes "
                         "{b5} by {margin} points or more.",
                         "技术超前于流程：B7 技术得分 {b7} 比 B5 流程得分 {b5} 高出 {margin} 分以上。"),
    "no-pain": ("No pain point recorded: no pain, no project.", "未记录任何痛点：没有痛点，就没有项目。"),
    "no-severe-pain": ("None of the {count} pain points has severity 4 or 5: no pain, no project.",
                       "{count} 个痛点中没有严重度为 4 或 5 的：没有痛点，就没有项目。"),
    "no-clear-priority": ("{tied} pain points share priority {priority}: the top {top} are not "
                          "clear. Equal priorities mean no priority; vote again.",
                          "{tied} 个痛点优先级同为 {priority}：前 {top} 项不明确。优先级相同等于没有优先级，请重新投票。"),
    "crm-before-strategy": ("CRM before strategy: {blocks} (below {limit}). Buy no technology yet.",
                            "先有 CRM 后有战略：{blocks}（低于 {limit}）。暂不采购任何技术。"),
    "change-not-led": ("Change is not led: B4 Organisational collaboration {b4} (below {limit}). "
                       "87% of CRM failures are change management.",
                       "变革缺乏领导：B4 组织协作得分 {b4}（低于 {limit}）。87% 的 CRM 失败源于变革管理。"),
    "no-sponsor": ("No executive sponsor named.", "未指定高层发起人。"),
    "sponsor-no-time": ("The sponsor, {sponsor}, commits no time.", "发起人 {sponsor} 未承诺投入任何时间。"),
    "it-only-team": ("IT-only project team: no business-side member ({members} members).",
                     "项目团队只有 IT：没有业务方成员（共 {members} 人）。"),
    "guessing": ("Guessing instead of asking: customers' own input does not inform vision and value "
                 "proposition (mean level {mean}).",
                 "猜测而非询问：愿景和价值主张没有参考客户自己的意见（平均等级 {mean}）。"),
}


def level_name(level: int | None, lang: str = "en") -> str:
    if level is None:
        return "—"
    return LEVELS["zh" if lang == "zh" else "en"][level]


def finding_message(finding, lang: str = "en") -> str:
    en, zh = MESSAGES[finding.code]
    template = zh if lang == "zh" else en
    params = dict(finding.params)
    for key in ("level", "today", "ready", "needed"):
        if key in params and isinstance(params[key], int):
            params[key] = level_name(params[key], lang)
    for key in ("high", "low"):
        if key in params:
            params[key] = ROLE_NAMES["zh" if lang == "zh" else "en"].get(params[key], params[key])
    if params.get("mean", 0) is None:
        params["mean"] = "—"
    return template.format(**params)
