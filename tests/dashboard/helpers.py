"""Shared helpers of the dashboard tests (test_dashboard_*.py): reading figures and test ids
out of the page, the engine's expected numbers on a subset, the demo's departments."""
from __future__ import annotations

import csv
import io
import json
import re

import sqlalchemy as sa

from readiness.engagements.assessment import department_inputs, pain_inputs
from readiness.engagements.models import Engagement
from readiness.engagements.scores import block_sums, respondent_inputs
from readiness.extensions import db
from readiness.method.assess import assess
from readiness.method.types import EngagementFacts
from readiness.respondents.models import Answer

URLS = ("/engagements/{id}/dashboard", "/engagements/{id}/export.csv",
        "/engagements/{id}/export.xlsx")


def _figure(page: str, name: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{name}-data">(.*?)</script>', page,
                      re.S)
    assert match, f"no {name} figure"
    return json.loads(match.group(1))


def _testid(page: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', page)
    assert match, name
    return match.group(1).strip()


def _expected(engagement: Engagement, department_id=None, role=None):
    """The engine on the subset, computed here without the dashboard's queries."""
    questionnaire = engagement.questionnaire_version.parsed()
    people = [r for r in respondent_inputs(engagement)
              if department_id in (None, r.department_id) and role in (None, r.role)]
    ids = {r.id for r in people}
    customer_items = [i.id for i in questionnaire.items() if i.customer_input]
    levels = db.session.scalars(sa.select(Answer.level).where(
        Answer.respondent_id.in_(ids), Answer.item_id.in_(customer_items),
        Answer.level.isnot(None))).all()
    facts = EngagementFacts(engagement.sponsor_name, engagement.sponsor_hours_per_month,
                            tuple(m.side for m in engagement.team),
                            sum(levels) / len(levels) if levels else None)
    departments = [d for d in department_inputs(engagement) if department_id in (None, d.id)]
    return assess(questionnaire, people, block_sums(engagement, questionnaire), departments,
                  pain_inputs(engagement), facts)


def _csv_rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
