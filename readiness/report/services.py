"""Build the report's context from the assessment and render it to PDF with WeasyPrint."""
from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from flask import current_app
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..charts import radar_figure
from ..engagements.models import Engagement
from ..engagements.services import assess_engagement
from ..method.texts import SOURCES, level_name
from .chart_export import figure_svg

REPORTS_DIR = Path(__file__).resolve().parents[2] / "reports"

LABELS = {
    "en": {"title": "CRM readiness report", "prepared": "Prepared", "overall": "Overall readiness",
           "blocks": "Block scores", "profile": "Block profile", "red": "Red lights",
           "none_red": "No red lights.", "block": "Block", "score": "Score", "median": "Median",
           "dk": "Don't know", "sponsor": "Executive sponsor", "sector": "Sector",
           "respondents": "respondents", "rule": "Rule", "source": "Source article",
           "low_sample": "* fewer than {n} respondents (low sample, R-SCORE-2)",
           "scale": "Scores are 0-100: the weighted mean maturity (1-5) mapped onto 0-100 (R-SCORE-1).",
           "levels": "Crawl, walk, run per department", "department": "Department",
           "today": "Today", "needs": "Needs", "ready": "Ready for", "next": "Recommended next",
           "findings": "Other findings", "page": "Page", "of": "of", "method": "Method rules cited"},
    "zh": {"title": "CRM 就绪度报告", "prepared": "编制日期", "overall": "总体就绪度",
           "blocks": "各模块得分", "profile": "模块画像", "red": "红灯", "none_red": "没有红灯。",
           "block": "模块", "score": "得分", "median": "中位数", "dk": "不知道",
           "sponsor": "高层发起人", "sector": "行业", "respondents": "位受访者", "rule": "规则",
           "source": "来源文章", "low_sample": "* 受访者少于 {n} 人（样本不足，R-SCORE-2）",
           "scale": "得分为 0-100：加权平均成熟度（1-5）映射到 0-100（R-SCORE-1）。",
           "levels": "各部门的爬、走、跑", "department": "部门", "today": "当前",
           "needs": "所需", "ready": "具备条件", "next": "建议下一步", "findings": "其他发现",
           "page": "第", "of": "页，共", "method": "引用的方法规则"},
}


def _environment() -> Environment:
    # Autoescape on: every name, title and evidence text typed by a user prints as text.
    env = Environment(loader=FileSystemLoader(str(REPORTS_DIR)),
                      autoescape=select_autoescape(["html"]))
    env.filters["level"] = level_name
    return env


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def report_html(engagement: Engagement, lang: str = "en") -> str:
    questionnaire = engagement.questionnaire_version.parsed()
    assessment = assess_engagement(engagement)
    radar = radar_figure(assessment, questionnaire, lang)
    chromium = current_app.config["CHROMIUM_PATH"]
    rules = sorted({f.rule for f in assessment.red_lights + assessment.flags}
                   | {"R-SCORE-1", "R-SCORE-2", "R-SCORE-3"})
    return _environment().get_template("report.html").render(
        engagement=engagement, questionnaire=questionnaire, assessment=assessment, lang=lang,
        t=LABELS[lang], today=date.today(), rules=[(r, SOURCES.get(r, "")) for r in rules],
        radar_src=_svg_data_uri(figure_svg(radar, 620, 520, chromium)))


def render_pdf(engagement: Engagement, lang: str = "en") -> bytes:
    from weasyprint import HTML

    html = report_html(engagement, lang)
    return HTML(string=html, base_url=str(REPORTS_DIR)).write_pdf()
