"""Every page type of the app, reached as the person who sees it: the catalogue the axe-core and
Nu HTML checks walk (test_axe.py, test_vnu.py).

`visit(app)` sets the demo engagement up (a question asked in a workshop, a participant joined, a
respondent part-way through) and answers the pages with the Flask test client that is logged in
as their viewer. The browser check copies that client's session cookie into its own context, so
both checks look at the same pages in the same state.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa

from readiness.api.tokens import create_token
from readiness.auth.models import User
from readiness.demo.tracking import load_demo_tracking
from readiness.engagements.models import Engagement
from readiness.extensions import db
from readiness.pains.models import PainPoint
from readiness.questionnaires.models import QuestionnaireVersion
from readiness.respondents.models import Respondent
from readiness.tracking.models import TrackedCheckpoint
from tests.helpers import Auth, make_user
from tests.respondents.helpers import _answer, add_respondent
from tests.workshop.helpers import Phone, control, open_session

TOOLS = Path(__file__).resolve().parents[2] / ".tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ADMIN = "admin@example.com"


def require(path: Path | None, what: str) -> None:
    """A missing tool skips on a developer's machine but fails CI: the checks must run there."""
    if path is not None and path.exists():
        return
    message = f"{what} is missing: run `make node-tools` (Debian: nodejs, npm, default-jre-headless)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def java() -> Path | None:
    found = shutil.which("java")
    return Path(found) if found else None


@dataclass
class Visit:
    """The clients by viewer (consultant, admin, participant, anyone) and the pages each sees."""
    clients: dict
    pages: list[tuple[str, str, str, int]] = field(default_factory=list)  # name, viewer, path, status

    def add(self, name: str, viewer: str, path: str, status: int = 200) -> None:
        self.pages.append((name, viewer, path, status))


def visit(app, demo) -> Visit:
    consultant, admin, anyone = app.test_client(), app.test_client(), app.test_client()
    assert Auth(consultant).login(demo.email, demo.password).status_code == 302
    make_user(app, ADMIN, role="admin")
    assert Auth(admin).login(ADMIN).status_code == 302
    e = demo.engagement_id
    with app.app_context():
        pain_id = db.session.scalar(sa.select(PainPoint.id).where(PainPoint.engagement_id == e))
        finished = db.session.scalar(sa.select(Respondent.token).where(
            Respondent.engagement_id == e, Respondent.status == "completed"))
    with app.app_context():  # the roadmap kept and under way: the tracking pages have content
        engagement = db.session.get(Engagement, e)
        load_demo_tracking(engagement, db.session.get(User, engagement.owner_id))
        db.session.commit()
        checkpoint = db.session.scalars(sa.select(TrackedCheckpoint).where(
            TrackedCheckpoint.engagement_id == e, TrackedCheckpoint.evidence != "")).first()
        checkpoint_id = checkpoint.id
        # An API token: the profile page lists it (the table and its revoke button).
        create_token(db.session.get(User, engagement.owner_id), "CRM sync")
        db.session.commit()
    newcomer = add_respondent(app, e, "Pat Doe", "front_line")
    # Block 1 answered: the review lists it "complete" beside blocks still to do.
    _answer(app, newcomer.id, {f"B1.{n}": 3 for n in range(1, 7)})
    chinese = add_respondent(app, e, "王芳", "front_line")
    assert anyone.get(f"/r/{chinese.token}?lang=zh").status_code == 302  # the respondent's choice

    session_id, code = open_session(consultant, e)
    phone = Phone(app, code)
    out = Visit({"consultant": consultant, "admin": admin, "anyone": anyone,
                 "participant": phone.client})
    phone.join("Ann", "front_line")
    control(consultant, e, session_id, "next")  # a question on the projector and the phones

    # A second room capturing pains (one sent in) and a third one closed.
    capture_id, capture_code = open_session(consultant, e)
    control(consultant, e, capture_id, "capture")
    sender = Phone(app, capture_code)
    sender.join("Bo", "manager")
    assert sender.post("pains", {"title": "Quotes take two days", "scenario": "",
                                 "affected_party": "customer"}).status_code < 400
    closed_id, closed_code = open_session(consultant, e)
    closed = Phone(app, closed_code)
    closed.join("Cy", "executive")
    control(consultant, e, closed_id, "close", confirm="y")
    out.clients.update({"sender": sender.client, "closed": closed.client})

    add = out.add
    add("login", "anyone", "/auth/login")
    add("engagement list", "consultant", "/engagements")
    add("new engagement", "consultant", "/engagements/new")
    add("overview", "consultant", f"/engagements/{e}")
    add("set-up", "consultant", f"/engagements/{e}/setup")
    add("sharing", "consultant", f"/engagements/{e}/sharing")
    add("respondents", "consultant", f"/engagements/{e}/respondents")
    add("QR sheet", "consultant", f"/engagements/{e}/respondents/sheet")
    add("dashboard", "consultant", f"/engagements/{e}/dashboard")
    add("pains", "consultant", f"/engagements/{e}/pains")
    add("pain catalogue", "consultant", f"/engagements/{e}/pains/catalogue")
    add("new pain", "consultant", f"/engagements/{e}/pains/new")
    add("pain edit", "consultant", f"/engagements/{e}/pains/{pain_id}/edit")
    add("pain delete", "consultant", f"/engagements/{e}/pains/{pain_id}/delete")
    add("roadmap", "consultant", f"/engagements/{e}/roadmap")
    add("report tab", "consultant", f"/engagements/{e}/report")
    add("workshop sessions", "consultant", f"/engagements/{e}/workshops")
    add("workshop console", "consultant", f"/engagements/{e}/workshops/{session_id}")
    add("workshop projector", "consultant", f"/engagements/{e}/workshops/{session_id}/projector")
    add("workshop join", "anyone", f"/w/{code}")
    add("workshop phone", "participant", f"/w/{code}")
    add("workshop code entry", "anyone", "/w")
    add("workshop console, capture", "consultant", f"/engagements/{e}/workshops/{capture_id}")
    add("workshop projector, capture", "consultant",
        f"/engagements/{e}/workshops/{capture_id}/projector")
    add("workshop phone, capture", "sender", f"/w/{capture_code}")
    add("workshop phone, closed", "closed", f"/w/{closed_code}", 410)
    add("respondent intro", "anyone", f"/r/{newcomer.token}")
    add("respondent block", "anyone", f"/r/{newcomer.token}/block/1")
    add("respondent review", "anyone", f"/r/{newcomer.token}/review")
    add("respondent block, Chinese", "anyone", f"/r/{chinese.token}/block/1")
    add("respondent done", "anyone", f"/r/{finished}/done")
    add("respondent bad link", "anyone", "/r/not-a-token", 404)
    add("tracking board", "consultant", f"/engagements/{e}/tracking")
    add("tracking timeline", "consultant", f"/engagements/{e}/tracking/timeline")
    add("checkpoint", "consultant", f"/engagements/{e}/tracking/{checkpoint_id}")
    add("calendar feeds", "consultant", f"/engagements/{e}/tracking/calendar")
    add("my checkpoints", "consultant", "/my/checkpoints")
    add("waves", "consultant", f"/engagements/{e}/waves")
    add("start wave", "consultant", f"/engagements/{e}/waves/start")
    add("profile", "consultant", "/profile")
    add("import engagement", "consultant", "/engagements/import")
    add("change password", "consultant", "/account/password")
    add("brand settings", "admin", "/admin/branding")
    with app.app_context():
        builtin = db.session.get_one(Engagement, e).questionnaire_version_id
        pulse = db.session.scalar(sa.select(QuestionnaireVersion.id).where(
            QuestionnaireVersion.key == "crm-pulse"))
    add("questionnaires", "consultant", "/questionnaires")
    add("questionnaire version", "consultant", f"/questionnaires/{builtin}")
    add("questionnaire copy", "consultant", f"/questionnaires/{builtin}/copy")
    add("questionnaire settings edit", "consultant", f"/questionnaires/{pulse}/edit")
    add("questionnaire block edit", "consultant", f"/questionnaires/{pulse}/edit/B2")
    add("questionnaire diff", "consultant", f"/questionnaires/diff?old={pulse}&new={builtin}")
    add("admin users", "admin", "/admin/users")
    add("error 404", "consultant", "/engagements/999999", 404)
    add("error page signed out", "anyone", "/no-such-page", 404)
    return out


def fetch(out: Visit, language: str = "en") -> dict[str, str]:
    """Each page's HTML by name, after checking it answered with the status it should. The
    language is the browser's preference (a respondent's page keeps the respondent's own)."""
    html = {}
    for name, viewer, path, status in out.pages:
        response = out.clients[viewer].get(path, headers={"Accept-Language": language})
        assert response.status_code == status, f"{name} ({path}): {response.status_code}"
        html[name] = response.get_data(as_text=True)
    return html
