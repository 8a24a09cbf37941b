"""The PowerPoint export: the deck opens with python-pptx, its slides come in the order a steering
committee reads them, the native tables hold the engine's numbers, each chart is a picture, the
speaker notes cite the sources in words; the client copy has no rule ids, the working copy has."""
import io
import re

import pytest
from pptx import Presentation
from pptx.util import Emu

from readiness.engagements.assessment import assess_engagement
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.method.texts import block_name

pytestmark = pytest.mark.pdf  # renders charts through chromium: `make test-fast` leaves them out

RULE_ID = re.compile(r"\bR-[A-Z]+-\d+\b")
TITLES_EN = ["Executive summary", "Block profile", "Perception gaps", "Departments by block",
             "Key pain points", "Roadmap", "The first 90 days"]


def _deck(runner, demo, tmp_path, *args: str):
    out = tmp_path / "deck.pptx"
    result = runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    return Presentation(io.BytesIO(out.read_bytes()))


def _titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]


def _body_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def _tables(slide) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in shape.table.rows]
            for shape in slide.shapes if shape.has_table]


def _slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def test_english_deck_holds_the_engines_numbers(app, runner, demo, tmp_path):
    prs = _deck(runner, demo, tmp_path)
    assert (prs.slide_width, prs.slide_height) == (Emu(12191695), Emu(6858000))  # 16:9
    first = prs.slides[0]
    cover = _body_text(first)
    assert "CRM readiness report" in cover and "Northwind Retail" in cover
    assert "Consultant:" in cover and "@" not in cover  # a person, never a login
    # In the order the committee reads them; a chart's table may continue on the next slide.
    titles = list(dict.fromkeys(_titles(prs)))
    assert titles == TITLES_EN

    with app.app_context():
        assessment = assess_engagement(db.session.get(Engagement, demo.engagement_id))
    profile = _tables(_slide(prs, "Block profile"))[0]
    assert profile[0][:2] == ["Block", "Score"]
    scores = {row[0]: row[1].rstrip("*") for row in profile[1:]}
    for block_id, result in assessment.blocks.items():
        assert scores[block_name(block_id)] == f"{result.score:.0f}"  # the engine's block means
    assert {row[2] for row in profile[1:]} == {str(assessment.respondents)}

    gaps = _tables(_slide(prs, "Perception gaps"))[0]
    widest = max(assessment.gaps, key=lambda g: g.gap)
    row = next(r for r in gaps[1:] if r[0] == block_name(widest.block_id))
    assert row[-1].startswith(f"{widest.gap:.1f}")
    assert "executives see it at" in _body_text(_slide(prs, "Perception gaps"))  # the story in words

    pains = _tables(_slide(prs, "Key pain points"))[0]
    top = assessment.pains[0]
    assert pains[1][1] == top.title and pains[1][-1] == str(top.priority)

    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 4  # radar, gaps, heat map, Gantt
    assert all(p.image.content_type == "image/png" and p.image.size[0] >= 1500 for p in pictures)
    heat = [s for s in prs.slides if s.shapes.title and s.shapes.title.text_frame.text == "Departments by block"]
    assert len(heat) == 2 and _tables(heat[1])  # the picture, then its numbers

    days = _body_text(_slide(prs, "The first 90 days"))
    assert "Kickoff and education session" in days
    notes = _slide(prs, "Perception gaps").notes_slide.notes_text_frame.text
    assert "Sources:" in notes and "role means differing by 1.0" in notes and "000" not in notes

    # The client's copy: no rule id anywhere, notes included (they cite the rules in words).
    for slide in prs.slides:
        assert not RULE_ID.search(_body_text(slide)), _body_text(slide)
        if slide.has_notes_slide:
            assert not RULE_ID.search(slide.notes_slide.notes_text_frame.text)


def test_working_copy_keeps_the_rule_ids(runner, demo, tmp_path):
    prs = _deck(runner, demo, tmp_path, "--working-copy")
    assert "Working copy" in _body_text(prs.slides[0])
    summary = _body_text(_slide(prs, "Executive summary"))
    assert "[R-HEAD-1]" in summary
    assert "[R-GAP-1]" in _body_text(_slide(prs, "Perception gaps"))
    assert "R-GAP-1" in _slide(prs, "Perception gaps").notes_slide.notes_text_frame.text


def test_chinese_deck(runner, demo, tmp_path):
    prs = _deck(runner, demo, tmp_path, "--lang", "zh")
    titles = _titles(prs)
    for title in ("执行摘要", "模块画像", "认知差距", "各部门的模块得分", "关键痛点", "路线图", "前 90 天"):
        assert title in titles
    assert "CRM 就绪度报告" in _body_text(prs.slides[0])
    assert "愿景" in _body_text(_slide(prs, "模块画像"))
    xml = prs.slides[1].shapes.title.text_frame._txBody.xml
    assert 'ea typeface="Noto Sans CJK SC"' in xml  # PowerPoint draws the Chinese in Noto CJK


@pytest.mark.parametrize("name", ["deck.docx", "deck", "deck.pdf.txt"])
def test_cli_format_follows_the_extension(runner, demo, tmp_path, name):
    out = tmp_path / name
    result = runner.invoke(args=["report", str(demo.engagement_id), "--out", str(out)])
    assert result.exit_code != 0
    assert ".pdf" in result.output and ".pptx" in result.output
    assert not out.exists()


def test_deck_before_anyone_answered_with_long_names(app, eng):
    """No answers yet: no chart of answers nobody gave, the slides say so; a long client name, a
    long pain title and a department name never spill out of their boxes (shortened with "…")."""
    from readiness.pains.models import PainPoint
    from readiness.report.slides import build_slides

    long_title = "Customers wait on hold " + "and are transferred again and again " * 8
    with app.app_context():
        engagement = db.session.get(Engagement, eng.id)
        engagement.client = "Acme Tools International Holdings " * 5
        db.session.add(PainPoint(engagement_id=eng.id, title=long_title + "\x01",
                                 scenario="They call twice.", affected_party="customer",
                                 blocks="B5", severity=5, frequency=4, votes=0, owner="Lee"))
        db.session.commit()
        slides = build_slides(engagement, "en")
        client = engagement.client
    prs = slides.deck.prs
    assert list(dict.fromkeys(_titles(prs))) == TITLES_EN
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 1  # the Gantt: the roadmap exists before the answers, the charts not
    assert "The assessment has no answers yet." in _body_text(_slide(prs, "Perception gaps"))
    profile = _tables(_slide(prs, "Block profile"))[0]
    assert {row[1] for row in profile[1:]} == {"—"}  # no score, never a 0
    cell = _tables(_slide(prs, "Key pain points"))[0][1][1]
    assert cell.endswith("…") and len(cell) < len(long_title)
    footer = next(sh.text_frame.text for sh in prs.slides[1].shapes
                  if sh.has_text_frame and "CRM readiness report" in sh.text_frame.text)
    assert "…" in footer and len(footer) < len(client)
    prs.save(io.BytesIO())  # the odd character does not break the file
