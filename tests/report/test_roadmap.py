"""The PDF's roadmap chapter (R-MAP-6..9), its data honesty (R-DATA-1..3) and the headline first
(R-HEAD-1), read back from the PDF's text with pdftotext."""
import re
import shutil
import subprocess
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from readiness.engagements.models import Department, Engagement
from readiness.extensions import db
from readiness.i18n import local_date, session_days
from readiness.report.context import localise_dates
from readiness.respondents.models import Answer, Respondent
from readiness.respondents.services import refresh_block_sums

DEPARTMENTS = ("Store Operations", "Membership & Marketing", "Corporate Accounts", "Customer Service")
RULE_ID = re.compile(r"\bR-[A-Z]+-\d+\b")

pytestmark = [pytest.mark.pdf,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")]


def _render(app, engagement_id: int, lang: str, tmp_path, layout: bool = False) -> str:
    from readiness.report.services import render_pdf

    with app.app_context():
        pdf = render_pdf(db.session.get(Engagement, engagement_id), lang)
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _between(text: str, start: str, end: str) -> str:
    """The text from `start` to the next `end`, after the cover, the summary and the contents
    (pages 1-3)."""
    body = text.index("\f", text.index("\f", text.index("\f") + 1) + 1)
    i = text.index(start, body)
    return text[i:text.index(end, i)]


def _summary(text: str) -> str:
    """Page 2: the executive summary, right after the cover."""
    return text.split("\f")[1]


def _roadmap(text: str, lang: str = "en") -> str:
    return _between(text, "Timeline", "Kale's ten foundations") if lang == "en" else \
        _between(text, "时间线", "Kale 的十项基础")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def demo_en(app, demo, tmp_path):
    return _render(app, demo.engagement_id, "en", tmp_path)


def test_roadmap_has_phase0_with_the_gate_then_a_track_per_department(demo_en):
    chapter = _roadmap(demo_en)
    flat = _flat(chapter)
    # Phase 0 and its gate (R-MAP-7): the date, and every level phase waiting for it.
    assert "Phase 0 · Prerequisites: rules before system" in flat
    assert "Gate: red lights cleared · Mar 1, 2027" in flat
    assert "every level phase below waits for this gate" in flat
    assert "technology ahead of processes, customers not asked" in flat
    # Rules before the system (R-MAP-8, seed 001), with their status in words.
    assert "Rules before the system".upper() in flat.upper()
    assert "objective of phase 0" in flat
    # One subsection per department (R-MAP-6), after the tracks' heading, the pilot marked.
    tracks = flat[flat.index("Department tracks"):]
    positions = [tracks.index(name) for name in DEPARTMENTS]
    assert tracks.index("Membership & Marketing pilot") == min(positions)  # the pilot goes first
    assert "Pilot department: goes first" in tracks
    # The holding department still has its subsection and its note.
    assert "Stays at crawl: that is what its business needs." in tracks
    # Gated phases are marked conditional; the gate condition is printed with a readable date.
    assert tracks.count("conditional on the gate") >= 5
    assert "starts only once the gate on Mar 1, 2027" in tracks
    # Objectives: the questionnaire's anchor text and the exit criterion (R-MAP-8).
    assert "All main lifecycle processes are documented, current and have a named owner." in tracks
    assert re.search(r"Exit: level 3 on B5\.1 \(Processes\), now 2\.5", tracks)
    # Checkpoints: date, title, owner, length with the right plural, exit criteria.
    assert "Requirement session, workgroup 1" in tracks and "Sarah Chen" in tracks
    assert "1 day" in tracks and "0.5 days" in tracks and "1.5 days" in tracks
    assert not re.search(r"\b1 days\b", flat)
    # Client-facing: no rule ids in the roadmap chapter's body (they stay in the appendix).
    assert RULE_ID.findall(chapter) == []
    assert "Adoption cycle:" in tracks and "Assets to reuse" in flat


def test_summary_opens_with_the_headline(demo_en):
    summary = _flat(_summary(demo_en))
    verdict = ("Not ready to implement CRM yet. Red lights to clear first: technology ahead of "
               "processes, customers not asked.")
    assert "Northwind Retail Executive summary" in summary[:60]  # after the brand, if any
    assert summary.index(verdict) < summary.index("The first 90 days")
    assert "Technology ahead of processes: Technology 71 exceeds Processes 45" in summary  # a fact
    assert "24 respondents" in summary


def test_chinese_roadmap_has_tracks_gate_and_plurals(app, demo, tmp_path):
    text = _render(app, demo.engagement_id, "zh", tmp_path)
    chapter = _flat(_roadmap(text, "zh"))
    assert "关卡：红灯已消除 · 2027年3月1日" in chapter
    assert "部门路线" in chapter and "试点" in chapter and "以关卡为条件" in chapter
    assert "先定规则，再上系统" in chapter and "第 0 阶段目标" in chapter
    for name in DEPARTMENTS:
        assert name in chapter
    # (pdftotext may drop the space before a CJK character)
    assert re.search(r"0\.5 ?天", chapter) and re.search(r"\b1 ?天", chapter) and "days" not in chapter
    assert re.search(r"完成标准：流程题目 B5\.1 达到第 3 级，目前 2\.5", chapter)
    assert RULE_ID.findall(chapter) == []
    summary = _flat(_summary(text))
    assert summary.index("尚未准备好实施 CRM") < summary.index("前 90 天")


def test_department_without_answers_and_dont_know_block(app, demo, tmp_path):
    """R-DATA-1: a department nobody answered for says "no data yet"; R-DATA-3: the R-SCORE-4
    finding the dashboard shows is printed too."""
    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        db.session.add(Department(engagement_id=engagement.id, name="Field Sales", current_level=1))
        ids = list(db.session.scalars(sa.select(Respondent.id).where(
            Respondent.engagement_id == engagement.id)))
        db.session.execute(sa.update(Answer).where(Answer.respondent_id.in_(ids),
                                                   Answer.block_id == "B8").values(level=None))
        refresh_block_sums(ids, engagement.questionnaire_version.parsed(), ["B8"])
        db.session.commit()
    text = _render(app, demo.engagement_id, "en", tmp_path, layout=True)
    lines = text.splitlines()
    # The crawl-walk-run table: the department's row says "no data yet".
    rows = [line for line in lines if "Field Sales" in line and "no data yet" in line]
    assert len(rows) >= 1, rows
    assert not any("Field Sales" in line and re.search(r"\b(walk|run)\b", line) for line in rows)
    # Its track still appears, marked.
    tracks = _flat(text[text.index("Department tracks"):])
    assert "Field Sales no data yet" in tracks
    assert "No answers yet from: Field Sales." in _flat(text)
    # The block nobody could score: "no data yet", never 0 or a bar.
    profile = _between(text, "Block profile", "Departments by block")
    b8 = next(line for line in profile.splitlines() if "Metrics" in line and "%" in line)
    assert "no data yet" in b8 and "100%" in b8
    # The summary's perception strip keeps the block's row, without a gap.
    summary = _summary(text)
    assert "no data yet" in next(line for line in summary.splitlines() if "Metrics" in line)
    # R-SCORE-4 in the profile chapter, as the dashboard shows it.
    flat = _flat(profile)
    assert "Where the organisation does not know itself" in flat
    assert 'Metrics: 100% of answers are "don\'t know" (above 30%): the organisation does ' \
           'not know itself here.' in flat


def test_zero_respondents_say_the_assessment_has_no_answers(app, demo, tmp_path):
    with app.app_context():
        db.session.execute(sa.update(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).values(revoked=True))
        db.session.commit()
    text = _render(app, demo.engagement_id, "en", tmp_path)
    summary = _flat(_summary(text))
    assert "No verdict yet: the assessment has no answers." in summary  # the headline
    assert "The assessment has no answers yet: no score, level or red light" in summary
    assert "/100" not in summary and "0 respondents" not in summary
    assert "No red lights." not in summary  # not read without answers (R-DATA-1)
    assert "points higher than" not in summary  # no gap told without answers
    assert "the whole plan is provisional" in summary  # the gate (R-DATA-1)
    cover = _flat(text[:text.index("Contents")])
    assert "The assessment has no answers yet." in cover and "/100" not in cover
    profile = _flat(_between(text, "Block profile", "Departments by block"))
    assert profile.count("no data yet") == 8 and "low sample" not in profile
    roadmap = _flat(_roadmap(text))
    assert "Gate: assessment answered, roadmap confirmed" in roadmap  # R-DATA-1: provisional
    assert "every level phase below is provisional" in roadmap
    assert "Objectives come from the answers, and there are none yet." in roadmap
    assert "already at the level" not in roadmap


def test_chinese_zero_respondents(app, demo, tmp_path):
    with app.app_context():
        db.session.execute(sa.update(Respondent).where(
            Respondent.engagement_id == demo.engagement_id).values(revoked=True))
        db.session.commit()
    text = _render(app, demo.engagement_id, "zh", tmp_path)
    summary = _flat(_summary(text))
    assert "评估尚无任何答卷" in summary and "尚无结论：评估还没有任何答卷。" in summary
    assert "/100" not in summary


# Formatting without a request (the CLI, the report worker): force_locale, as report_html does ---

def test_days_and_dates_are_written_for_the_reader(app):
    with app.app_context():
        with force_locale("en"):
            assert session_days(1) == "1 day" and session_days(0.5) == "0.5 days"
            assert session_days(1.5) == "1.5 days" and session_days(2.0) == "2 days"
            assert local_date(date(2027, 3, 1)) == "Mar 1, 2027"
            assert local_date(None) == "—"
            assert localise_dates("the gate on 2027-03-01 confirms") == "the gate on Mar 1, 2027 confirms"
            assert localise_dates("not a date 2027-13-45") == "not a date 2027-13-45"
        with force_locale("zh"):
            assert session_days(1) == "1 天" and session_days(1.5) == "1.5 天"
            assert local_date(date(2027, 3, 1)) == "2027年3月1日"
            assert localise_dates("需待 2027-03-01 的关卡") == "需待 2027年3月1日 的关卡"


def test_the_report_is_in_its_own_language_whatever_the_request_is(app, demo):
    """A zh report asked for from an English page (and the reverse) is in the report's language."""
    from readiness.report.services import report_html

    with app.test_request_context("/?lang=en"):
        engagement = db.session.get(Engagement, demo.engagement_id)
        chinese = report_html(engagement, "zh")
        assert "执行摘要" in chinese and "Executive summary" not in chinese
    with app.test_request_context("/?lang=zh"):
        english = report_html(db.session.get(Engagement, demo.engagement_id), "en")
        assert "Executive summary" in english and "执行摘要" not in english


def test_edited_and_legacy_roadmaps_render(app, demo):
    """The consultant's edits are printed and marked; a plan stored before department tracks still
    renders (one shared track), without a claim about a gate it never had."""
    from readiness.method.roadmap_io import roadmap_to_dict
    from readiness.report.services import report_html
    from readiness.roadmap import services
    from readiness.roadmap.models import RoadmapPlan

    with app.app_context():
        engagement = db.session.get(Engagement, demo.engagement_id)
        services.save_edit(engagement, "checkpoint:kickoff", "owner", "Grace <Hopper>", None)
        db.session.commit()
        html = report_html(engagement, "en")
        assert "Grace &lt;Hopper&gt;" in html and 'class="edited"' not in html  # the client's copy
        html = report_html(engagement, "en", working_copy=True)
        assert "Grace &lt;Hopper&gt; <span class=\"edited\">edited</span>" in html
        plan = db.session.scalar(sa.select(RoadmapPlan))
        snapshot = roadmap_to_dict(services.generate(engagement))
        phases = [snapshot["phase0"], *(p for t in snapshot["tracks"] for p in t["phases"])]
        plan.snapshot = {k: v for k, v in snapshot.items() if k not in ("phase0", "tracks")}
        plan.snapshot["phases"] = phases
        db.session.commit()
        html = report_html(engagement, "en")
    assert "Department tracks" in html and "Grace &lt;Hopper&gt;" in html
    assert "No red light is open" not in html
