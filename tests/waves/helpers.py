"""Shared helpers of the wave tests: an engagement whose wave 1 is answered, starting a wave
through the confirm page, and the respondents of each wave."""
from __future__ import annotations

import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Respondent
from tests.helpers import csrf_token
from tests.respondents.helpers import _answer, add_respondent

#: Items of the walk prerequisite blocks (B4, B5, B6) and of B1.
ITEMS = {"B1": ["B1.1", "B1.2"], "B4": ["B4.1", "B4.2"], "B5": ["B5.1", "B5.2"],
         "B6": ["B6.1", "B6.2"]}


def answer_all(app, respondent_id, level, blocks=("B1", "B4", "B5", "B6")):
    _answer(app, respondent_id, {i: level for b in blocks for i in ITEMS[b]})


def answered_wave_one(app, eng, levels=(2, 2, 3)):
    """Three Sales respondents (a manager and two front-line) who answered at these levels."""
    people = []
    for i, level in enumerate(levels):
        role = "manager" if i == 0 else "front_line"
        r = add_respondent(app, eng.id, f"Person {i}", role, eng.departments["Sales"],
                           email=f"p{i}@example.com")
        answer_all(app, r.id, level)
        people.append(r)
    return people


def start_wave(client, engagement_id, version_id=None, confirm=True):
    page = client.get(f"/engagements/{engagement_id}/waves/start")
    data = {"csrf_token": csrf_token(page.text)}
    if confirm:
        data["confirm"] = "y"
    if version_id is None:
        import re
        version_id = re.search(r'<option selected value="(\d+)"|<option value="(\d+)" selected',
                               page.text)
        version_id = next(g for g in version_id.groups() if g)
    data["questionnaire_version_id"] = version_id
    return client.post(f"/engagements/{engagement_id}/waves/start", data=data)


def wave_rows(app, engagement_id, number):
    with app.app_context():
        rows = db.session.scalars(sa.select(Respondent).where(
            Respondent.engagement_id == engagement_id, Respondent.wave == number)
            .order_by(Respondent.id)).all()
        return [(r.id, r.name, r.email, r.token, r.status) for r in rows]
