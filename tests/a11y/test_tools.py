"""The checks' tools: missing ones skip on a developer's machine and fail CI, never pass silently."""
import pytest

from .pages import require


def test_a_missing_tool_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"vnu\.jar is missing: run `make node-tools`"):
        require(tmp_path / "vnu.jar", "vnu.jar")


def test_a_missing_tool_skips_elsewhere(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="axe-core is missing"):
        require(tmp_path / "axe.min.js", "axe-core")
    with pytest.raises(pytest.skip.Exception, match="Java is missing"):
        require(None, "Java")


#: GET routes that answer no page of their own: data, files, redirects.
NOT_PAGES = {"static", "engagements.plotly_js", "engagements.home", "admin.index",
             "dashboard.export_csv", "dashboard.export_xlsx", "reports.status", "reports.download",
             "workshop.room_state", "workshop.phone_state", "respond.resume",
             "branding.logo", "tracking.ics", "tracking.file",  # an image, a calendar, a file
             "healthz",  # JSON for load balancers
             "questionnaires.download",  # a YAML or JSON file
             "backup.export"}  # a JSON download

NOT_PAGES |= {"workshop.events", "workshop.phone_events"}  # server-sent event streams
NOT_PAGES |= {"offline.service_worker", "offline.csrf_token"}  # the phones' worker script, JSON
#: The JSON API (/api/v1) and its OpenAPI document: no pages; tests/api/test_schemathesis.py
#: checks every endpoint against the document.
NOT_PAGE_BLUEPRINTS = ("api.", "api-docs.")


def test_the_catalogue_has_every_page_route(app, demo):
    """A new page joins the checks: add it to tests/a11y/pages.py (or here if it is no page)."""
    from .pages import visit

    adapter = app.url_map.bind("localhost")
    covered = {adapter.match(path.split("?")[0])[0]
               for _name, _viewer, path, _status in visit(app, demo).pages
               if not path.startswith(("/no-such-page", "/engagements/999999"))}
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if "GET" in rule.methods and not rule.endpoint.startswith(NOT_PAGE_BLUEPRINTS)}
    assert routes - NOT_PAGES - covered == set(), "pages the a11y checks do not visit"
