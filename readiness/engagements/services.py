"""Engagement set-up and sharing: plain functions on models (routes validate forms, call these,
commit). The method's inputs and the assessment are gathered in .assessment."""
from __future__ import annotations

import logging

import sqlalchemy as sa

from ..auth.models import User
from ..errors import DomainError
from ..extensions import db
from ..method.definition import Questionnaire
from ..method.levels import needed_level
from ..pains.models import PainPoint
from ..questionnaires.models import QuestionnaireVersion
from ..respondents.models import Answer, Respondent
from .access import sees_every_engagement
from .models import Asset, Department, Engagement, EngagementAccess, TeamMember

logger = logging.getLogger(__name__)


class SetupError(DomainError):
    """A set-up or sharing change that is refused; its words are in messages.py."""


#: kind in URLs -> (model, the fields a form may set)
ROW_KINDS: dict[str, tuple[type[Department] | type[TeamMember] | type[Asset], tuple[str, ...]]] = {
    "departments": (Department, ("name", "current_level", "fit_answers", "level_cap", "cap_reason")),
    "team": (TeamMember, ("name", "side", "role")),
    "assets": (Asset, ("name", "kind", "description")),
}
FACT_FIELDS = ("client", "sector", "sponsor_name", "sponsor_hours_per_month", "start_date",
               "questionnaire_version_id")


def questionnaire_versions() -> list[QuestionnaireVersion]:
    """Stored versions, newest first. Read-only: `readiness db upgrade` (and `readiness demo`)
    store the built-in definition, never a page view."""
    return list(db.session.scalars(sa.select(QuestionnaireVersion).order_by(
        QuestionnaireVersion.created_at.desc(), QuestionnaireVersion.id.desc())))


def _clean(data: dict, fields) -> dict:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in fields}


def has_answers(engagement: Engagement) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(
        Answer.respondent_id == Respondent.id, Respondent.engagement_id == engagement.id))))


def create_engagement(owner: User, data: dict) -> Engagement:
    values = _clean(data, FACT_FIELDS)
    if db.session.get(QuestionnaireVersion, values.get("questionnaire_version_id")) is None:
        raise SetupError("unknown-questionnaire")
    engagement = Engagement(owner_id=owner.id, **values)
    db.session.add(engagement)
    db.session.flush()
    logger.info("engagement %s created by account %s", engagement.id, owner.id)
    return engagement


def update_facts(engagement: Engagement, data: dict) -> None:
    """Answers are tied to the questionnaire version: it cannot change once anyone answered."""
    values = _clean(data, FACT_FIELDS)
    version_id = values.pop("questionnaire_version_id", engagement.questionnaire_version_id)
    if version_id != engagement.questionnaire_version_id:
        if has_answers(engagement):
            raise SetupError("questionnaire-locked")
        if db.session.get(QuestionnaireVersion, version_id) is None:
            raise SetupError("unknown-questionnaire")
        engagement.questionnaire_version_id = version_id
    for key, value in values.items():
        setattr(engagement, key, value)
    db.session.flush()


def get_row(engagement: Engagement, kind: str, row_id: int):
    """A department, team member or asset of this engagement, or None (never another's row)."""
    model, _fields = ROW_KINDS[kind]
    return db.session.scalar(sa.select(model).where(
        model.id == row_id, model.engagement_id == engagement.id))


def _department_values(values: dict) -> dict:
    if values.get("level_cap") is None:
        values["cap_reason"] = ""  # R-CWR-3: a reason belongs to a cap
    if "fit_answers" in values:
        values["fit_answers"] = dict(values["fit_answers"])
    return values


def add_row(engagement: Engagement, kind: str, data: dict):
    model, fields = ROW_KINDS[kind]
    values = _clean(data, fields)
    if kind == "departments":
        values = _department_values({"fit_answers": {}, **values})
    row = model(engagement_id=engagement.id, **values)
    db.session.add(row)
    db.session.flush()
    return row


def update_row(row, kind: str, data: dict) -> None:
    _model, fields = ROW_KINDS[kind]
    values = _clean(data, fields)
    if kind == "departments":
        values = _department_values(values)
    for key, value in values.items():
        setattr(row, key, value)
    db.session.flush()


def deletion_impact(engagement: Engagement, kind: str, row) -> dict[str, int]:
    """What loses its department when a department goes (respondents and pains keep existing)."""
    if kind != "departments":
        return {}
    def count(model) -> int:
        return db.session.execute(sa.select(sa.func.count()).select_from(model).where(
            model.engagement_id == engagement.id, model.department_id == row.id)).scalar_one()

    return {"respondents": count(Respondent), "pains": count(PainPoint)}


def delete_row(row) -> None:
    if isinstance(row, Department):
        # The database would set their department to NULL itself (ON DELETE SET NULL), without
        # the UPDATE that counts as a change of theirs (engagements.stamp: cached scores).
        db.session.execute(sa.update(Respondent).where(Respondent.department_id == row.id)
                           .values(department_id=None))
    db.session.delete(row)
    db.session.flush()


def department_needs(engagement: Engagement, questionnaire: Questionnaire) -> dict[int, int | None]:
    """R-CWR-0 per department from its fit answers alone (shown beside the set-up form)."""
    return {d.id: needed_level(d.fit_answers or {}, questionnaire) for d in engagement.departments}


def has_business_member(engagement: Engagement) -> bool:
    """R-RED-4 is cleared by one business-side member on the project team."""
    return any(m.side == "business" for m in engagement.team)


def shares(engagement: Engagement) -> list[EngagementAccess]:
    return sorted(engagement.access, key=lambda a: (a.user.role, a.user.email))


def share(engagement: Engagement, email: str) -> EngagementAccess:
    """Share with an existing account. Its role decides: consultants edit, client viewers read."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise SetupError("no-such-user", email=email.strip())
    if user.id == engagement.owner_id:
        raise SetupError("is-owner", email=user.email)
    if sees_every_engagement(user):
        raise SetupError("is-admin", email=user.email)
    if not user.active:
        raise SetupError("inactive", email=user.email)
    if any(a.user_id == user.id for a in engagement.access):
        raise SetupError("already-shared", email=user.email)
    access = EngagementAccess(engagement_id=engagement.id, user_id=user.id)
    engagement.access.append(access)
    db.session.flush()
    logger.info("engagement %s shared with account %s (%s)", engagement.id, user.id, user.role)
    return access


def revoke_share(engagement: Engagement, user_id: int) -> bool:
    access = next((a for a in engagement.access if a.user_id == user_id), None)
    if access is None:
        return False
    engagement.access.remove(access)
    db.session.flush()
    logger.info("engagement %s no longer shared with account %s", engagement.id, user_id)
    return True
