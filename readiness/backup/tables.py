"""What a backup holds, table by table, and how each column travels.

Every row of a table with an `id` gets a `ref`: its 1-based position in id order within the
document. References between rows (a respondent's department, an answer's respondent) are refs,
never database ids, so a document restores into any installation and a restored engagement
exports to the same document. Accounts travel as {email, name} (they are the installation's own)
and are matched by email on import; secrets (respondent links, workshop phone tokens, join codes,
calendar feeds, API tokens) never travel: the import makes new ones.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

import sqlalchemy as sa

from ..engagements.models import Asset, Department, TeamMember
from ..extensions import Model
from ..pains.models import PainPoint
from ..respondents.models import Answer, Respondent, RespondentBlock
from ..roadmap.models import RoadmapEdit, RoadmapPlan
from ..tracking.models import CheckpointAudit, CheckpointComment, CheckpointFile, TrackedCheckpoint
from ..waves.models import Wave
from ..workshop.models import (
    WorkshopAnswer,
    WorkshopItem,
    WorkshopParticipant,
    WorkshopSession,
    WorkshopSubmission,
    WorkshopVote,
)

SCHEMA = "readiness-engagement/1"
#: Pseudo-tables the refs may point at besides TABLES: the document's accounts and questionnaires.
USERS, QUESTIONNAIRES = "users", "questionnaires"


#: Columns that belong to this database, not to the engagement: never exported, and an import
#: starts them afresh (the change counters behind the cached scores: engagements.stamp).
LOCAL = frozenset({"generation"})


@dataclass(frozen=True)
class Table:
    name: str
    model: type[Model]
    #: (column, table): rows belong to the engagement through a parent row, not engagement_id.
    via: tuple[str, str] | None = None
    #: column -> the table its value is a ref of.
    refs: dict[str, str] = field(default_factory=dict)
    #: Columns that never travel (secrets); the import makes new values.
    secret: frozenset[str] = frozenset()

    @property
    def table(self) -> sa.Table:
        return cast(sa.Table, self.model.__table__)

    @property
    def keyed(self) -> bool:
        return "id" in self.table.c

    def columns(self) -> list[Any]:
        """The columns a row carries in the document (besides its ref)."""
        skip = {"id", "engagement_id", *LOCAL, *self.secret}
        return [c for c in self.model.__table__.c if c.name not in skip]

    def all_refs(self) -> dict[str, str]:
        return {**({self.via[0]: self.via[1]} if self.via else {}), **self.refs}


_SESSION = ("session_id", "workshop_sessions")
_CHECKPOINT = ("checkpoint_id", "checkpoints")

#: In insertion order: every table after the tables its refs point at (self-refs aside).
TABLES: tuple[Table, ...] = (
    Table("departments", Department),
    Table("team_members", TeamMember),
    Table("assets", Asset),
    Table("waves", Wave, refs={"questionnaire_version_id": QUESTIONNAIRES, "started_by": USERS}),
    Table("respondents", Respondent, refs={"department_id": "departments"},
          secret=frozenset({"token"})),
    Table("answers", Answer, via=("respondent_id", "respondents"),
          refs={"questionnaire_version_id": QUESTIONNAIRES}),
    Table("respondent_blocks", RespondentBlock, via=("respondent_id", "respondents")),
    Table("pains", PainPoint, refs={"department_id": "departments"}),
    Table("roadmap_plans", RoadmapPlan),
    Table("roadmap_edits", RoadmapEdit, via=("plan_id", "roadmap_plans"),
          refs={"edited_by": USERS}),
    Table("checkpoints", TrackedCheckpoint,
          refs={"department_id": "departments", "owner_member_id": "team_members",
                "owner_user_id": USERS}),
    Table("checkpoint_files", CheckpointFile, via=_CHECKPOINT, refs={"uploaded_by": USERS}),
    Table("checkpoint_comments", CheckpointComment, via=_CHECKPOINT, refs={"author_id": USERS}),
    Table("checkpoint_audit", CheckpointAudit, via=_CHECKPOINT, refs={"user_id": USERS}),
    Table("workshop_sessions", WorkshopSession, refs={"facilitator_id": USERS},
          secret=frozenset({"code"})),
    Table("workshop_participants", WorkshopParticipant, via=_SESSION,
          refs={"respondent_id": "respondents", "department_id": "departments"},
          secret=frozenset({"token_hash"})),
    Table("workshop_items", WorkshopItem, via=_SESSION),
    Table("workshop_answers", WorkshopAnswer, via=_SESSION,
          refs={"participant_id": "workshop_participants"}),
    Table("workshop_submissions", WorkshopSubmission, via=_SESSION,
          refs={"participant_id": "workshop_participants",
                "merged_into_id": "workshop_submissions", "pain_point_id": "pains"}),
    Table("workshop_votes", WorkshopVote, via=_SESSION,
          refs={"participant_id": "workshop_participants", "pain_point_id": "pains"}),
)
BY_NAME = {t.name: t for t in TABLES}

#: The engagement row's own columns in the document (owner and questionnaire travel as refs).
ENGAGEMENT_SKIP = {"id", "owner_id", "questionnaire_version_id"}


# Values: database <-> JSON --------------------------------------------------------------------

def to_json(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        if value.tzinfo is None:  # SQLite hands back naive datetimes; they are UTC
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(column.type, sa.Date):
        return value.isoformat()
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


class BadValue(ValueError):
    """A document value that does not fit its column; the message names what was expected."""


def from_json(column: Any, value: Any) -> Any:
    """The database value of a document value, checked against the column (BadValue if not)."""
    kind = column.type
    if value is None:
        if not column.nullable and column.default is None and column.server_default is None:
            raise BadValue("a value (not null)")
        return None
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise BadValue("true or false")
        return value
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**31 - 1:
            raise BadValue("a whole number")
        return value
    if isinstance(kind, sa.Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadValue("a number")
        return float(value)
    if isinstance(kind, sa.DateTime):
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise BadValue("a date and time (ISO 8601)")
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(kind, sa.Date):
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _no("a date")
        except ValueError:
            raise BadValue("a date (YYYY-MM-DD)") from None
    if isinstance(kind, sa.LargeBinary):
        try:
            return base64.b64decode(value, validate=True) if isinstance(value, str) else _no("")
        except (ValueError, BadValue):
            raise BadValue("base64 data") from None
    if isinstance(kind, sa.String):  # Text is a String without a length
        if not isinstance(value, str):
            raise BadValue("text")
        if kind.length is not None and len(value) > kind.length:
            raise BadValue(f"text of at most {kind.length} characters")
        return value
    if isinstance(kind, sa.JSON):
        return value
    raise BadValue("a known value")  # a column type this schema version does not know


def _no(expected: str):
    raise BadValue(expected)
