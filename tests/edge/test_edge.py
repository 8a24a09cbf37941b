"""Issue 11, the edge policy (readiness/edge.py): every id, JSON body, number and job id a client
can send is answered with a 4xx and a clear message, JSON for JSON callers; never a 500 (the app
fixture fails any test that sees one)."""
from __future__ import annotations

import json

import pytest
from werkzeug.routing import IntegerConverter

from readiness.edge import ID_MAX, IdConverter
from tests.engagements.helpers import OWNER, builtin_version, post
from tests.helpers import csrf_token, make_user
from tests.respond.helpers import save, token_of
from tests.workshop.helpers import Phone

BAD_IDS = ["0", "-1", "007", "9223372036854775808", str(ID_MAX + 1), "9" * 400, "1e3", "٣"]


def test_every_int_converter_is_the_bounded_one(app):
    assert app.url_map.converters["int"] is IdConverter
    assert {type(c) for r in app.url_map.iter_rules() for c in r._converters.values()
            if isinstance(c, IntegerConverter)} == {IdConverter}


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_out_of_range_are_404_on_every_route(app, client, auth, bad):
    make_user(app, "admin@example.com", role="admin")
    auth.login("admin@example.com")
    checked = 0
    for rule in app.url_map.iter_rules():
        names = [n for n, c in rule._converters.items() if type(c).__name__ == "IdConverter"]
        if not names:
            continue
        url = rule.rule
        for name, _conv in rule._converters.items():
            value = bad if name == names[0] else ("1" if name in names else "ABCDEF")
            url = url.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        assert response.status_code == 404, (url, response.status_code)
        checked += 1
    assert checked >= 40  # the 44 route templates of the issue


def test_a_404_for_a_json_caller_is_json(app, client):
    response = client.get("/engagements/1/report/x.json")
    assert response.status_code in (302, 404)
    response = client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"] == "not-found" and "does not exist" in response.json["message"]


# JSON bodies ------------------------------------------------------------------------------------

BAD_JSON = [
    ("[" * 5000 + "]" * 5000, 400, "json-too-deep"),
    ('{"item_id": "B1.1", "level": ' + "9" * 5000 + "}", 400, "bad-number"),
    ('{"item_id": "B1.1", "level": 1e999}', 400, "bad-number"),
    ('{"item_id": "B1.1", "level": NaN}', 400, "bad-number"),
    ('{"item_id": "B1.1", "level": -Infinity}', 400, "bad-number"),
    ('{"item_id": "B1.1", "level": 3, "evidence": "\\ud800"}', 400, "bad-json"),
    ('{"item_id": ', 400, "bad-json"),
    ('{"evidence": "' + "x" * 70000 + '"}', 413, "json-too-large"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_JSON)
def test_autosave_refuses_bad_json_with_a_reason(app, client, person, body, status, code):
    csrf = token_of(client, f"/r/{person.token}/block/1")
    response = client.post(f"/r/{person.token}/answer", data=body.encode("utf-8", "surrogatepass"),
                           content_type="application/json", headers={"X-CSRFToken": csrf})
    assert response.status_code == status
    assert response.json["error"] == code and response.json["message"]


@pytest.mark.parametrize(("body", "code"), [(b"[" * 5000, "json-too-deep"),
                                            (b'{"pain_id": 1e400}', "bad-number")])
def test_phone_endpoints_refuse_bad_json(app, running, body, code):
    _engagement_id, _session_id, join_code = running
    phone = Phone(app, join_code)
    phone.join("Ann")
    response = phone.client.post(f"/w/{join_code}/votes", data=body,
                                 content_type="application/json",
                                 headers={"X-CSRFToken": phone.csrf})
    assert response.status_code == 400 and response.json["error"] == code


def test_a_good_save_still_works(app, client, person):
    assert save(client, person.token, {"item_id": "B1.1", "level": 3}).json["saved"] is True


# Form numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("hours", ["nan", "inf", "-inf", "1e999", "9" * 400])
def test_engagement_form_refuses_non_finite_and_huge_hours(app, client, auth, hours):
    make_user(app, OWNER)
    auth.login(OWNER)
    response = post(client, "/engagements/new", {
        "client": "Acme", "sponsor_hours_per_month": hours, "start_date": "2027-03-01",
        "questionnaire_version_id": builtin_version(client)}, page="/engagements/new")
    assert response.status_code in (400, 422) or "error" in response.text
    assert client.get("/engagements").text.count("Acme") == 0


@pytest.mark.parametrize("value", ["9" * 400, "-1", "0", "1e5", "x"])
def test_roadmap_department_ids_out_of_range_are_refused(app, client, auth, demo, value):
    auth.login(demo.email, demo.password)
    base = f"/engagements/{demo.engagement_id}/roadmap"
    page = client.get(base)
    for action in ("cap", "pilot", "track-start"):
        response = client.post(f"{base}/{action}", data={
            "csrf_token": csrf_token(page.text), "department_id": value, "cap": "2",
            "reason": "why"})
        assert response.status_code < 500


def test_workshop_vote_count_out_of_range_is_a_form_error(app, client, auth, demo):
    auth.login(demo.email, demo.password)
    page = client.get(f"/engagements/{demo.engagement_id}/workshops")
    response = client.post(f"/engagements/{demo.engagement_id}/workshops",
                           data={"csrf_token": csrf_token(page.text), "votes": "9" * 400})
    assert response.status_code in (400, 422)


# Job ids, uploads ---------------------------------------------------------------------------------

@pytest.mark.parametrize("job", ["x" * 3000, "a" * 22 + ".", "..%2F..%2Fsecret_key", "é" * 22,
                                 "A" * 22])
def test_report_job_ids_of_any_shape_are_404(app, client, auth, demo, job):
    auth.login(demo.email, demo.password)
    for suffix in (".json", ".pdf"):
        response = client.get(f"/engagements/{demo.engagement_id}/report/{job}{suffix}")
        assert response.status_code == 404
    page = client.get(f"/engagements/{demo.engagement_id}/report", query_string={"job": job})
    assert page.status_code == 200


def test_too_large_upload_is_413_in_the_users_language(app, client, auth, eng):
    auth.login(eng.owner)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client.get("/engagements?lang=zh")
    response = client.post(f"/engagements/{eng.id}/respondents/import",
                           data={"csv_text": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "<h1>413</h1>" in response.text and '<html lang="zh' in response.text
    english = app.test_client()
    response = english.post("/w/ABCDEF/votes", data=json.dumps({"x": "y" * (2 * 1024 * 1024)}),
                            content_type="application/json")
    assert response.status_code == 413 and response.json["error"] == "too-large"
    assert "at most 1 MB" in response.json["message"]


def test_no_form_uses_unbounded_number_fields():
    """Form numbers go through edge.py's fields: wtforms' own let NaN, inf and 400 digits in."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "readiness"
    plain = re.compile(r"(?<![A-Za-z])(IntegerField|FloatField|DecimalField)\(")
    offenders = [f"{p.relative_to(root)}:{n}" for p in root.rglob("*.py") if p.name != "edge.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if plain.search(line)]
    assert offenders == []
