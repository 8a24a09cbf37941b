"""METHOD.md section 7: the failure causes (seed 003) the report checks the engagement against."""
from __future__ import annotations

from dataclasses import dataclass

from .roadmap_types import Bi
from .types import Assessment

RISK, WATCH, CLEAR = "risk", "watch", "clear"


@dataclass(frozen=True)
class FailureCheck:
    cause: Bi
    status: str  # risk / watch / clear
    evidence: Bi
    rules: tuple[str, ...]


def _score(assessment: Assessment, block: str) -> float | None:
    return assessment.blocks[block].score if block in assessment.blocks else None


def _band(value: float | None, risk_below: float, watch_below: float) -> str:
    if value is None:
        return WATCH
    return RISK if value < risk_below else WATCH if value < watch_below else CLEAR


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def check_failure_causes(assessment: Assessment) -> tuple[FailureCheck, ...]:
    red = {f.rule for f in assessment.red_lights}
    b1, b2, b3, b4, b5, b7 = (_score(assessment, b) for b in ("B1", "B2", "B3", "B4", "B5", "B7"))
    strategy = min((v for v in (b1, b2) if v is not None), default=None)
    above = [lv.name for lv in assessment.levels if lv.scored and lv.today > lv.ready]
    tech_gap = None if b7 is None or b5 is None else b7 - b5
    return (
        FailureCheck(Bi("Implementing before strategy", "在战略明确之前实施"),
                     RISK if "R-RED-1" in red else _band(strategy, 40, 60),
                     Bi(f"Vision {_n(b1)}, Strategy {_n(b2)}.", f"愿景 {_n(b1)}，战略 {_n(b2)}。"),
                     ("R-RED-1",)),
        FailureCheck(Bi("Implementing before organisational change", "在组织变革之前实施"),
                     RISK if "R-RED-2" in red else _band(b4, 40, 60),
                     Bi(f"Organisational collaboration {_n(b4)}.", f"组织协作 {_n(b4)}。"),
                     ("R-RED-2",)),
        FailureCheck(Bi("More technology is better", "技术越多越好"),
                     RISK if "R-CWR-4" in red else WATCH if (tech_gap or 0) > 10 else CLEAR,
                     Bi(f"Technology {_n(b7)} against Processes {_n(b5)}.",
                        f"技术 {_n(b7)}，流程 {_n(b5)}。"), ("R-CWR-4",)),
        FailureCheck(Bi("Guessing instead of asking customers", "猜测而不询问客户"),
                     RISK if "R-RED-5" in red else CLEAR,
                     Bi("Customer-input items below 'defined'." if "R-RED-5" in red
                        else "Customers' own input informs vision and value proposition.",
                        "客户意见相关题目低于“已定义”水平。" if "R-RED-5" in red
                        else "客户自己的意见已用于愿景和价值主张。"),
                     ("R-RED-5",)),
        FailureCheck(Bi("No value proposition", "没有价值主张"), _band(b3, 40, 60),
                     Bi(f"Valued customer experience {_n(b3)}.", f"客户价值体验 {_n(b3)}。"), ()),
        FailureCheck(Bi("Technology not matched to how the organisation works", "技术与组织运作方式不匹配"),
                     RISK if above else CLEAR,
                     Bi("Working above readiness: " + ", ".join(above) + "." if above
                        else "Every department's recommended level matches its readiness (R-CWR-1/2).",
                        "超出就绪度运行：" + "、".join(above) + "。" if above
                        else "各部门建议级别均与其就绪度相符（R-CWR-1/2）。"),
                     ("R-CWR-1", "R-CWR-2")),
        FailureCheck(Bi("Treating all customers alike", "对所有客户一视同仁"), _band(b2, 40, 60),
                     Bi(f"Strategy (segments, grading) {_n(b2)}.", f"战略（客户细分与分级）{_n(b2)}。"), ()),
    )
