"""Shared helpers of the respondent questionnaire tests (test_respond_*.py): a respondent,
saving answers and reading them back."""
from __future__ import annotations

import sqlalchemy as sa

from readiness.extensions import db
from readiness.respondents.models import Answer, RespondentBlock
from tests.helpers import csrf_token

B1 = ["B1.1", "B1.2", "B1.3", "B1.4", "B1.5", "B1.6"]


def token_of(client, url):
    return csrf_token(client.get(url).text)


def save(client, token, body, csrf=None):
    csrf = csrf or token_of(client, f"/r/{token}/block/1")
    return client.post(f"/r/{token}/answer", json=body, headers={"X-CSRFToken": csrf})


def answers(app, respondent_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent_id)
                                  .order_by(Answer.item_id))
        return {a.item_id: (a.level, a.confidence, a.evidence) for a in rows}


def sums(app, respondent_id):
    with app.app_context():
        rows = db.session.execute(sa.select(
            RespondentBlock.block_id, RespondentBlock.weighted_sum, RespondentBlock.weight_total,
            RespondentBlock.answered, RespondentBlock.dont_know)
            .where(RespondentBlock.respondent_id == respondent_id)
            .order_by(RespondentBlock.block_id))
        return [tuple(r) for r in rows]


def page_form(block_items, levels, confidence="medium", evidence=None, go="next", csrf=""):
    data = {"csrf_token": csrf, "go": go}
    for item_id in block_items:
        if item_id in levels:
            data[f"level-{item_id}"] = levels[item_id]
        data[f"confidence-{item_id}"] = confidence
        data[f"evidence-{item_id}"] = (evidence or {}).get(item_id, "")
    return data
