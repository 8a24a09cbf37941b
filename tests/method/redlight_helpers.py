"""Shared helpers of the red-light and message tests (test_method_redlights_*.py): the built-in
questionnaire and which rule each message code belongs to."""
from __future__ import annotations

import re
from pathlib import Path

from readiness.method.loading import load_questionnaire
from readiness.method.types import AnswerInput

ROOT = Path(__file__).resolve().parents[2]
Q = load_questionnaire(ROOT / "questionnaires" / "crm-readiness.yaml")
S = Q.settings
A = AnswerInput
CJK = re.compile(r"[\u4e00-\u9fff]")


# Which code belongs to which rule, as METHOD.md assigns them.
RULE_OF_CODE = {
    "dont-know": "R-SCORE-4", "perception-gap": "R-GAP-1", "ready": "R-CWR-1",
    "needed": "R-CWR-0", "fit-unanswered": "R-CWR-0", "no-skipping": "R-CWR-2",
    "capped": "R-CWR-3", "above-readiness": "R-CWR-2", "build-gap": "R-CWR-2",
    "technology-ahead": "R-CWR-4", "no-pain": "R-PAIN-3", "no-severe-pain": "R-PAIN-3",
    "no-clear-priority": "R-PAIN-2", "no-team": "R-RED-4", "crm-before-strategy": "R-RED-1",
    "change-not-led": "R-RED-2",
    "no-sponsor": "R-RED-3", "sponsor-no-time": "R-RED-3", "it-only-team": "R-RED-4",
    "guessing": "R-RED-5", "no-data-department": "R-DATA-1", "low-sample-level": "R-DATA-2",
    "no-answers": "R-DATA-1",
}
