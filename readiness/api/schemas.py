"""The API's marshmallow schemas: what requests may carry and what responses hold (the OpenAPI
document is written from them)."""
from __future__ import annotations

from datetime import UTC, datetime

import marshmallow as ma
from marshmallow import fields, validate

from ..edge import ID_MAX
from ..method.tracking import STATUSES
from ..respondents.models import RESPONDENT_ROLES

#: Page size bounds: a page is never the whole table.
MAX_LIMIT = 100
DEFAULT_LIMIT = 50


class UtcDateTime(fields.DateTime):
    """ISO 8601 with its offset: SQLite hands back naive datetimes, which are UTC here."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ErrorSchema(ma.Schema):
    """Every error: a stable kebab-case code and a reason in words."""

    code = fields.String(required=True, metadata={"example": "not-found"})
    reason = fields.String(required=True)
    status = fields.Integer(required=True)
    errors = fields.Dict(metadata={"description": "Field errors of a refused request"})


class PageArgs(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    limit = fields.Integer(load_default=DEFAULT_LIMIT,
                           validate=validate.Range(1, MAX_LIMIT))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, ID_MAX))


class PageSchema(ma.Schema):
    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)


class EngagementSchema(ma.Schema):
    id = fields.Integer(required=True)
    client = fields.String(required=True)
    sector = fields.String(required=True)
    sponsor_name = fields.String(required=True)
    sponsor_hours_per_month = fields.Float(required=True, allow_none=True)
    start_date = fields.Date(required=True)
    questionnaire = fields.String(required=True, metadata={"description": "key and version"})
    created_at = UtcDateTime(required=True)
    can_edit = fields.Boolean(required=True)
    can_track = fields.Boolean(required=True)


class DepartmentSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    current_level = fields.Integer(required=True)
    level_cap = fields.Integer(required=True, allow_none=True)


class RespondentSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    role = fields.String(required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"description": "invited / started / "
                                                    "completed / revoked"})
    source = fields.String(required=True)
    wave = fields.Integer(required=True)
    created_at = UtcDateTime(required=True)
    completed_at = UtcDateTime(required=True, allow_none=True)


class InvitationSchema(RespondentSchema):
    link = fields.String(required=True, metadata={
        "description": "The respondent's personal link: keep it secret, send it to them"})


def _email_or_empty(value: str) -> None:
    if value:
        validate.Email()(value)


class NewRespondentSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    name = fields.String(required=True, validate=validate.Length(1, 120))
    email = fields.String(load_default="", validate=[validate.Length(0, 254), _email_or_empty],
                          metadata={"description": "An email address, or empty"})
    role = fields.String(required=True, validate=validate.OneOf(RESPONDENT_ROLES))
    department_id = fields.Integer(load_default=None, allow_none=True, strict=True,
                                   validate=validate.Range(1, ID_MAX))


class AnswerSchema(ma.Schema):
    item_id = fields.String(required=True)
    block_id = fields.String(required=True)
    level = fields.Integer(required=True, allow_none=True,
                           metadata={"description": "1-5, null for don't know"})
    confidence = fields.String(required=True)
    evidence = fields.String(required=True)


class BlockScoreSchema(ma.Schema):
    block_id = fields.String(required=True)
    n = fields.Integer(required=True)
    mean = fields.Float(required=True, allow_none=True)
    median = fields.Float(required=True, allow_none=True)
    low_sample = fields.Boolean(required=True)
    dont_know_rate = fields.Float(required=True, allow_none=True)


class ScoresSchema(ma.Schema):
    respondents = fields.Integer(required=True)
    overall = fields.Float(required=True, allow_none=True)
    blocks = fields.List(fields.Nested(BlockScoreSchema), required=True)


class PainSchema(ma.Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    scenario = fields.String(required=True)
    affected_party = fields.String(required=True)
    blocks = fields.List(fields.String(), required=True)
    severity = fields.Integer(required=True)
    frequency = fields.Integer(required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    owner = fields.String(required=True)
    votes = fields.Integer(required=True)


class RoadmapCheckpointSchema(ma.Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    owner = fields.String(required=True)


class PhaseSchema(ma.Schema):
    key = fields.String(required=True)
    level = fields.Integer(required=True)
    title = fields.String(required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    checkpoints = fields.List(fields.Nested(RoadmapCheckpointSchema), required=True)


class RoadmapSchema(ma.Schema):
    stored = fields.Boolean(required=True, metadata={
        "description": "false: a proposal from the current answers, not kept yet"})
    generated_at = UtcDateTime(required=True, allow_none=True)
    pilot_department_id = fields.Integer(required=True, allow_none=True)
    phases = fields.List(fields.Nested(PhaseSchema), required=True)


class TrackedCheckpointSchema(ma.Schema):
    id = fields.Integer(required=True)
    key = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    phase_key = fields.String(required=True)
    department_id = fields.Integer(required=True, allow_none=True)
    planned_start = fields.Date(required=True)
    due = fields.Date(required=True)
    status = fields.String(required=True)
    owner = fields.String(required=True)
    started_on = fields.Date(required=True, allow_none=True)
    done_on = fields.Date(required=True, allow_none=True)
    evidence = fields.String(required=True)
    drop_reason = fields.String(required=True)
    updated_at = UtcDateTime(required=True)


class CheckpointChangeSchema(ma.Schema):
    """A status change (R-TRACK-1): done needs evidence, dropped a reason. Omitted fields keep
    their current values."""

    class Meta:
        unknown = ma.RAISE

    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    evidence = fields.String(validate=validate.Length(0, 4000))
    drop_reason = fields.String(validate=validate.Length(0, 500))
    started_on = fields.Date(allow_none=True)
    done_on = fields.Date(allow_none=True)


def page_of(name: str, item: type[ma.Schema]) -> type[ma.Schema]:
    """A page schema holding `items` of `item`."""
    return PageSchema.from_dict({"items": fields.List(fields.Nested(item), required=True)},
                                name=name)


EngagementPage = page_of("EngagementPage", EngagementSchema)
DepartmentPage = page_of("DepartmentPage", DepartmentSchema)
RespondentPage = page_of("RespondentPage", RespondentSchema)
AnswerPage = page_of("AnswerPage", AnswerSchema)
PainPage = page_of("PainPage", PainSchema)
CheckpointPage = page_of("CheckpointPage", TrackedCheckpointSchema)
