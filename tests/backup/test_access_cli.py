"""Who may export and import, and the CLI commands."""
from __future__ import annotations

import json

import sqlalchemy as sa

from readiness.engagements.models import Engagement
from readiness.extensions import db
from tests.helpers import make_user
from tests.tracking.helpers import share


def test_export_button_downloads_json_for_editors(client, auth, demo):
    auth.login(demo.email, demo.password)
    overview = client.get(f"/engagements/{demo.engagement_id}")
    assert 'data-testid="export-engagement"' in overview.text
    response = client.get(f"/engagements/{demo.engagement_id}/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.json["schema"] == "readiness-engagement/1"
    assert 'data-testid="import-engagement"' in client.get("/engagements").text


def test_viewer_and_team_may_not_export_or_import(app, client, auth, demo):
    share(app, demo.engagement_id, "viewer@client.example", "viewer")
    auth.login("viewer@client.example")
    assert 'data-testid="export-engagement"' not in client.get(
        f"/engagements/{demo.engagement_id}").text
    assert client.get(f"/engagements/{demo.engagement_id}/export").status_code == 403
    assert client.get("/engagements/import").status_code == 404


def test_stranger_gets_404(app, client, auth, demo):
    make_user(app, "stranger@example.com")
    auth.login("stranger@example.com")
    assert client.get(f"/engagements/{demo.engagement_id}/export").status_code == 404


def test_cli_export_then_import(app, runner, demo, tmp_path):
    out = tmp_path / "northwind.json"
    result = runner.invoke(args=["export", str(demo.engagement_id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["engagement"]["client"] == "Northwind Retail"
    result = runner.invoke(args=["import", str(out), "--owner", demo.email])
    assert result.exit_code == 0, result.output
    assert "Imported engagement" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Engagement)) == 2


def test_cli_refuses_a_bad_file_with_its_reason(app, runner, demo, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "readiness-engagement/0"}))
    result = runner.invoke(args=["import", str(bad), "--owner", demo.email])
    assert result.exit_code != 0
    assert "readiness-engagement/0" in result.output and "Nothing was imported" in result.output
    result = runner.invoke(args=["export", "999", "--out", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and "no engagement" in result.output
    result = runner.invoke(args=["import", str(bad)])  # no admin account in the test database
    assert result.exit_code != 0 and "--owner" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Engagement)) == 1
