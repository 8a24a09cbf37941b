"""Questionnaire fixtures."""
from __future__ import annotations

import pytest

from readiness.method.loading import load_questionnaire
from readiness.questionnaires.services import BUILTIN


@pytest.fixture(scope="module")
def builtin():
    return load_questionnaire(BUILTIN)
