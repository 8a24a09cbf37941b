"""Every rule of METHOD.md with its source article (seeds/ prefix), for the report's appendix."""
from .roadmap_types import Bi

RULES: dict[str, tuple[str, Bi]] = {
    "R-SCORE-1": ("003", Bi("Block score: weighted mean of answered items mapped to 0-100.",
                            "模块得分：已答题目的加权平均，映射到 0-100。")),
    "R-SCORE-2": ("003", Bi("Aggregates per block, department and role with n, mean, median and IQR; "
                            "fewer than 3 respondents is marked low-sample.",
                            "按模块、部门、角色汇总 n、均值、中位数和四分位距；少于 3 人标为样本不足。")),
    "R-SCORE-3": ("003", Bi("Overall readiness: weighted mean of blocks, never shown without the profile.",
                            "总体就绪度：各模块加权平均，必须与模块画像一同呈现。")),
    "R-SCORE-4": ("003", Bi("Confidence weights answers (0.5 / 0.8 / 1.0); over 30% \"don't know\" "
                            "in a block is flagged.",
                            "按信心程度加权（0.5/0.8/1.0）；某模块“不知道”超过 30% 即标记。")),
    "R-GAP-1": ("000, 001", Bi("Perception gap: role means differing by 1.0 or more on the 1-5 scale.",
                               "认知差距：各角色均值在 1-5 分制上相差 1.0 及以上。")),
    "R-CWR-0": ("002", Bi("The level a department needs follows from its business (use-case fit).",
                          "部门所需级别取决于其业务（用例匹配）。")),
    "R-CWR-1": ("002, 003", Bi("Ready level: the highest level whose block prerequisites are met.",
                               "就绪级别：满足模块前提条件的最高级别。")),
    "R-CWR-2": ("002, 003", Bi("Never skip a level: next = min(needed, ready, today + 1).",
                               "不可跳级：下一级 = min（所需、就绪、当前+1）。")),
    "R-CWR-3": ("002", Bi("Departments may sit at different levels; the consultant may cap one.",
                          "各部门可处于不同级别；顾问可为部门设定上限。")),
    "R-CWR-4": ("003", Bi("Technology ahead of processes: B7 exceeding B5 by 25 points.",
                          "技术超前于流程：B7 比 B5 高出 25 分。")),
    "R-PAIN-1": ("000", Bi("Priority = severity x frequency + dot votes.", "优先级 = 严重度 × 频率 + 投票数。")),
    "R-PAIN-2": ("004", Bi("The roadmap is anchored on the top 3 pain points; ties at the cut-off "
                           "choose none.", "路线图以前 3 个痛点为锚点；临界处并列时不选任何一个。")),
    "R-PAIN-3": ("000", Bi("No pain point of severity 4 or more: no pain, no project.",
                           "没有严重度 4 及以上的痛点：没有痛点，就没有项目。")),
    "R-RED-1": ("003", Bi("B1 or B2 below 40: CRM before strategy.",
                          "B1 或 B2 低于 40：先有 CRM 后有战略。")),
    "R-RED-2": ("003", Bi("B4 below 40: change management (87% of failures).",
                          "B4 低于 40：变革管理（87% 的失败原因）。")),
    "R-RED-3": ("000", Bi("No executive sponsor, or a sponsor who gives no time.",
                          "没有高层发起人，或发起人不投入时间。")),
    "R-RED-4": ("001", Bi("IT-only project team.", "项目团队只有 IT 人员。")),
    "R-RED-5": ("003", Bi("No customer input behind vision and value proposition.", "愿景与价值主张缺乏客户意见。")),
    "R-MAP-1": ("000, 001, 003", Bi("Phase 0 prerequisites first, then crawl, walk, run per department.",
                                    "先完成第 0 阶段前提条件，再按部门爬、走、跑。")),
    "R-MAP-2": ("000", Bi("Cadence: 1-day kickoff; 2-3 workgroups over 3-5 months; requirement and "
                          "review sessions as checkpoints.",
                          "节奏：1 天启动会；3-5 个月内 2-3 个工作组；需求会与评审会作为检查点。")),
    "R-MAP-3": ("003", Bi("Kale's ten foundations, each met / partly / not met.", "Kale 的十项基础，逐项评估。")),
    "R-MAP-4": ("004", Bi("Adoption cycle: rigid use, optimise, solidify, re-optimise.",
                          "采用周期：固化使用、优化、固化、再优化。")),
    "R-MAP-5": ("000", Bi("Reuse existing good projects as assets.", "复用现有的优秀项目。")),
    "R-MAP-6": ("002, 003", Bi("A track per department, one level at a time; a pilot department first, "
                               "the others after its first review; stabilise where a department works "
                               "above its readiness.",
                               "每个部门一条路线，逐级推进；试点部门先行，其他部门在其首次评审后开始；"
                               "超出就绪度运行的部门先稳定。")),
    "R-MAP-7": ("000, 003", Bi("While a red light is open, every level phase waits for a \"red lights "
                               "cleared\" gate; phase 0 takes 3 weeks plus 2 per open red light.",
                               "只要有红灯未消除，各级别阶段都须等待“红灯已消除”关卡；第 0 阶段为 3 周，"
                               "每盏红灯另加 2 周。")),
    "R-MAP-8": ("001", Bi("Objectives are the weakest prerequisite items, in the questionnaire's own "
                          "words; rules before system only where they score below level 3.",
                          "目标取自前提条件中最薄弱的题目，使用问卷原文；仅当相关题目低于第 3 级时，"
                          "才把“先定规则再上系统”列为目标。")),
    "R-MAP-9": ("001", Bi("The business owns the roadmap; IT owns only the technology checkpoints.",
                          "路线图由业务方负责；IT 只负责技术类检查点。")),
    "R-DATA-1": ("003", Bi("No conclusion without data: no score, level reason or red light without "
                           "answers.", "没有数据就没有结论：没有答卷就不给出得分、级别理由或红灯。")),
    "R-DATA-2": ("003", Bi("A conclusion from fewer than 3 respondents carries its caveat where it is "
                           "stated.", "基于少于 3 位受访者的结论，须在陈述处注明。")),
    "R-DATA-3": ("003", Bi("Every finding the dashboard shows is also in the report.",
                           "仪表板显示的每项发现也都出现在报告中。")),
    "R-HEAD-1": ("000, 003", Bi("The report opens with one verdict sentence and up to three "
                                "supporting facts.", "报告以一句结论和至多三条支撑事实开篇。")),
}
