"""Store and fetch questionnaire versions by content hash; the shipped ones are stored at
`readiness db upgrade` (and by the demo)."""
from __future__ import annotations

import logging

import sqlalchemy as sa

from .. import resources
from ..extensions import db
from ..method.definition import Questionnaire
from ..method.loading import content_hash, load_questionnaire
from .models import QuestionnaireVersion

logger = logging.getLogger(__name__)

BUILTIN_DIR = resources.questionnaires_dir()
BUILTIN = BUILTIN_DIR / "crm-readiness.yaml"
#: The 20-item pulse version for a first workshop.
PULSE = BUILTIN_DIR / "crm-pulse.yaml"
#: Every questionnaire the product ships, the main one last: on a fresh database it is the newest
#: version, which the new-engagement form offers first.
SHIPPED = (PULSE, BUILTIN)
#: The main shipped questionnaire's id (tests check it matches the file).
BUILTIN_KEY = "crm-readiness"


def store_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    """Return the stored version with this content, creating it when the content is new."""
    digest = content_hash(questionnaire)
    existing = db.session.scalar(sa.select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == questionnaire.id, QuestionnaireVersion.content_hash == digest))
    if existing:
        return existing
    version = QuestionnaireVersion(
        key=questionnaire.id, version=questionnaire.version, content_hash=digest,
        title=questionnaire.title.en, definition=questionnaire.model_dump(mode="json"))
    db.session.add(version)
    db.session.flush()
    logger.info("questionnaire %s v%s stored as version %s (content %s)", questionnaire.id,
                questionnaire.version, version.id, digest[:12])
    return version


def load_shipped() -> list[QuestionnaireVersion]:
    """Store every shipped questionnaire (a new version only when its file changed)."""
    return [store_version(load_questionnaire(path)) for path in SHIPPED]


def load_builtin() -> QuestionnaireVersion:
    """Store the shipped questionnaires; return the main one (crm-readiness)."""
    return load_shipped()[-1]
