"""Read the invitation CSV (name, email, role, department). Pure: no database, no request.

Rows are numbered as a spreadsheet shows them (the header is row 1), so "row 4" is the line the
consultant fixes in Excel. A bad row never costs the good ones: every row is judged on its own.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from ..errors import DomainError
from .messages import message
from .models import RESPONDENT_ROLES

COLUMNS = ("name", "email", "role", "department")
MAX_LENGTH = {"name": 120, "email": 254, "role": 40, "department": 120}
MAX_ROWS = 10_000
DELIMITERS = (",", ";", "\t")

HEADER_ALIASES = {
    "name": "name", "full name": "name", "姓名": "name", "名字": "name",
    "email": "email", "e-mail": "email", "e mail": "email", "mail": "email", "邮箱": "email",
    "电子邮箱": "email", "电子邮件": "email",
    "role": "role", "角色": "role",
    "department": "department", "dept": "department", "部门": "department",
}

ROLE_ALIASES = {
    "executive": "executive", "executives": "executive", "exec": "executive", "高管": "executive",
    "manager": "manager", "managers": "manager", "middle manager": "manager", "经理": "manager",
    "front line": "front_line", "frontline": "front_line", "front line staff": "front_line",
    "一线": "front_line", "一线员工": "front_line",
    "it": "it", "information technology": "it", "it staff": "it", "信息技术": "it",
    "other": "other", "其他": "other",
}


def clean(value: str) -> str:
    """Trim and collapse inner whitespace."""
    return " ".join(value.split())


def normalise_name(value: str) -> str:
    """Key for case-insensitive matching of department names."""
    return clean(value).casefold()


def normalise_role(value: str) -> str | None:
    """executive / manager / front_line / it / other from a code or a friendly form."""
    key = clean(value.replace("_", " ").replace("-", " ")).casefold()
    role = ROLE_ALIASES.get(key)
    return role if role in RESPONDENT_ROLES else None


class CsvError(DomainError):
    """The whole text is unusable (no header, not UTF-8, too many rows); words in messages.py."""


@dataclass
class RowError:
    """One rejected row: a "row-..." code of messages.py and what its message names."""

    row: int
    code: str
    params: dict = field(default_factory=dict)

    def message(self) -> str:
        p = dict(self.params, row=self.row)
        if "value" in p and len(p["value"]) > 60:
            p["value"] = p["value"][:57] + "..."
        return message(self.code, **p)


@dataclass(frozen=True)
class NewRespondent:
    row: int
    name: str
    email: str
    role: str
    department_id: int | None


@dataclass
class ParseResult:
    rows: list[NewRespondent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: The header and the rejected rows as CSV, for the consultant to fix and paste again.
    rejected_csv: str = ""

    @property
    def rejected(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def added(self) -> int:
        return len(self.rows)


def decode(data: bytes) -> str:
    """Uploaded bytes to text: UTF-8 with or without BOM, or UTF-16 (Excel "Unicode text").
    Bytes that are neither (an odd-length UTF-16 file, a lone surrogate, Latin-1) are one clear
    refusal, never a UnicodeDecodeError."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError("encoding") from None


def _reader_error(row: int, exc: csv.Error) -> CsvError:
    """csv's own words are English and name its internals: the two causes people meet get a
    message of their own."""
    if "field larger than field limit" in str(exc):
        return CsvError("field-too-long", row=row, max=csv.field_size_limit())
    return CsvError("unreadable-row", row=row)


def _header_fields(line: str, delimiter: str) -> list[str | None]:
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as exc:
        raise _reader_error(1, exc) from None
    return [HEADER_ALIASES.get(clean(c.strip('"\'')).casefold()) for c in cells]


def sniff(header_line: str) -> str:
    """The separator that makes the header name the most known columns (Excel in many European
    locales writes ';', "Unicode text" writes tabs)."""
    def score(d: str) -> tuple[int, int]:
        return (len(set(_header_fields(header_line, d)) & set(COLUMNS)), header_line.count(d))
    return max(DELIMITERS, key=score)


def _check_row(row: int, values: dict[str, str], departments: Mapping[str, int],
               errors: list[RowError]) -> NewRespondent | None:
    before = len(errors)
    for column in ("name", "role"):
        if not values[column]:
            errors.append(RowError(row, "row-missing", {"column": column}))
    for column, limit in MAX_LENGTH.items():
        if len(values[column]) > limit:
            errors.append(RowError(row, "row-too-long", {"column": column, "max": limit}))
    email = values["email"]
    if email and len(email) <= MAX_LENGTH["email"]:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            errors.append(RowError(row, "row-bad-email", {"value": email}))
    role = normalise_role(values["role"]) if values["role"] else None
    if values["role"] and role is None and len(values["role"]) <= MAX_LENGTH["role"]:
        errors.append(RowError(row, "row-unknown-role", {"value": values["role"]}))
    department_id = None
    if values["department"]:
        department_id = departments.get(normalise_name(values["department"]))
        if department_id is None and len(values["department"]) <= MAX_LENGTH["department"]:
            errors.append(RowError(row, "row-unknown-department", {"value": values["department"]}))
    if len(errors) > before or role is None:  # no role is an error above
        return None
    return NewRespondent(row, values["name"], email, role, department_id)


def parse_csv(text: str, departments: Mapping[str, int],
              existing_emails: Iterable[str] = ()) -> ParseResult:
    """Judge every row. `departments` maps normalise_name(name) -> id for this engagement;
    `existing_emails` are the engagement's respondents' addresses (any case)."""
    text = text.lstrip("\ufeff")
    header_line = next((line for line in text.splitlines() if line.strip()), None)
    if header_line is None:
        raise CsvError("empty")
    delimiter = sniff(header_line)
    fields = _header_fields(header_line, delimiter)
    missing = [c for c in COLUMNS if c not in fields]
    if missing:
        raise CsvError("header", missing=", ".join(missing))

    known = {e.casefold() for e in existing_emails if e}
    first_seen: dict[str, int] = {}
    result = ParseResult()
    rejected = io.StringIO()
    writer = csv.writer(rejected, delimiter=delimiter, lineterminator="\n")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header_seen = False
    data_rows = 0
    while True:
        row = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _reader_error(row, exc) from None
        if not any(cell.strip() for cell in record):
            continue  # blank line
        if not header_seen:
            header_seen = True
            writer.writerow(record)
            continue
        data_rows += 1
        if data_rows > MAX_ROWS:
            raise CsvError("too-many", max=MAX_ROWS)
        before = len(result.errors)
        extra = record[len(fields):]
        if len(record) < len(fields) or any(cell.strip() for cell in extra):
            result.errors.append(RowError(row, "row-columns", {"found": len(record),
                                                           "expected": len(fields)}))
        else:
            values = {c: "" for c in COLUMNS}
            for column, cell in zip(fields, record, strict=False):
                if column:
                    values[column] = clean(cell)
            new = _check_row(row, values, departments, result.errors)
            if new is not None and new.email:
                key = new.email.casefold()
                if key in known:
                    result.errors.append(RowError(row, "row-duplicate-email", {"value": new.email}))
                elif key in first_seen:
                    result.errors.append(RowError(row, "row-duplicate-in-file",
                                                  {"value": new.email, "first": first_seen[key]}))
                else:
                    first_seen[key] = row
            if new is not None and len(result.errors) == before:
                result.rows.append(new)
        if len(result.errors) > before:
            writer.writerow(record)
    if result.errors:
        result.rejected_csv = rejected.getvalue()
    return result
