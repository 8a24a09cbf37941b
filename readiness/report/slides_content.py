"""The deck's first slides: title, headline, block profile, perception gaps, heat map.

Each slide pairs its chart (a picture) with the chart's numbers as a native table, so the
consultant can restyle or quote them in PowerPoint; the numbers are the engine's (assessment),
formatted as the PDF formats them. Rule ids appear only in the working copy; the client's notes
cite the method's rules and articles in words.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from ..charts import role_name
from ..method.sources import rule_source
from ..method.texts import block_name
from ..method.types import GAP_ROLES
from .slides_layout import (
    ACCENT,
    BODY_BOTTOM,
    BODY_TOP,
    MARGIN,
    MUTED,
    RED,
    WIDTH,
    Box,
    Deck,
    fit_pages,
)


@dataclass
class Slides:
    """What every slide builder reads: the report context (build_context), the charts as PNG, the
    language and whether this is the consultant's working copy."""

    deck: Deck
    context: dict
    pictures: dict[str, bytes]
    lang: str
    working_copy: bool = False
    tables: dict[str, list[list[str]]] = field(default_factory=dict)  # for the tests' eyes

    @property
    def A(self):
        return self.context["assessment"]

    def mark(self, rule: str) -> str:
        """A finding's rule id, in the working copy only."""
        return f" [{rule}]" if self.working_copy and rule else ""

    def sources(self, *rules: str, extra: tuple[str, ...] = ()) -> list[str]:
        """Speaker notes: what each rule says and its source article, in words."""
        lines = [_("Sources") + ":"]
        lines += ["- " + s for r in rules
                  if (s := rule_source(r, self.lang, with_id=self.working_copy))]
        return [*extra, *([""] if extra else []), *lines]

    def finding(self, f) -> str:
        return f.message(self.lang) + self.mark(f.rule)


def num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def title_slide(s: Slides) -> None:
    deck, ctx = s.deck, s.context
    engagement = ctx["engagement"]
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])
    deck.text(slide, Box(MARGIN, 1.2, 9, 0.5), ["Readiness"], largest=16, smallest=12,
              colour=MUTED, bold=True)
    deck.text(slide, Box(MARGIN, 1.75, WIDTH - 2 * MARGIN, 1.0), [_("CRM readiness report")],
              largest=40, smallest=26, bold=True)
    deck.text(slide, Box(MARGIN, 2.8, WIDTH - 2 * MARGIN, 1.1), [engagement.client],
              largest=32, smallest=20, colour=ACCENT)
    owner = engagement.owner
    organisation = getattr(owner, "organisation", "") or ""  # the profile page's, when it exists
    prepared_by = ", ".join(x for x in (owner.name, organisation) if x) or "—"
    facts = [f"{_('Sector')}: {engagement.sector or '—'}",
             f"{_('Executive sponsor')}: {engagement.sponsor_name or '—'}",
             f"{_('Consultant')}: {prepared_by}",
             f"{_('Prepared')}: {ctx['ldate'](ctx['today'])}"]
    bar = slide.shapes.add_shape(1, Inches(MARGIN), Inches(3.95), Inches(2.0), Inches(0.08))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
    bar.line.fill.background()
    deck.text(slide, Box(MARGIN, 4.2, WIDTH - 2 * MARGIN, 2.2), facts, largest=18, smallest=12)
    if s.working_copy:
        deck.text(slide, Box(WIDTH - MARGIN - 4, 6.6, 4, 0.4), [_("Working copy")], largest=14,
                  smallest=10, colour=RED, bold=True, align=PP_ALIGN.RIGHT)
    deck.notes(slide, [ctx["respondents_text"], ctx["questionnaire"].title.get(s.lang)])


def headline_slide(s: Slides) -> None:
    ctx, A = s.context, s.A
    headline = ctx["headline"]
    say = ctx["say"]
    rules = ["R-HEAD-1", *dict.fromkeys(f.rule for f in A.red_lights)]
    slide = s.deck.slide(_("Executive summary"), s.sources(*rules))
    left = WIDTH - 2 * MARGIN - 3.6
    s.deck.text(slide, Box(MARGIN, BODY_TOP, left, 0.4), [_("Verdict") + s.mark("R-HEAD-1")],
                largest=14, smallest=11, colour=MUTED, bold=True)
    s.deck.text(slide, Box(MARGIN, BODY_TOP + 0.45, left, 1.9), [say(headline.sentence)],
                largest=28, smallest=16, bold=True)
    facts = [say(f) for f in headline.facts]
    if facts:
        s.deck.text(slide, Box(MARGIN, BODY_TOP + 2.5, left, 2.9), facts, largest=20,
                    smallest=12, bullets=True)
    right = WIDTH - MARGIN - 3.3
    if A.respondents and A.overall is not None:
        s.deck.text(slide, Box(right, BODY_TOP + 0.4, 3.3, 1.3), [num(A.overall) + " /100"],
                    largest=54, smallest=30, bold=True, colour=ACCENT)
        s.deck.text(slide, Box(right, BODY_TOP + 1.75, 3.3, 0.9),
                    [_("Overall readiness"), ctx["respondents_text"]], largest=14, smallest=10,
                    colour=MUTED)
    # The verdict names the red lights; the column beside it says what the roadmap solves first.
    key = [p.title + s.mark("R-PAIN-2") for p in ctx["key_pains"]]
    s.deck.text(slide, Box(right, BODY_TOP + 2.8, 3.3, 0.4), [_("Key pain points")], largest=14,
                smallest=11, colour=MUTED, bold=True)
    s.deck.text(slide, Box(right, BODY_TOP + 3.25, 3.3, 2.2), key or [_("No pain points recorded.")],
                largest=14, smallest=10, bullets=bool(key))


def profile_slide(s: Slides) -> None:
    ctx, A = s.context, s.A
    questionnaire = ctx["questionnaire"]
    header = [_("Block"), _("Score"), "n", _("Median"), "IQR", _("Don't know")]
    rows = []
    for block in questionnaire.blocks:
        r = A.blocks[block.id]
        low = "*" if r.score is not None and r.stat.low_sample else ""
        rate = "—" if r.dont_know_rate is None else f"{r.dont_know_rate * 100:.0f}%"
        rows.append([block_name(block.id, s.lang), num(r.score) + low, str(r.stat.n),
                     num(r.stat.median), num(r.stat.iqr), rate])
    s.tables["profile"] = rows
    extra = tuple(s.finding(f) for f in ctx["dont_know_findings"])
    slide = s.deck.slide(_("Block profile"), s.sources("R-SCORE-1", "R-SCORE-2", "R-SCORE-3",
                                                       "R-SCORE-4", extra=extra),
                         subtitle=_("Scores 0-100, all respondents; each role as a benchmark."))
    _chart_and_table(s, slide, "radar", header, rows, [3.2, 1.1, 0.7, 1.1, 0.9, 1.3], 6.3,
                     size=13, alerts=_below(rows, [1]))
    if any(r[1].endswith("*") for r in rows):
        _footnote(s, slide, _("* fewer than %(n)s respondents (low sample): shown, read with care.",
                              n=questionnaire.settings.low_sample))


def gaps_slide(s: Slides) -> None:
    ctx, A = s.context, s.A
    questionnaire = ctx["questionnaire"]
    roles = [r for r in GAP_ROLES if any(r in g.role_means for g in A.gaps)]
    header = [_("Block"), *[role_name(r, s.lang) for r in roles], _("Gap")]
    by_block = {g.block_id: g for g in A.gaps}
    rows = []
    for block in questionnaire.blocks:
        g = by_block.get(block.id)
        if g is None:
            continue
        rows.append([block_name(block.id, s.lang),
                     *[num(g.role_means.get(r), 1) for r in roles],
                     num(g.gap, 1) + (" !" if g.flagged else "")])
    s.tables["gaps"] = rows
    # The largest gaps first, named in words (the finding's message), as R-HEAD-1 picks them.
    size = {g.block_id: g.gap for g in A.gaps}
    flagged = sorted((f for f in A.flags if f.rule == "R-GAP-1"),
                     key=lambda f: -size.get(str(f.params.get("block")), 0))
    slide = s.deck.slide(_("Perception gaps"), s.sources("R-GAP-1"),
                         subtitle=_("Executives, front line and IT per block, on the 1-5 scale."))
    if not A.respondents:
        s.deck.text(slide, Box(MARGIN, BODY_TOP + 0.3, 11, 1), [_("The assessment has no answers yet.")])
        return
    story = [s.finding(f) for f in flagged[:3]] or [
        _("No perception gap of 1.0 point or more between roles.")]
    s.deck.text(slide, Box(MARGIN, BODY_TOP + 0.1, WIDTH - 2 * MARGIN, 1.0), story, largest=16,
                smallest=11, bullets=True)
    marks = [i for i, row in enumerate(rows) if row[-1].endswith("!")]
    _chart_and_table(s, slide, "gaps", header, rows, [2.6, *[1.2] * len(roles), 1.0], 7.0,
                     top=BODY_TOP + 1.2, marks=marks, size=12)
    _footnote(s, slide, _("! a gap of %(t)s points or more between roles.",
                          t=questionnaire.settings.gap_threshold))


def heatmap_slides(s: Slides) -> None:
    ctx = s.context
    questionnaire = ctx["questionnaire"]
    A = s.A
    departments = {d.id: d.name for d in ctx["engagement"].departments}
    header = [_("Department"), *[block_name(b.id, s.lang) for b in questionnaire.blocks]]
    rows = []
    for dep_id, stats in A.by_department.items():
        if dep_id not in departments or not any(st.mean is not None for st in stats.values()):
            continue
        cells = []
        for b in questionnaire.blocks:
            st = stats.get(b.id)
            score = None if st is None else st.mean
            cells.append(num(score) + ("*" if st is not None and score is not None and st.low_sample else ""))
        rows.append([departments[dep_id], *cells])
    rows.sort(key=lambda row: row[0])
    s.tables["heatmap"] = rows
    notes = s.sources("R-SCORE-2", "R-DATA-1")
    slide = s.deck.slide(_("Departments by block"), notes,
                         subtitle=_("Scores 0-100 per department and block."))
    if "heatmap" in s.pictures:
        s.deck.picture(slide, s.pictures["heatmap"], Box(MARGIN, BODY_TOP + 0.1,
                                                          WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP - 0.5))
    else:
        s.deck.text(slide, Box(MARGIN, BODY_TOP + 0.3, 11, 1), [_("The assessment has no answers yet.")])
        return
    low = any(cell.endswith("*") for row in rows for cell in row[1:])
    star = _("* fewer than %(n)s respondents (low sample): shown, read with care.",
             n=questionnaire.settings.low_sample) if low else ""
    if star:
        _footnote(s, slide, star)
    box = Box(MARGIN, BODY_TOP + 0.1, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP - 0.5)
    widths = [2.4, *[1.3] * len(questionnaire.blocks)]
    size, pages = fit_pages(rows, box, widths, header, 12)
    for page in pages:
        table = s.deck.slide(_("Departments by block"), notes, subtitle=_("The numbers behind the chart."))
        s.deck.table(table, box, header, page, widths, size=size, numeric=range(1, len(header)),
                     alerts=_below(page, range(1, len(header))))
        if star:
            _footnote(s, table, star)


def _below(rows, columns, line: float = 40) -> set[tuple[int, int]]:
    """Cells holding a 0-100 score under the red-light line (R-RED-1/2 read 40): shown in red, so
    the weak blocks stand out in the numbers as in the chart."""
    cells = set()
    for r, row in enumerate(rows):
        for c in columns:
            value = row[c].rstrip("*")
            if value.replace(".", "").isdigit() and float(value) < line:
                cells.add((r, c))
    return cells


def _chart_and_table(s: Slides, slide, name: str, header, rows, widths, chart_width: float, *,
                     top: float = BODY_TOP + 0.1, marks=(), size: float = 12, alerts=()) -> None:
    """Chart on the left, its numbers on the right; rows beyond the box continue on a slide of
    their own (table_pages)."""
    height = BODY_BOTTOM - top - 0.4
    if name in s.pictures:
        s.deck.picture(slide, s.pictures[name], Box(MARGIN, top, chart_width, height))
    else:  # R-DATA-1: no chart of answers nobody gave; its place says why
        s.deck.text(slide, Box(MARGIN, top + 0.2, chart_width, 1.0),
                    [_("The assessment has no answers yet."), _("Shown once people have answered.")],
                    largest=18, smallest=12, colour=MUTED)
    left = MARGIN + chart_width + 0.25
    box = Box(left, top, WIDTH - MARGIN - left, height)
    size, pages = fit_pages(rows, box, widths, header, size)
    s.deck.table(slide, box, header, pages[0], widths, size=size, numeric=range(1, len(header)),
                 marks=marks, alerts=alerts)
    for page in pages[1:]:  # a questionnaire with many blocks
        more = s.deck.slide(slide.shapes.title.text_frame.text, ())
        s.deck.table(more, Box(MARGIN, BODY_TOP + 0.1, 8, height), header, page, widths,
                     size=size, numeric=range(1, len(header)))


def _footnote(s: Slides, slide, text: str) -> None:
    s.deck.text(slide, Box(MARGIN, BODY_BOTTOM - 0.32, WIDTH - 2 * MARGIN, 0.32), [text],
                largest=10, smallest=8, colour=MUTED)
