"""Roadmap wording in English and Simplified Chinese (R-MAP-1..4)."""
from .roadmap_types import Bi

PHASE_TITLES = {
    0: Bi("Phase 0 · Prerequisites: rules before system", "第 0 阶段 · 前提条件：先定规则，再上系统"),
    1: Bi("Crawl · CRM as a smart filing cabinet", "爬 · CRM 作为智能档案柜"),
    2: Bi("Walk · CRM as collaboration and coordination tool", "走 · CRM 作为协作与协调工具"),
    3: Bi("Run · CRM as mission controller and process driver", "跑 · CRM 作为任务控制器与流程驱动器"),
}

#: What phase 0 must do for each red light (R-MAP-1: clear the red lights first).
RED_LIGHT_OBJECTIVES = {
    "R-RED-1": Bi("A written customer vision and explicit target segments, signed by the sponsor; "
                  "Vision and Strategy at 40 or more when re-assessed.",
                  "形成书面的客户愿景和明确的目标客户群，并由发起人签字确认；复评时愿景和战略不低于 40 分。"),
    "R-RED-2": Bi("A funded change-management plan led from the top; Organisational collaboration at 40 or "
                  "more when re-assessed.",
                  "制定由高层牵头、有预算保障的变革管理计划；复评时组织协作不低于 40 分。"),
    "R-RED-3": Bi("A named executive sponsor who commits at least 4 hours a month.",
                  "指定高层发起人，并承诺每月至少投入 4 小时。"),
    "R-RED-4": Bi("At least one business-side member on the project team, with time allocated.",
                  "项目团队中至少有一名业务方成员，并为其分配工作时间。"),
    "R-RED-5": Bi("Interviews or a survey of at least 20 customers feed the vision and value proposition.",
                  "访谈或调研至少 20 位客户，并将结果用于愿景和价值主张。"),
    "R-CWR-4": Bi("Lifecycle processes mapped and owned before any technology is bought.",
                  "在采购任何技术之前，梳理客户生命周期流程并明确负责人。"),
    "R-PAIN-3": Bi("At least one pain point of severity 4 or 5 agreed with the sponsor.",
                   "与发起人确认至少一个严重度为 4 或 5 的痛点。"),
}

RULES_BEFORE_SYSTEM = Bi(
    "Customer grading and lead-sharing rules agreed: a private lead returns to the public pool after "
    "{days} days without follow-up.",
    "确定客户分级和线索共享规则：私有线索 {days} 天未跟进即退回公共池。")

LEVEL_OBJECTIVES = {
    1: (Bi("Every active relationship of {departments} recorded with an owner and last contact date.",
           "{departments} 的每个活跃客户关系都有记录，并注明负责人和最近联系日期。"),
        Bi("At least 80% of users log their customer activities every week by the end of rigid use.",
           "在固化使用期结束时，至少 80% 的用户每周记录客户活动。")),
    2: (Bi("5-10 defined pipeline stages in use in {departments}; shared data refreshed at least daily.",
           "{departments} 使用 5-10 个明确的业务阶段；共享数据至少每天更新。"),),
    3: (Bi("Quotas, SLAs and approvals of {departments} measured in the system; data synchronised hourly.",
           "{departments} 的配额、SLA 和审批在系统中度量；数据每小时同步。"),),
}

QUICK_WINS = {
    0: (Bi("One-page CRM vision the sponsor presents to all staff.", "由发起人向全员宣讲的一页纸 CRM 愿景。"),),
    1: (Bi("A shared contact list replaces personal spreadsheets.", "用共享客户名录取代个人电子表格。"),
        Bi("One-page relationship briefs for the top 20 accounts.", "为前 20 个重点客户建立一页纸关系简报。")),
    2: (Bi("Alerts on opportunities or cases that stall for more than a week.", "对停滞超过一周的商机或工单发出提醒。"),
        Bi("One integration that ends double entry.", "完成一项集成，消除重复录入。")),
    3: (Bi("One SLA dashboard reviewed weekly.", "建立每周复盘的 SLA 看板。"),
        Bi("A forecast taken from the pipeline, not from spreadsheets.", "预测直接来自销售管道，而不是电子表格。")),
}

CHECKPOINTS = {
    "kickoff": Bi("Kickoff and education session", "启动与培训会"),
    "gate": Bi("Gate: red lights cleared", "关卡：红灯已消除"),
    "answers-gate": Bi("Gate: assessment answered, roadmap confirmed", "关卡：评估已作答，路线图已确认"),
    "configuration": Bi("System configuration and integrations ready for review", "系统配置与集成就绪待评审"),
    "stabilise": Bi("Stabilisation workshop", "稳定化研讨会"),
    "stabilise-review": Bi("Stabilisation review", "稳定化评审"),
    "prereq-review": Bi("Prerequisites review", "前提条件评审"),
    "requirements": Bi("Requirement session, workgroup {n}", "需求研讨会（工作组 {n}）"),
    "review": Bi("Review session, workgroup {n}", "评审会（工作组 {n}）"),
    "adoption": Bi("End of rigid use: adoption review", "固化使用期结束：采用情况评审"),
}
EXIT_CRITERIA = {
    "answers-gate": (Bi("Respondents from every department have answered.", "各部门受访者均已作答。"),
                     Bi("The roadmap is generated again from their answers.", "已依据答卷重新生成路线图。")),
    "gate": (Bi("The sponsor confirms each red light below is cleared, or the plan waits.",
                "发起人确认下列每盏红灯均已消除，否则计划顺延。"),),
    "configuration": (Bi("Configuration follows the written processes, not the other way round.",
                         "配置遵循成文流程，而非流程迁就系统。"),
                      Bi("Integrations tested with real records.", "已用真实记录测试集成。")),
    "stabilise": (Bi("The gaps behind the level in use named, with owners.", "已明确当前级别背后的差距及负责人。"),),
    "kickoff": (Bi("Sponsor has presented why CRM, and where.", "发起人已讲清为什么做 CRM、在哪里做。"),
                Bi("Workgroups and their owners named.", "已确定各工作组及负责人。")),
    "prereq-review": (Bi("Every phase-0 objective met or consciously accepted by the sponsor.",
                         "第 0 阶段的每项目标均已达成，或经发起人明确接受。"),),
    "requirements": (Bi("Processes of the level written down with their owners.", "本级别流程已成文并明确负责人。"),
                     Bi("Requirements ranked against the key pain points.", "需求已按关键痛点排定优先级。")),
    "review": (Bi("Configured system walked through with real cases.", "已用真实案例走查配置好的系统。"),
               Bi("Open issues owned and dated.", "遗留问题均有负责人和完成日期。")),
    "adoption": (Bi("Usage measured against the phase objectives.", "已对照阶段目标衡量使用情况。"),
                 Bi("Users' mature suggestions collected for optimisation.", "已收集用户成熟的优化建议。")),
}

ADOPTION = {
    "rigid": Bi("Rigid use: use as designed", "固化：按设计使用"),
    "optimise": Bi("Optimise from users' mature suggestions", "优化：采纳用户成熟的建议"),
    "solidify": Bi("Solidify: encode the optimised process", "固化：将优化后的流程固定下来"),
    "reoptimise": Bi("Re-optimise when the business changes", "业务变化时再优化"),
}

CONDITION = Bi("Starts only when {blocks} reach what {level} requires.",
               "需待{blocks}达到“{level}”的要求后才能开始。")
#: R-MAP-7: while red lights are open, every level phase waits for the gate.
#: R-DATA-1: with no answers at all, no level phase is more than provisional.
ANSWERS_GATE_CONDITION = Bi("Provisional: the assessment has no answers yet; this phase is confirmed "
                            "only when the roadmap is generated again from answers (gate on {date}).",
                            "暂定：评估尚无答卷；须在依据答卷重新生成路线图后才能确认本阶段（关卡：{date}）。")
GATE_CONDITION = Bi("Conditional: starts only once the gate on {date} confirms the red lights are "
                    "cleared ({lights}).",
                    "有条件：需待 {date} 的关卡确认红灯已消除（{lights}）后才能开始。")
#: R-DATA-1: a department nobody answered for.
NO_DATA_CONDITION = Bi("No answers from {department} yet: whether it can support {level} is not "
                       "known until its people answer.",
                       "{department}尚无答卷：在其人员作答之前，无法判断能否支撑“{level}”。")
NO_DATA_OBJECTIVE = Bi("The department's people answer the assessment, so that its objectives can "
                       "be set from its own answers.",
                       "该部门人员完成评估问卷，以便依据其自身答卷设定目标。")
#: R-DATA-2
LOW_SAMPLE_NOTE = Bi(" Based on {respondents} only: confirm with more answers.",
                     "（仅基于 {respondents}：请在更多人作答后确认。）")

#: R-MAP-8: how the review tells an objective from the questionnaire is met.
OBJECTIVE_EXIT = Bi("Level {level} reached on {item} ({block}; now {mean})",
                    "{block}题目 {item} 达到第 {level} 级（目前 {mean}）")
#: Seed 001: the rules that come before the system, by the questionnaire's rules_topic.
RULE_TOPICS = {
    "grading": Bi("Customer grading", "客户分级"),
    "sharing": Bi("Lead ownership and sharing rules", "线索归属与共享规则"),
    "lead-return": Bi("Lead follow-up and return to the shared pool", "线索跟进与退回公海"),
}
SPONSOR_TO_NAME = Bi("Executive sponsor (to be named)", "高层发起人（待指定）")

#: Red lights in the client's words (R-HEAD-1, gate conditions).
RED_LIGHT_NAMES = {
    "R-RED-1": Bi("CRM before strategy", "先上 CRM 后定战略"),
    "R-RED-2": Bi("change not led from the top", "变革缺乏高层领导"),
    "R-RED-3": Bi("no sponsor time", "发起人未投入时间"),
    "R-RED-4": Bi("no business people on the project team", "项目团队没有业务人员"),
    "R-RED-5": Bi("customers not asked", "没有询问客户"),
    "R-CWR-4": Bi("technology ahead of processes", "技术超前于流程"),
    "R-PAIN-3": Bi("no agreed severe pain point", "没有公认的严重痛点"),
}

STABILISE_TITLE = Bi("Stabilise at {level}: build what the level in use requires",
                     "稳定在“{level}”：补齐当前级别所需的基础")
STABILISE_QUICK_WINS = (
    Bi("Write down how the system is used today, and by whom.", "写下系统目前如何使用、由谁使用。"),
    Bi("Stop one workaround that bypasses the system.", "停止一项绕开系统的变通做法。"),
)

TRACK_NOTES = {
    "climb": Bi("Climbs from {today} to {target}, one level at a time.",
                "从“{today}”逐级爬升至“{target}”。"),
    "climb-pilot": Bi("Pilot department: goes first; the other departments start after its first "
                      "review. Climbs from {today} to {target}, one level at a time.",
                      "试点部门：率先开始；其他部门在其首次评审后开始。从“{today}”逐级爬升至“{target}”。"),
    "stabilise": Bi("Works at {today}, above what its answers support ({ready}): it stabilises "
                    "before climbing any further.",
                    "当前处于“{today}”，高于答卷所支持的“{ready}”：先稳定，再继续爬升。"),
    "hold": Bi("Stays at {today}: {why}. It re-optimises when the business changes.",
               "保持在“{today}”：{why}。业务变化时再优化。"),
}
HOLD_REASONS = {
    "no-data": Bi("no answers from it yet, so no further level can be planned", "尚无答卷，无法规划更高级别"),
    "needed": Bi("that is what its business needs", "这正是其业务所需"),
    "cap": Bi("capped by the consultant", "顾问设定了上限"),
    "ready": Bi("its answers support no more yet", "其答卷尚不支持更高级别"),
}


FOUNDATIONS = [
    Bi("Engage executives", "让高层参与"),
    Bi("Know why and where CRM is needed", "明确为什么以及在哪里需要 CRM"),
    Bi("Clear, measurable objectives", "清晰可衡量的目标"),
    Bi("Achievable short-term goals (quick wins)", "可实现的短期目标（速赢）"),
    Bi("Progress step by step", "循序渐进"),
    Bi("The right team, trained", "合适且受过培训的团队"),
    Bi("Manage internal change: sell the vision before the change", "管理内部变革：先推销愿景，再推动变革"),
    Bi("An outside monitor", "外部监督者"),
    Bi("Effective feedback", "有效的反馈"),
    Bi("Ongoing study of customer behaviour", "持续研究客户行为"),
]
