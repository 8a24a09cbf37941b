"""The demo's second wave (R-WAVE-1..3): six months on, part of the respondents answer again.

The story: phase 0 worked on change leadership and processes, so Organisational collaboration,
Processes and Information rise in most departments; Technology stays where it was; and Corporate
Accounts, busy with year-end gifting, slipped a little. Two thirds of the people answer (the
others ignore the reminder), so some cells are thinner than in wave 1.
"""
from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..auth.models import User
from ..engagements.models import Engagement
from ..extensions import db
from ..respondents.models import Answer, Respondent
from ..respondents.services import refresh_block_sums
from ..waves.rounds import start_wave
from . import data

SEED = 20270614
STARTED = datetime(2027, 6, 14, 9, 0, tzinfo=UTC)
#: Change in mean maturity (1-5 scale) per department and block since wave 1.
PROGRESS = {
    "Store Operations": {"B4": 1.5, "B5": 1.6, "B6": 1.6, "B1": 0.5, "B2": 0.6},
    "Membership & Marketing": {"B4": 1.2, "B5": 1.4, "B6": 1.5, "B8": 0.6},
    "Corporate Accounts": {"B4": -0.4, "B6": -0.3},
    "Customer Service": {"B8": 0.7, "B5": 0.6, "B4": 0.5, "B6": 1.2},
}
#: How many of each department's six respondents answer wave 2.
ANSWERING = 4


def add_second_wave(engagement: Engagement, consultant: User,
                    draw: Any) -> None:
    """Start wave 2 as a consultant would, then let two thirds of the respondents answer it.
    `draw(rng, base, role, block_id)` is the demo's answer model (services._draw_answer)."""
    wave = start_wave(engagement, engagement.questionnaire_version_id, consultant)
    wave.started_at = STARTED
    questionnaire = engagement.questionnaire_version.parsed()
    names = {d.id: d.name for d in engagement.departments}
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    answering: dict[str, int] = {}
    people = db.session.scalars(sa.select(Respondent).where(
        Respondent.engagement_id == engagement.id, Respondent.wave == wave.number)
        .order_by(Respondent.id))
    for respondent in people:
        department = names.get(respondent.department_id or 0, "")
        if answering.get(department, 0) >= ANSWERING:
            continue  # did not answer (yet): stays invited
        answering[department] = answering.get(department, 0) + 1
        respondent.status, respondent.completed_at = "completed", STARTED
        profile = {b: v + PROGRESS.get(department, {}).get(b, 0.0)
                   for b, v in data.PROFILES[department].items()}
        for block in questionnaire.blocks:
            for item in block.items:
                level, confidence = draw(rng, profile[block.id], respondent.role, block.id)
                rows.append(dict(respondent_id=respondent.id,
                                 questionnaire_version_id=engagement.questionnaire_version_id,
                                 item_id=item.id, block_id=block.id, weight=item.weight,
                                 level=level, confidence=confidence, evidence=""))
    db.session.execute(sa.insert(Answer), rows)
    refresh_block_sums({r["respondent_id"] for r in rows}, questionnaire)
    db.session.flush()
