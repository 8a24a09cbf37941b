"""Slide furniture for the .pptx report: a 16:9 deck, titles, text that fits its box, native
tables that never run off the slide, pictures fitted to a box, speaker notes, CJK fonts.

python-pptx cannot measure text (PowerPoint lays it out when the file opens), so sizes are chosen
from an estimate of each line's width: pessimistic, so a box is never overfilled; what still does
not fit at the smallest size is shortened with an ellipsis rather than left to spill.
"""
from __future__ import annotations

import struct
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

WIDTH, HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.55
BODY_TOP, BODY_BOTTOM = 1.35, 6.85  # under the title, above the footer
INK, ACCENT, MUTED, RED = "1F2A44", "2F6FB0", "5B6680", "B5473A"
BAND, RULE = "F3F5F9", "D5DBE6"
#: Office's own font for English (every PowerPoint has it; LibreOffice maps it to Carlito); the
#: Noto CJK family for Chinese, the font the PDF uses, set as both Latin and East Asian face.
FONTS = {"en": "Calibri", "zh": "Noto Sans CJK SC"}


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


def char_width(ch: str) -> float:
    """Width of a character in ems (upper bound): CJK full width, capitals and digits wide."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch.isupper() or ch.isdigit() or ch in "mwMW%@":
        return 0.66
    return 0.52


def text_width(text: str, size: float) -> float:
    """Estimated width in inches of `text` at `size` points. Between Chinese and Latin characters
    (a date's "2027年3月1日") renderers add a quarter-em space."""
    wide = [char_width(c) == 1.0 for c in text]
    switches = sum(a != b for a, b in pairwise(wide))
    return (sum(char_width(c) for c in text) + 0.25 * switches) * size / 72


def line_count(text: str, width: float, size: float) -> int:
    """Lines `text` wraps to in a box `width` inches wide (wrapping at spaces, or anywhere in CJK)."""
    lines = 0
    for paragraph in text.split("\n"):
        current, count = 0.0, 1
        for word in paragraph.replace("\u00a0", " ").split(" "):
            w = text_width(word + " ", size)
            if current and current + w > width:
                count += 1
                current = 0.0
            while w > width:  # a word longer than the line (CJK runs have no spaces)
                w -= width
                count += 1
            current += w
        lines += count
    return lines


def fit_size(texts: Sequence[str], width: float, height: float, largest: float, smallest: float,
             spacing: float = 1.25, gap: float = 0.4) -> float:
    """The largest size (step 1 pt) at which the paragraphs fit the box; `gap` lines between them."""
    size = largest
    while size > smallest:
        lines = sum(line_count(t, width, size) for t in texts) + gap * (len(texts) - 1)
        if lines * size * spacing / 72 <= height:
            return size
        size -= 1
    return smallest


def shorten(text: str, width: float, size: float, lines: int = 1) -> str:
    """`text` cut with an ellipsis so it takes at most `lines` lines (long names stay readable)."""
    if line_count(text, width, size) <= lines:
        return text
    cut = len(text)
    while cut > 1 and line_count(text[:cut] + "…", width, size) > lines:
        cut -= 1
    return text[:cut].rstrip(" ,;:·-") + "…"


def printable(text: str) -> str:
    """User text as XML can hold it: a lone surrogate (pasted from a broken source) becomes "?"
    instead of failing the whole deck; python-pptx escapes the control characters itself."""
    return text.encode("utf-8", "replace").decode("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    """Pixel size from a PNG header (IHDR), without decoding the image."""
    return struct.unpack(">II", data[16:24])


def style_run(run, lang: str, size: float, *, bold: bool = False, colour: str = INK,
              italic: bool = False) -> None:
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = RGBColor.from_string(colour)
    font.name = FONTS.get(lang, FONTS["en"])
    if lang == "zh":  # PowerPoint draws Chinese with the East Asian face, not the Latin one
        rpr = run._r.get_or_add_rPr()
        if rpr.find(qn("a:ea")) is None:  # schema order: latin, ea, cs
            east, complex_ = (rpr.makeelement(qn(tag), {"typeface": FONTS["zh"]})
                              for tag in ("a:ea", "a:cs"))
            rpr.find(qn("a:latin")).addnext(east)
            east.addnext(complex_)


class Deck:
    """One presentation in one language; `working_copy` lets the content modules add markers."""

    def __init__(self, lang: str, footer: str) -> None:
        self.lang = lang
        self.footer = footer
        self.prs = Presentation()
        self.prs.slide_width = Inches(WIDTH)
        self.prs.slide_height = Inches(HEIGHT)

    # -- slides -------------------------------------------------------------------------------
    def slide(self, title: str, notes: Sequence[str] = (), *, subtitle: str = ""):
        """A "Title Only" slide (the title stays a real title: outline view, accessibility)."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        shape.left, shape.top = Inches(MARGIN), Inches(0.35)
        shape.width, shape.height = Inches(WIDTH - 2 * MARGIN), Inches(0.75)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        size = fit_size([title], WIDTH - 2 * MARGIN - 0.2, 0.7, 30, 18)
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = printable(shorten(title, WIDTH - 2 * MARGIN - 0.2, size))
        style_run(run, self.lang, size, bold=True)
        bar = slide.shapes.add_shape(1, Inches(MARGIN), Inches(1.12), Inches(1.2), Inches(0.06))
        bar.fill.solid()
        bar.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
        bar.line.fill.background()
        if subtitle:
            self.text(slide, Box(MARGIN + 1.4, 1.0, WIDTH - 2 * MARGIN - 1.4, 0.32), [subtitle],
                      largest=13, smallest=10, colour=MUTED)
        self._footer(slide)
        self.notes(slide, notes)
        return slide

    def _footer(self, slide) -> None:
        number = len(self.prs.slides)
        self.text(slide, Box(MARGIN, 7.02, WIDTH - 2 * MARGIN - 0.8, 0.3), [self.footer],
                  largest=10, smallest=8, colour=MUTED)
        self.text(slide, Box(WIDTH - MARGIN - 0.8, 7.02, 0.8, 0.3), [str(number)], largest=10,
                  smallest=10, colour=MUTED, align=PP_ALIGN.RIGHT)

    def notes(self, slide, lines: Sequence[str]) -> None:
        if lines:
            slide.notes_slide.notes_text_frame.text = printable("\n".join(lines))

    # -- content ------------------------------------------------------------------------------
    def text(self, slide, box: Box, paragraphs: Sequence[str], *, largest: float = 20,
             smallest: float = 12, bold: bool = False, colour: str = INK, bullets: bool = False,
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP) -> float:
        """Paragraphs in a box at the largest size that fits; returns the size used."""
        shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width),
                                         Inches(box.height))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.05)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
        inner = box.width - 0.1 - (0.3 if bullets else 0)
        texts = [("• " if bullets else "") + p for p in paragraphs]
        size = fit_size(texts, inner, box.height - 0.06, largest, smallest)
        lines = (box.height - 0.06) * 72 / (size * 1.25)
        fits = sum(line_count(t, inner, size) for t in texts) + 0.4 * (len(texts) - 1) <= lines
        # Shortened only when even the smallest size overflows: then each paragraph gets its share.
        budget = 99 if fits else max(1, int(lines / max(len(texts), 1)))
        for i, text in enumerate(texts):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.alignment = align
            if i:
                paragraph.space_before = Pt(size * 0.4)
            run = paragraph.add_run()
            run.text = printable(shorten(text, inner, size, budget))
            style_run(run, self.lang, size, bold=bold, colour=colour)
        return size

    def picture(self, slide, png: bytes, box: Box) -> None:
        """The chart as large as the box allows, aspect kept, centred in it."""
        import io

        px_w, px_h = png_size(png)
        scale = min(box.width / px_w, box.height / px_h)
        w, h = px_w * scale, px_h * scale
        slide.shapes.add_picture(io.BytesIO(png), Inches(box.left + (box.width - w) / 2),
                                 Inches(box.top + (box.height - h) / 2), Inches(w), Inches(h))

    def table(self, slide, box: Box, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, size: float = 12, numeric: Sequence[int] = (),
              marks: Sequence[int] = (), alerts: Collection[tuple[int, int]] = ()) -> None:
        """A native table; `widths` are shares of the box width, `numeric` columns align right,
        `marks` rows are drawn bold (the key pains), `alerts` cells (row, column) in red bold
        (a score below the red-light line). Cells are shortened to two lines so the
        table's height is known: table_rows_that_fit() chose `rows` for this box."""
        columns = column_widths(header, widths, box.width, size, rows)
        height = row_height(size) * (len(rows) + 1)
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(box.left),
                                       Inches(box.top), Inches(box.width), Inches(height))
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for i, width in enumerate(columns):
            table.columns[i].width = Emu(int(Inches(width)))
        table.rows[0].height = Emu(int(Inches(row_height(size - 1, header_lines(header, columns, size)))))
        for r in range(1, len(rows) + 1):
            table.rows[r].height = Emu(int(Inches(row_height(size, cell_lines(
                rows[r - 1], columns, size)))))
        for r, values in enumerate([list(header), *[list(row) for row in rows]]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.06)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(
                    INK if r == 0 else (BAND if r % 2 == 0 else "FFFFFF"))
                frame = cell.text_frame
                frame.word_wrap = True
                paragraph = frame.paragraphs[0]
                paragraph.alignment = PP_ALIGN.RIGHT if c in numeric else PP_ALIGN.LEFT
                run = paragraph.add_run()
                # The header a point smaller, up to three lines: block names stay whole words.
                cell_size = size - 1 if r == 0 else size
                run.text = printable(shorten(str(value), columns[c] - 0.14, cell_size,
                                             3 if r == 0 else 2))
                alert = r > 0 and (r - 1, c) in alerts
                style_run(run, self.lang, cell_size, bold=r == 0 or (r - 1) in marks or alert,
                          colour="FFFFFF" if r == 0 else RED if alert else INK)


def cell_lines(row: Sequence[str], columns: Sequence[float], size: float) -> int:
    return max(min(2, line_count(str(v), w - 0.14, size)) for v, w in zip(row, columns, strict=True))


def header_lines(header: Sequence[str], columns: Sequence[float], size: float) -> int:
    return max(min(3, line_count(str(v), w - 0.14, size - 1)) for v, w in zip(header, columns, strict=True))


def row_height(size: float, lines: int = 1) -> float:
    return (lines * size * 1.2 + 8) / 72


def column_widths(header: Sequence[str], widths: Sequence[float], total_width: float,
                  size: float, rows: Sequence[Sequence[str]] = ()) -> list[float]:
    """Column widths in inches from shares, widened where a header word would not fit whole
    ("Organisational" broken as "Organisatio-nal") or a short cell would wrap (a date), the room
    taken from columns with room to spare."""
    columns = [total_width * w / sum(widths) for w in widths]
    need = [max([text_width(word, size - 1) * 1.1 for word in str(h).split()]
                + [text_width(str(row[c]), size) for row in rows if len(str(row[c])) <= 14],
                default=0) + 0.16
            for c, h in enumerate(header)]
    missing = sum(max(0.0, n - c) for n, c in zip(need, columns, strict=True))
    spare = [max(0.0, c - n) for c, n in zip(columns, need, strict=True)]
    if not missing or sum(spare) < missing:
        return columns
    return [n if n > c else c - sp / sum(spare) * missing
            for c, n, sp in zip(columns, need, spare, strict=True)]


def table_pages(rows: Sequence[Sequence[str]], box: Box, widths: Sequence[float],
                size: float, header: Sequence[str] = ()) -> list[list[Sequence[str]]]:
    """Rows split into pages that each fit `box` (header row included): a long roadmap continues
    on the next slide instead of running off this one."""
    columns = (column_widths(header, widths, box.width, size, rows) if header
               else [box.width * w / sum(widths) for w in widths])
    pages: list[list[Sequence[str]]] = [[]]
    head = row_height(size - 1, 3)
    used = head
    for row in rows:
        h = row_height(size, cell_lines(row, columns, size))
        if pages[-1] and used + h > box.height:
            pages.append([])
            used = head
        pages[-1].append(row)
        used += h
    return pages


def fit_pages(rows: Sequence[Sequence[str]], box: Box, widths: Sequence[float],
              header: Sequence[str], size: float, shrink: int = 2) -> tuple[float, list]:
    """Up to `shrink` points smaller rather than a continuation slide; at full size when even the
    smallest needs more than one slide."""
    for smaller in [size - step for step in range(shrink + 1)]:
        pages = table_pages(rows, box, widths, smaller, header)
        if len(pages) == 1:
            return smaller, pages
    return size, table_pages(rows, box, widths, size, header)
