"""Issue 11: wrong join codes are limited per address (20 per 5 minutes), then 429 with a clear
message, on the typed form, the /w/<code> link and the phone's JSON endpoints alike."""
from __future__ import annotations

from readiness.workshop.participant import code_guesses
from tests.helpers import csrf_token


def _type_code(client, code):
    page = client.get("/w")
    return client.post("/w", data={"code": code, "csrf_token": csrf_token(page.text)})


def test_twenty_wrong_codes_then_429_even_for_the_right_one(app, client, running):
    _engagement_id, _session_id, code = running
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    for attempt in range(code_guesses.limit):
        response = (_type_code(client, wrong) if attempt % 2
                    else client.get(f"/w/{wrong}"))
        assert response.status_code in (404, 422)
    refused = _type_code(client, code)
    assert refused.status_code == 429
    assert "Too many wrong codes from this network." in refused.text
    assert client.get(f"/w/{code}").status_code == 429
    json_refusal = client.get(f"/w/{code}/state")
    assert json_refusal.status_code == 429 and json_refusal.json["error"] == "too-many-codes"
    # Another address is not held back.
    elsewhere = app.test_client()
    assert elsewhere.get(f"/w/{code}", environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 200


def test_right_codes_do_not_count(app, client, running):
    _engagement_id, _session_id, code = running
    for _ in range(code_guesses.limit + 5):
        assert client.get(f"/w/{code}").status_code == 200
