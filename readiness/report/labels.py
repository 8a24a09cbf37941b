"""The report's own words in English and Simplified Chinese (the PDF renders outside a request)."""
from babel.dates import format_date

LABELS = {
    "en": {
        "title": "CRM readiness report", "prepared": "Prepared", "sector": "Sector",
        "sponsor": "Executive sponsor", "consultant": "Consultant", "contents": "Contents",
        "summary": "Executive summary", "overall": "Overall readiness", "respondents": "respondents",
        "key_pains": "Key pain points", "red": "Red lights", "none_red": "No red lights.",
        "levels": "Recommended level per department", "first_days": "The first 90 days",
        "profile": "Block profile", "profile_note": "All respondents, with each role as a benchmark.",
        "block": "Block", "score": "Score", "median": "Median", "dk": "Don't know",
        "heatmap": "Departments by block", "heat_note": "Scores 0-100. * fewer than {n} respondents "
        "(low sample, R-SCORE-2): shown, read with care.",
        "gaps": "Perception gaps", "no_gaps": "No perception gap of 1.0 point or more between roles.",
        "gap_note": "Role means on the 1-5 scale; a gap of {t} or more is flagged (R-GAP-1).",
        "pains": "Pain points ranked", "rank": "Rank", "pain": "Pain point", "severity": "Severity",
        "frequency": "Frequency", "votes": "Votes", "priority": "Priority", "key": "Key",
        "affected": "Affected", "department": "Department", "owner": "Owner",
        "no_pains": "No pain points recorded.",
        "cwr": "Crawl, walk, run per department", "today": "Today", "needs": "Needs",
        "ready": "Ready for", "next": "Recommended next", "cap": "Cap",
        "roadmap": "Roadmap", "timeline": "Timeline", "checkpoints": "Checkpoints",
        "date": "Date", "checkpoint": "Checkpoint", "days": "Days", "exit": "Exit criteria",
        "objectives": "Objectives", "quick_wins": "Quick wins", "solves": "Key pain points it solves",
        "departments": "Departments", "adoption": "Adoption cycle", "edited": "edited",
        "assets": "Assets to reuse", "none": "none",
        "foundations": "Kale's ten foundations", "status": "Status", "evidence": "Evidence",
        "met": "met", "partly": "partly", "not met": "not met",
        "failures": "Failure causes checked", "cause": "Cause", "risk": "risk", "watch": "watch",
        "clear": "clear",
        "appendix_items": "Appendix A · Every item's answers", "item": "Item", "n": "n",
        "mean": "Mean",
        "appendix_rules": "Appendix B · The method's rules", "rule": "Rule", "source": "Source",
        "statement": "What it says",
        "scale": "Scores are 0-100: the weighted mean maturity (1-5) mapped onto 0-100 (R-SCORE-1).",
        "sources_note": "Sources are the five articles in the method's seeds, cited by prefix.",
        "parties": {"customer": "customer", "competitor": "competitor", "supplier": "supplier",
                    "partner": "partner", "employee": "employee"},
    },
    "zh": {
        "title": "CRM 就绪度报告", "prepared": "编制日期", "sector": "行业", "sponsor": "高层发起人",
        "consultant": "顾问", "contents": "目录", "summary": "执行摘要", "overall": "总体就绪度",
        "respondents": "位受访者", "key_pains": "关键痛点", "red": "红灯", "none_red": "没有红灯。",
        "levels": "各部门建议级别", "first_days": "前 90 天", "profile": "模块画像",
        "profile_note": "全部受访者，并以各角色作为对照。", "block": "模块", "score": "得分",
        "median": "中位数", "dk": "不知道", "heatmap": "部门 × 模块",
        "heat_note": "得分 0-100。* 受访者少于 {n} 人（样本不足，R-SCORE-2）：仅供参考。",
        "gaps": "认知差距", "no_gaps": "各角色之间没有 1.0 分及以上的认知差距。",
        "gap_note": "各角色在 1-5 分制上的均值；差距达到 {t} 及以上即标记（R-GAP-1）。",
        "pains": "痛点排序", "rank": "排名", "pain": "痛点", "severity": "严重度", "frequency": "频率",
        "votes": "投票", "priority": "优先级", "key": "关键", "affected": "受影响方",
        "department": "部门", "owner": "负责人", "no_pains": "未记录任何痛点。",
        "cwr": "各部门的爬、走、跑", "today": "当前", "needs": "所需", "ready": "具备条件",
        "next": "建议下一步", "cap": "上限", "roadmap": "路线图", "timeline": "时间线",
        "checkpoints": "检查点", "date": "日期", "checkpoint": "检查点", "days": "天数",
        "exit": "完成标准", "objectives": "目标", "quick_wins": "速赢", "solves": "解决的关键痛点",
        "departments": "部门", "adoption": "采用周期", "edited": "已修改",
        "assets": "可复用的资产", "none": "无",
        "foundations": "Kale 的十项基础", "status": "状态", "evidence": "依据",
        "met": "已满足", "partly": "部分满足", "not met": "未满足",
        "failures": "失败原因检查", "cause": "原因", "risk": "风险", "watch": "关注", "clear": "无碍",
        "appendix_items": "附录 A · 各题目的回答分布", "item": "题目", "n": "n", "mean": "均值",
        "appendix_rules": "附录 B · 方法规则", "rule": "规则", "source": "来源", "statement": "内容",
        "scale": "得分为 0-100：加权平均成熟度（1-5）映射到 0-100（R-SCORE-1）。",
        "sources_note": "来源为方法所依据的五篇文章，以编号引用。",
        "parties": {"customer": "客户", "competitor": "竞争对手", "supplier": "供应商",
                    "partner": "合作伙伴", "employee": "员工"},
    },
}

# Roadmap 2 (R-MAP-6..9), data honesty (R-DATA-1..3) and the headline (R-HEAD-1).
LABELS["en"].update({
    "verdict": "Verdict",
    "no_answers": "The assessment has no answers yet.",
    "no_answers_note": "Scores, levels and red lights that read answers appear once people have "
                       "answered the questionnaire.",
    "no_data": "no data yet", "low_sample": "low sample", "pilot": "pilot",
    "conditional": "conditional on the gate", "conditional_short": "conditional",
    "gate_answers": "Nobody has answered yet: every level phase below is provisional until the "
                    "roadmap is generated again from the answers.",
    "gate_waits": "While red lights are open, every level phase below waits for this gate, where "
                  "the sponsor confirms they are cleared: {lights}. Owner: {owner}.",
    "no_gate": "No red light is open: the department tracks start after phase 0 without a gate.",
    "no_gate_no_data": "No gate is planned because no red light can be read without answers: the "
                       "plan stays provisional until people have answered.",
    "tracks": "Department tracks",
    "tracks_note": "Each department climbs its own path, one level at a time. The pilot goes first; "
                   "the others start after its first review.",
    "tracks_note_no_pilot": "Each department climbs its own path, one level at a time.",
    "holds": "No phase planned: the department stays at {level}.",
    "rules_before": "Rules before the system",
    "rules_note": "Agreed before the system is configured (customer grading, lead ownership, "
                  "lead return). Mean level on the 1-5 scale.",
    "rule_topic": "Rule", "rule_status": "Status", "mean_level": "Mean level",
    "rule_statuses": {"in place": "in place", "objective": "objective of phase 0",
                      "no data": "not known yet"},
    "exit_objective": "Exit: level {level} on {item} ({block}), now {mean}",
    "no_objectives": "Every prerequisite item is already at the level this phase needs.",
    "no_answer_objectives": "Objectives come from the answers, and there are none yet.",
    "length": "Length",
    "timeline_note": "Phase 0 on top, then one lane per department. Solid bars: a phase (paler while "
                     "it waits for the gate); hatched: rigid use before the next level; diamonds: "
                     "checkpoints; dashed line: the gate where the red lights must be cleared.",
    "dk_findings": "Where the organisation does not know itself",
    "low_sample_note": "* fewer than {n} respondents (low sample): shown, read with care.",
    "heat_no_data": "No answers yet from: {departments}.",
    "when_answered": "Shown once people have answered.",
})
LABELS["zh"].update({
    "verdict": "结论",
    "no_answers": "评估尚无任何答卷。",
    "no_answers_note": "在有人完成问卷之后，才会显示依据答卷的得分、级别和红灯。",
    "no_data": "尚无数据", "low_sample": "样本不足", "pilot": "试点",
    "conditional": "以关卡为条件", "conditional_short": "有条件",
    "gate_answers": "尚无人作答：在依据答卷重新生成路线图之前，下列所有级别阶段均为暂定。",
    "gate_waits": "红灯未消除前，下列所有级别阶段都须等待此关卡，由发起人确认红灯已消除：{lights}。"
                  "负责人：{owner}。",
    "no_gate": "没有未消除的红灯：第 0 阶段结束后，各部门路线即可开始，无需关卡。",
    "no_gate_no_data": "由于尚无答卷、无法判断红灯，因此未设关卡；在有人作答之前，本计划仅为暂定。",
    "tracks": "各部门路线",
    "tracks_note": "每个部门沿各自的路径逐级爬升。试点部门先行，其他部门在其首次评审后开始。",
    "tracks_note_no_pilot": "每个部门沿各自的路径逐级爬升。",
    "holds": "未安排阶段：该部门保持在“{level}”。",
    "rules_before": "先定规则，再上系统",
    "rules_note": "须在系统配置之前确定的规则（客户分级、线索归属、线索退回）。平均等级为 1-5 分制。",
    "rule_topic": "规则", "rule_status": "状态", "mean_level": "平均等级",
    "rule_statuses": {"in place": "已到位", "objective": "第 0 阶段目标", "no data": "尚不清楚"},
    "exit_objective": "完成标准：{block}题目 {item} 达到第 {level} 级（目前 {mean}）",
    "no_objectives": "各前提题目均已达到本阶段所需的级别。",
    "no_answer_objectives": "目标依据答卷设定，目前尚无答卷。",
    "length": "时长",
    "timeline_note": "最上方为第 0 阶段，其下每个部门一条泳道。实心条：阶段（等待关卡期间颜色较浅）；"
                     "斜线：进入下一级别前的固化使用期；菱形：检查点；虚线：须消除红灯的关卡。",
    "dk_findings": "组织不了解自己的方面",
    "low_sample_note": "* 受访者少于 {n} 人（样本不足）：仅供参考。",
    "heat_no_data": "以下部门尚无答卷：{departments}。",
    "when_answered": "有人作答后显示。",
})


def days_text(value: float, lang: str = "en") -> str:
    """"1 day", "0.5 days", "1.5 days"; Chinese has no plural: "1.5 天"."""
    number = f"{value:g}"
    if lang == "zh":
        return f"{number} 天"
    return f"{number} {'day' if value == 1 else 'days'}"


def local_date(value, lang: str = "en") -> str:
    """A date as the reader writes it: "Mar 1, 2027" / "2027年3月1日" (the web app's `ldate`)."""
    return format_date(value, "medium", locale="zh" if lang == "zh" else "en") if value else "—"
