"""Helpers of the questionnaire management tests: a manager logged in, uploads, version rows."""
from __future__ import annotations

import io
import re

import sqlalchemy as sa

from readiness.extensions import db
from readiness.questionnaires.models import QuestionnaireVersion
from readiness.questionnaires.services import BUILTIN, PULSE
from tests.helpers import csrf_token

PULSE_TEXT = PULSE.read_text(encoding="utf-8")
BUILTIN_TEXT = BUILTIN.read_text(encoding="utf-8")


def token(client, page="/questionnaires"):
    return csrf_token(client.get(page).text)


def upload(client, content: str | bytes, filename="mine.yaml"):
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return client.post("/questionnaires/upload", data={
        "csrf_token": token(client), "file": (io.BytesIO(raw), filename)},
        content_type="multipart/form-data")


def post_form(client, url, data):
    return client.post(url, data={**data, "csrf_token": token(client, url)})


def versions(app) -> list[tuple[int, str, str]]:
    with app.app_context():
        return [(v.id, v.key, v.version) for v in db.session.scalars(
            sa.select(QuestionnaireVersion).order_by(QuestionnaireVersion.id))]


def version_id(app, key, label=None) -> int:
    return max(i for i, k, v in versions(app) if k == key and (label is None or v == label))


def definition(app, version_id) -> dict:
    with app.app_context():
        return db.session.get_one(QuestionnaireVersion, version_id).definition


def renamed(text: str, key: str, label: str = "1.0") -> str:
    """A shipped file under another id (and version label)."""
    text = re.sub(r"^id: .*$", f"id: {key}", text, count=1, flags=re.M)
    return re.sub(r'^version: .*$', f'version: "{label}"', text, count=1, flags=re.M)


def form_values(html: str) -> dict[str, str]:
    """The values a browser would post back from a form page (inputs, textareas, checked boxes)."""
    values: dict[str, str] = {}
    for tag in re.finditer(r"<input ([^>]*)>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(1)))
        if "name" not in attrs or attrs.get("type") == "file":
            continue
        if attrs.get("type") == "checkbox":
            if "checked" in tag.group(1):
                values[attrs["name"]] = attrs.get("value", "y")
            continue
        values[attrs["name"]] = _unescape(attrs.get("value", ""))
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[area.group(1)] = _unescape(area.group(2).lstrip("\r\n"))
    return values


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
