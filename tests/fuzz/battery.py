"""The fuzz battery (issue 11): every form and JSON endpoint of app.url_map, as one role, with
naughty strings, hostile JSON and bad encodings. It asserts what a person would notice: no 500,
nothing stored when a request was refused, and stored strings never reach a page, an export or
the PDF unescaped. Used by tests/fuzz/test_fuzz.py (short) and bench/fuzz.py (every string)."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms.fields.core import UnboundField

from readiness.extensions import db

from . import strings

#: Endpoints the battery leaves alone: logging out ends the role's session; static files.
SKIP = {"auth.logout", "static", "engagements.plotly_js"}
#: JSON endpoints (they also take forms); the rest are form endpoints.
JSON_ENDPOINTS = {"respond.answer", "workshop.answer", "workshop.submit_pain", "workshop.vote",
                  "workshop.control"}
#: Field names the app reads from request.form / JSON without a form class.
RAW_FIELDS = ["lang", "go", "action", "level", "item_id", "title", "scenario", "affected_party",
              "pain_id", "vote", "confirm", "active", "next", "confidence", "evidence",
              "department", "status", "page", "v", "job", "field", "value", "target"]
#: Unescaped markup from the lists: if a page holds one of these, a stored string got out raw.
RAW_MARKERS = re.compile(r"<script>alert|<img src=x onerror|<svg onload|<svg><script|"
                         r"</textarea><script|onfocus=alert\(document\.title\) autofocus\s*>")
FORMULA = ("=", "+", "@")
#: Valid values for the fields that choose (roles, levels, dates, ids): the battery's second kind
#: of case keeps these and puts naughty text in every other field, so the text gets stored and
#: the read-back can check it is escaped wherever it is shown.
CHOICES = {"role": "manager", "lang": "en", "level": "3", "confidence": "medium", "go": "next",
           "votes": "3", "start_date": "2027-03-01", "start": "2027-04-01", "severity": "3",
           "frequency": "3", "affected_party": "customer", "current_level": "1", "active": "1",
           "cap": "2", "confirm": "", "discard_edits": "", "revert": "", "vote": "true",
           "fit": "yes", "level_cap": "", "status": "", "page": "1", "action": "ask",
           "email": "fuzz.person@example.com", "sponsor_hours_per_month": "4", "item_id": "B1.1"}


class NoReportWorker:
    """Stands in for the report worker's pool: a report the battery starts is queued and never
    rendered (the battery tests what requests do; rendering has its own tests and bench)."""

    def submit(self, *args, **kwargs):
        return None


def form_fields() -> list[str]:
    """Every field name of every form class of the app, and the raw names."""
    names: set[str] = set(RAW_FIELDS)
    pending = list(FlaskForm.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("readiness."):
            for klass in cls.__mro__:
                names.update(k for k, v in vars(klass).items() if isinstance(v, UnboundField))
    return sorted(names)


@dataclass
class Result:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.cases += other.cases
        self.statuses.update(other.statuses)
        self.problems.extend(other.problems)


class Battery:
    """One role's run: `client` holds the role's session, `csrf` a token valid for it, `ids` the
    values for the URL rules' variables (engagement_id, token, code, ...)."""

    def __init__(self, app, client, csrf: str | None, ids: dict[str, Any], per_endpoint: int,
                 offset: int = 0):
        self.app, self.client, self.csrf, self.ids = app, client, csrf, ids
        self.per_endpoint, self.offset = per_endpoint, offset
        self.strings = strings.naughty()
        self.fields = form_fields()
        self.result = Result()

    # Helpers -------------------------------------------------------------------------------------

    def _url(self, rule, **override) -> str | None:
        values = {}
        for name in rule.arguments:
            if name in override:
                values[name] = override[name]
            elif name in self.ids:
                values[name] = self.ids[name]
            else:
                return None
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<(?:[^:>]+(?:\([^)]*\))?:)?{name}>", str(value), path)
        return path

    def _counts(self) -> tuple[int, ...]:
        with self.app.app_context():
            tables = db.metadata.sorted_tables
            counts = db.session.execute(sa.select(*[
                sa.select(sa.func.count()).select_from(t).scalar_subquery() for t in tables])).one()
            db.session.remove()
        return tuple(counts)

    def _string(self, n: int) -> str:
        return self.strings[(self.offset + n) % len(self.strings)]

    def _check(self, label: str, response, before: tuple[int, ...] | None) -> None:
        self.result.cases += 1
        self.result.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.result.problems.append(f"{label}: {response.status_code}")
        elif before is not None and response.status_code >= 400 and self._counts() != before:
            self.result.problems.append(f"{label}: refused ({response.status_code}) but stored")
        if response.mimetype == "text/html" and RAW_MARKERS.search(response.get_data(as_text=True)):
            self.result.problems.append(f"{label}: raw markup in the page")

    def _send(self, label: str, method: str, url: str, **kwargs) -> None:
        before = self._counts() if method == "POST" else None
        response = self.client.open(url, method=method, **kwargs)
        self._check(label, response, before)

    # The battery ---------------------------------------------------------------------------------

    def run(self) -> Result:
        rules = [r for r in self.app.url_map.iter_rules() if r.endpoint not in SKIP]
        for rule in rules:
            if "POST" in rule.methods:
                self._post(rule)
            if "GET" in rule.methods:
                self._get(rule)
        self._read_back(rules)
        return self.result

    def _post(self, rule) -> None:
        url = self._url(rule)
        if url is None:
            return
        for n in range(self.per_endpoint):
            base = n * len(self.fields)
            data = {f: self._string(base + i) for i, f in enumerate(self.fields)}
            if n % 2:  # every other case: valid choices, naughty text only where text goes
                data.update(CHOICES, department_id=self.ids["row_id"],
                            department=self.ids["row_id"], pain_id=self.ids["pain_id"],
                            questionnaire_version_id=self.ids.get("version_id", 1))
            if self.csrf:
                data["csrf_token"] = self.csrf
            self._send(f"POST {rule.endpoint} form#{n}", "POST", url, data=data)
        headers = {"X-CSRFToken": self.csrf} if self.csrf else {}
        if rule.endpoint in JSON_ENDPOINTS:
            for n, value in enumerate(strings.JSON_VALUES):
                body = {f: value for f in ("item_id", "level", "confidence", "evidence", "title",
                                           "scenario", "affected_party", "pain_id", "vote",
                                           "action", "votes", "confirm")}
                self._send(f"POST {rule.endpoint} json#{n}", "POST", url, json=body,
                           headers=headers)
            for n in range(self.per_endpoint):
                body = {"item_id": "B1.1", "level": 3, "evidence": self._string(n),
                        "action": ("ask", "next", "set_votes")[n % 3], "votes": self._string(n),
                        "title": self._string(n + 1), "scenario": self._string(n + 2),
                        "pain_id": self._string(n + 3)}
                self._send(f"POST {rule.endpoint} json-text#{n}", "POST", url, json=body,
                           headers=headers)
            for n, raw in enumerate(strings.RAW_JSON):
                self._send(f"POST {rule.endpoint} raw-json#{n}", "POST", url, data=raw,
                           content_type="application/json", headers=headers)
        for n, raw in enumerate(strings.RAW_FORMS):
            token = f"&csrf_token={self.csrf}".encode() if self.csrf else b""
            self._send(f"POST {rule.endpoint} raw-form#{n}", "POST", url, data=raw + token,
                       content_type="application/x-www-form-urlencoded")
        if rule.endpoint == "respondents.import_csv":
            for n, upload in enumerate(strings.UPLOADS):
                self._send(f"POST {rule.endpoint} upload#{n}", "POST", url,
                           data={"csv_file": (io.BytesIO(upload), "x.csv"), "csv_text": "",
                                 "csrf_token": self.csrf or ""},
                           content_type="multipart/form-data")

    def _get(self, rule) -> None:
        # Variables a client chooses freely get naughty values; ids keep theirs (tests/edge).
        free = {name: self._string(7) for name in rule.arguments if name in ("job_id",)}
        url = self._url(rule, **free)
        if url is None:
            return
        for n in range(max(1, self.per_endpoint // 2)):
            query = {f: self._string(n * 11 + i) for i, f in enumerate(
                ("next", "job", "department", "status", "page", "v", "lang", "imported",
                 "shown"))}
            self._send(f"GET {rule.endpoint} query#{n}", "GET", url, query_string=query)

    def _read_back(self, rules) -> None:
        """Every page and export again, after the battery stored what it could: escaped."""
        for rule in rules:
            if "GET" not in rule.methods:
                continue
            url = self._url(rule, job_id="x")
            if url is None:
                continue
            response = self.client.get(url)
            self._check(f"GET {rule.endpoint} read-back", response, None)
            if rule.endpoint == "dashboard.export_csv" and response.status_code == 200:
                for row in csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))):
                    bad = [cell for cell in row if cell.startswith(FORMULA)]
                    if bad:
                        self.result.problems.append(f"CSV export: formula cell {bad[0][:40]!r}")
            if rule.endpoint == "dashboard.export_xlsx" and response.status_code == 200:
                from openpyxl import load_workbook

                try:
                    load_workbook(io.BytesIO(response.get_data()), read_only=True)
                except Exception as exc:  # a corrupt workbook is the finding
                    self.result.problems.append(f"XLSX export does not open: {exc!r}")
