"""Export of every answer of an engagement's non-revoked respondents, as CSV (streamed) or XLSX.

Respondents appear by id, never by name or email (individual answers stay anonymous). Text cells
that a spreadsheet would run as a formula are prefixed with a single quote.
"""
from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator
from itertools import groupby

import sqlalchemy as sa

from ..engagements.models import Department, Engagement
from ..engagements.scores import respondent_scope
from ..extensions import db
from ..respondents.models import Answer, Respondent

HEADER = ("respondent_id", "department", "role", "block", "item_id", "item_text", "level",
          "dont_know", "confidence", "evidence")
#: OWASP "CSV injection": cells starting with these are formulas (tab and CR too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 2000


def safe_cell(value):
    """Text that would start a formula gets a leading single quote; other values pass as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def answer_rows(engagement: Engagement) -> Iterator[tuple]:
    """One tuple per answer (HEADER order), respondent by respondent, items in questionnaire order.
    One query, read in batches: a 10,000-respondent engagement never loads 480,000 objects.

    Everything taken from the engagement object is read now, so the rows can be streamed after
    the view has returned."""
    questionnaire = engagement.questionnaire_version.parsed()
    position: dict[str, int] = {}
    texts: dict[str, str] = {}
    for block in questionnaire.blocks:
        for item in block.items:
            position[item.id] = len(position)
            texts[item.id] = item.text.en
    query = (
        sa.select(Answer.respondent_id, Department.name, Respondent.role, Answer.block_id,
                  Answer.item_id, Answer.level, Answer.confidence, Answer.evidence)
        .join(Respondent, Respondent.id == Answer.respondent_id)
        .outerjoin(Department, Department.id == Respondent.department_id)
        .where(*respondent_scope(engagement))  # the current wave's counted respondents
        .order_by(Answer.respondent_id)
    )

    def rows() -> Iterator[tuple]:
        result = db.session.execute(query, execution_options={"yield_per": BATCH})
        last = len(position)
        for _, answers in groupby(result, key=lambda row: row[0]):
            for rid, department, role, block_id, item_id, level, confidence, evidence in sorted(
                    answers, key=lambda row: position.get(row[4], last)):
                yield (rid, department or "", role, block_id, item_id, texts.get(item_id, ""),
                       level, "yes" if level is None else "no", confidence, evidence or "")

    return rows()


def csv_chunks(engagement: Engagement) -> Iterator[str]:
    """The CSV in chunks: UTF-8 byte order mark first (Excel then reads Chinese correctly)."""
    rows = answer_rows(engagement)

    def chunks() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(HEADER)
        for count, row in enumerate(rows, 1):
            writer.writerow([safe_cell(v) for v in row])
            if count % BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return chunks()


#: What XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): control characters but tab, CR and
#: LF; lone surrogates; U+FFFE and U+FFFF. openpyxl's ILLEGAL_CHARACTERS_RE misses the last three,
#: and a workbook holding one of them is a file Excel calls corrupt.
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` with every character XML forbids replaced by U+FFFD (shown, not silently lost)."""
    return XML_FORBIDDEN.sub("\ufffd", value)


def xlsx_file(engagement: Engagement) -> tempfile.SpooledTemporaryFile:
    """The same rows as the CSV in one worksheet (write-only mode: rows are not kept in memory)."""
    # Lazy: openpyxl takes ~1 s to import and only this download needs it.
    from openpyxl import Workbook

    def cell(value):
        value = safe_cell(value)
        return xml_text(value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("answers")
    sheet.append([cell(v) for v in HEADER])
    for row in answer_rows(engagement):
        sheet.append([cell(v) for v in row])
    # Handed to send_file, which closes it after the response: no `with` here.
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    return out
