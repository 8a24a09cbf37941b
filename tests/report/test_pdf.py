"""The first PDF: text extracted from it shows client, block titles, red lights; zh renders CJK."""
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.report.chart_export import figure_svg

pytestmark = pytest.mark.pdf  # renders PDFs: `make test-fast` leaves them out


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def pdf_text(app, runner, demo, tmp_path):
    def render(lang="en"):
        out = tmp_path / f"report-{lang}.pdf"
        result = runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out),
                                     "--lang", lang])
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        assert data.startswith(b"%PDF")
        return _text(data)
    return render


SECTIONS_EN = ("Contents", "Executive summary", "Block profile", "Departments by block",
               "Perception gaps", "Pain points ranked", "Crawl, walk, run per department", "Roadmap",
               "Kale's ten foundations", "Failure causes checked", "Appendix A", "Appendix B")
SECTIONS_ZH = ("目录", "执行摘要", "模块画像", "各部门的模块得分", "认知差距", "痛点排序", "路线图",
               "Kale 的十项基础", "失败原因检查", "附录 A", "附录 B")


def test_english_report_text(pdf_text):
    text = pdf_text("en")
    for section in SECTIONS_EN:
        assert section in text, section
    for pain in ("Members are unknown at the till", "Duplicate customer records across shop, app",
                 "Corporate leads hoarded by individual sales reps"):
        assert pain in text  # the three key pains (R-PAIN-2)
    assert "The first 90 days" in text and "Kickoff and education session" in text
    assert "Northwind Retail" in text
    for title in ("Vision", "Strategy", "Valued customer experience", "Organisational collaboration",
                  "Processes", "Information", "Technology", "Metrics"):
        assert title in text
    assert "R-CWR-4" in text and "Technology ahead of processes" in text
    assert "Overall readiness".upper() in text.upper()


def test_chinese_report_renders_cjk(pdf_text):
    text = pdf_text("zh")
    for section in SECTIONS_ZH:
        assert section in text, section
    assert "CRM 就绪度报告" in text
    assert "愿景" in text and "战略" in text
    assert "红灯" in text


def _report_messages() -> set[str]:
    """The msgids of reports/*.html (their words live in the Babel catalog)."""
    from babel.messages.extract import extract_from_file

    reports = Path(__file__).resolve().parents[2] / "reports"
    return {message for path in sorted(reports.glob("*.html"))
            for _line, message, _comments, _context in extract_from_file("jinja2", path)
            if isinstance(message, str)}


def test_chinese_report_has_no_english_label(pdf_text):
    """Every label of the report is said in Chinese: no msgid of two words or more (placeholders
    aside) is left in the zh PDF's text, nor a sample of the short ones."""
    text = " ".join(pdf_text("zh").split())
    labels = {m for m in _report_messages() if "%(" not in m and len(m.split()) >= 2}
    assert len(labels) > 50
    assert sorted(m for m in labels if m in text) == []
    for english in ("Contents", "Executive summary", "Key pain points", "Department tracks",
                    "Exit criteria", "Rules before the system", "Verdict", "Objectives",
                    "Checkpoint", "Evidence", "Owner", "low sample", "Appendix"):
        assert english not in text, english


def test_radar_is_embedded_as_vector_svg(app, demo):
    from readiness.report.services import report_html

    with app.app_context():
        html = report_html(db.session.get(Engagement, demo.engagement_id), "en")
    assert 'src="data:image/svg+xml;base64,' in html


def test_chart_export_is_cached_by_content():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    first = figure_svg(fig, 300, 200)
    assert first.startswith(b"<svg")
    assert figure_svg(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), 300, 200) is first
    assert figure_svg(go.Figure(go.Bar(x=["a", "b"], y=[1, 3])), 300, 200) is not first


def test_user_written_text_is_escaped_in_the_pdf(app, runner, demo, tmp_path):
    from readiness.report.services import report_html

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        engagement.client = '<script>alert(1)</script> "Quoted" & Co'
        db.session.commit()
        html = report_html(engagement, "en")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    out = tmp_path / "x.pdf"
    assert runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out)]).exit_code == 0
    assert "<script>alert(1)</script>" in _text(out.read_bytes())


def test_report_for_unknown_engagement_fails_clearly(app, runner, tmp_path):
    result = runner.invoke(args=["report", "42", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "no engagement with id 42" in result.output
