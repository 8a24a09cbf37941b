"""Create the demo engagement once; a second run keeps existing data."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..auth.models import Role, User
from ..auth.services import create_user
from ..engagements.models import Asset, Department, Engagement, TeamMember
from ..extensions import db
from ..pains.models import PainPoint
from ..questionnaires.services import load_builtin
from ..respondents.models import Answer, Respondent
from ..respondents.services import refresh_block_sums
from . import data
from .tracking import load_demo_tracking
from .waves import add_second_wave

SEED = 20261123  # fixed: the demo is the same on every machine


@dataclass(frozen=True)
class DemoResult:
    created: bool
    engagement_id: int
    email: str
    password: str | None


def _draw_answer(rng: random.Random, base: float, role: str, block_id: str) -> tuple[int | None, str]:
    """One plausible answer: the department's profile, the role's bias, personal noise."""
    unsure = 0.22 if role == "front_line" and block_id in ("B2", "B8") else 0.05
    if rng.random() < unsure:
        return None, "low"
    value = base + data.ROLE_BIAS[role].get(block_id, 0.0) + rng.gauss(0, 0.65)
    confidence = rng.choices(["low", "medium", "high"], weights=[1, 3, 4])[0]
    return max(1, min(5, round(value))), confidence


def load_demo(tracking: bool = True, second_wave: bool = False) -> DemoResult:
    """`tracking`: keep the roadmap and record its progress (readiness/demo/tracking.py);
    `second_wave` adds a reassessment wave answered by part of the respondents (`readiness demo`
    does; the tests' shared demo database stays one wave)."""
    consultant = db.session.scalar(sa.select(User).where(User.email == data.CONSULTANT_EMAIL))
    password = None
    if consultant is None:
        consultant, password = create_user(
            data.CONSULTANT_EMAIL, data.CONSULTANT_NAME, role=Role.CONSULTANT,
            title=data.CONSULTANT_TITLE, organisation=data.CONSULTANT_ORGANISATION)
    existing = db.session.scalar(sa.select(Engagement).where(Engagement.client == data.CLIENT))
    if existing is not None:
        return DemoResult(False, existing.id, consultant.email, password)

    version = load_builtin()
    questionnaire = version.parsed()
    engagement = Engagement(
        owner=consultant, client=data.CLIENT, sector=data.SECTOR, sponsor_name="Helen Park (COO)",
        sponsor_hours_per_month=4, start_date=date(2027, 1, 11), questionnaire_version=version)
    db.session.add(engagement)
    departments = {}
    for name, today, fit, cap, reason in data.DEPARTMENTS:
        departments[name] = Department(name=name, current_level=today, fit_answers=fit,
                                       level_cap=cap, cap_reason=reason)
        engagement.departments.append(departments[name])
    engagement.team = [TeamMember(name=n, side=s, role=r) for n, s, r in data.TEAM]
    engagement.assets = [Asset(name=n, kind=k, description=d) for n, k, d in data.ASSETS]
    db.session.flush()

    rng = random.Random(SEED)
    items = [(block.id, item) for block in questionnaire.blocks for item in block.items]
    answers: list[dict[str, Any]] = []
    for department_name, people in data.RESPONDENTS.items():
        profile = data.PROFILES[department_name]
        for person, role in people:
            respondent = Respondent(
                engagement_id=engagement.id, department_id=departments[department_name].id,
                name=person, email=person.lower().replace(" ", ".") + "@northwind.example",
                role=role, status="completed")
            db.session.add(respondent)
            db.session.flush()
            for block_id, item in items:
                level, confidence = _draw_answer(rng, profile[block_id], role, block_id)
                answers.append(dict(
                    respondent_id=respondent.id, questionnaire_version_id=version.id,
                    item_id=item.id, block_id=block_id, weight=item.weight, level=level,
                    confidence=confidence,
                    evidence=data.EVIDENCE.get(item.id, "") if role == "manager" else ""))
    db.session.execute(sa.insert(Answer), answers)
    refresh_block_sums({a["respondent_id"] for a in answers}, questionnaire)

    for title, scenario, party, blocks, dept, severity, frequency, impact, owner, votes in data.PAINS:
        db.session.add(PainPoint(
            engagement_id=engagement.id, department_id=departments[dept].id, title=title,
            scenario=scenario, affected_party=party, blocks=blocks, severity=severity,
            frequency=frequency, business_impact=impact, owner=owner, votes=votes))
    db.session.flush()
    if tracking:
        load_demo_tracking(engagement, consultant)
    if second_wave:
        add_second_wave(engagement, consultant, _draw_answer)
    return DemoResult(True, engagement.id, consultant.email, password)
