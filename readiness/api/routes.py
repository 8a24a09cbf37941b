"""Read endpoints of engagements, departments, respondents, answers, scores and pains, and the
creation of an invitation. Same rules as the pages: engagements.access decides (404 for an
engagement the account may not see, 403 for a change it may not make)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import g, url_for
from flask.views import MethodView

from ..engagements.access import can_edit, can_track, get_engagement, visible_engagements_query
from ..engagements.assessment import assess_engagement
from ..engagements.models import Department, Engagement
from ..extensions import db
from ..pains.models import PainPoint
from ..respondents import invitations as inv
from ..respondents.models import Answer, Respondent
from ..waves.models import wave_filter
from . import bp
from .guard import error_body
from .schemas import (
    AnswerPage,
    DepartmentPage,
    EngagementPage,
    EngagementSchema,
    InvitationSchema,
    NewRespondentSchema,
    PageArgs,
    PainPage,
    RespondentPage,
    ScoresSchema,
)

ENGAGEMENT = "/engagements/<int:engagement_id>"


def page(query: sa.Select, args: dict, convert=lambda row: row) -> dict:
    """One page of `query` (ordered by the caller) and the total it is a page of."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None)
                                                                      .subquery()))
    rows = db.session.scalars(query.limit(args["limit"]).offset(args["offset"]))
    return {"items": [convert(r) for r in rows], "total": total or 0,
            "limit": args["limit"], "offset": args["offset"]}


def engagement_dict(engagement: Engagement) -> dict:
    version = engagement.questionnaire_version
    return {"id": engagement.id, "client": engagement.client, "sector": engagement.sector,
            "sponsor_name": engagement.sponsor_name,
            "sponsor_hours_per_month": engagement.sponsor_hours_per_month,
            "start_date": engagement.start_date, "created_at": engagement.created_at,
            "questionnaire": f"{version.key} v{version.version}",
            "can_edit": can_edit(g.api_user, engagement),
            "can_track": can_track(g.api_user, engagement)}


def respondent_dict(r: Respondent) -> dict:
    return {"id": r.id, "name": r.name, "email": r.email, "role": r.role,
            "department_id": r.department_id, "status": inv.display_status(r),
            "source": r.source, "wave": r.wave, "created_at": r.created_at,
            "completed_at": r.completed_at}


@bp.route("/engagements")
class Engagements(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, EngagementPage)
    def get(self, args):
        """The engagements the token's account may see, newest first."""
        return page(visible_engagements_query(g.api_user), args, engagement_dict)


@bp.route(ENGAGEMENT)
class OneEngagement(MethodView):
    @bp.response(200, EngagementSchema)
    def get(self, engagement_id: int):
        """One engagement."""
        return engagement_dict(get_engagement(engagement_id, g.api_user))


@bp.route(ENGAGEMENT + "/departments")
class Departments(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, DepartmentPage)
    def get(self, args, engagement_id: int):
        """The engagement's departments."""
        engagement = get_engagement(engagement_id, g.api_user)
        return page(sa.select(Department).where(Department.engagement_id == engagement.id)
                    .order_by(Department.id), args)


@bp.route(ENGAGEMENT + "/respondents")
class Respondents(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, RespondentPage)
    def get(self, args, engagement_id: int):
        """The current wave's respondents (without their links)."""
        engagement = get_engagement(engagement_id, g.api_user)
        return page(sa.select(Respondent).where(Respondent.engagement_id == engagement.id,
                                                wave_filter(engagement.id))
                    .order_by(Respondent.id), args, respondent_dict)

    @bp.arguments(NewRespondentSchema)
    @bp.response(201, InvitationSchema)
    def post(self, data, engagement_id: int):
        """Invite a respondent: the answer holds their personal link (shown once here)."""
        engagement = get_engagement(engagement_id, g.api_user, edit=True)
        if not data["name"].strip():
            return error_body(422, errors={"json.name": ["Give a name."]})
        try:
            respondent = inv.add_respondent(engagement, data["name"], data["email"],
                                            data["role"], data["department_id"])
        except inv.InvitationError as exc:
            from ..respondents.messages import MESSAGES as RESPONDENT_MESSAGES

            status = 409 if exc.code == "duplicate-email" else 422
            db.session.rollback()
            return error_body(status, RESPONDENT_MESSAGES.message(exc),
                              {f"json.{exc.field}": [exc.code]})
        db.session.commit()
        return {**respondent_dict(respondent),
                "link": url_for("respond.intro", token=respondent.token, _external=True)}


@bp.route(ENGAGEMENT + "/respondents/<int:respondent_id>/answers")
class Answers(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, AnswerPage)
    def get(self, args, engagement_id: int, respondent_id: int):
        """One respondent's answers (any wave)."""
        engagement = get_engagement(engagement_id, g.api_user)
        respondent = db.session.scalar(sa.select(Respondent).where(
            Respondent.id == respondent_id, Respondent.engagement_id == engagement.id))
        if respondent is None:
            return error_body(404)
        return page(sa.select(Answer).where(Answer.respondent_id == respondent.id)
                    .order_by(Answer.id), args)


@bp.route(ENGAGEMENT + "/scores")
class Scores(MethodView):
    @bp.response(200, ScoresSchema)
    def get(self, engagement_id: int):
        """Block scores of the current wave (R-SCORE-1..4), 0-100."""
        assessment = assess_engagement(get_engagement(engagement_id, g.api_user))
        return {"respondents": assessment.respondents, "overall": assessment.overall,
                "blocks": [{"block_id": b.block_id, "n": b.stat.n, "mean": b.stat.mean,
                            "median": b.stat.median, "low_sample": b.stat.low_sample,
                            "dont_know_rate": b.dont_know_rate}
                           for b in assessment.blocks.values()]}


@bp.route(ENGAGEMENT + "/pains")
class Pains(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, PainPage)
    def get(self, args, engagement_id: int):
        """The pain register."""
        engagement = get_engagement(engagement_id, g.api_user)
        return page(sa.select(PainPoint).where(PainPoint.engagement_id == engagement.id)
                    .order_by(PainPoint.id), args,
                    lambda p: {**{c: getattr(p, c) for c in (
                        "id", "title", "scenario", "affected_party", "severity", "frequency",
                        "department_id", "owner", "votes")}, "blocks": list(p.block_ids)})

