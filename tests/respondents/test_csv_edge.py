"""Issue 11: CSV uploads that are not text, or hold a cell beyond csv's field limit, get a clear
message and change nothing."""
from __future__ import annotations

import io

import pytest

from tests.respondents.helpers import OWNER, login, page_token, respondents_of

HEADER = "name,email,role,department\n"


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe" + HEADER.encode("utf-16-le") + b"\x00", "The file is not UTF-8 text"),
    (b"\xff\xfe" + "n\ud800".encode("utf-16-le", "surrogatepass"), "The file is not UTF-8 text"),
    (HEADER.encode() + "Ann\ud800,,it,\n".encode("utf-8", "surrogatepass"),
     "The file is not UTF-8 text"),
    (b"\xfe\xff\x00", "The file is not UTF-8 text"),
    (HEADER.encode() + b'"' + b"x" * (1024 * 1024) + b'",,it,\n', "longer than"),
    (b'"' + b"x" * (200 * 1024) + b'"\n', "longer than"),
])
def test_bad_uploads_are_explained_and_add_nobody(app, client, auth, eng, data, message):
    login(auth, OWNER)
    response = client.post(f"/engagements/{eng.id}/respondents/import", data={
        "csv_file": (io.BytesIO(data), "people.csv"), "csrf_token": page_token(client, eng.id)},
        content_type="multipart/form-data")
    assert response.status_code == 400 and message in response.text
    assert respondents_of(app, eng.id) == []


def test_back_after_an_import_does_not_import_again(app, client, auth, eng):
    login(auth, OWNER)
    data = {"csv_text": HEADER + "Ann Lee,,it,Sales\n", "csrf_token": page_token(client, eng.id)}
    response = client.post(f"/engagements/{eng.id}/respondents/import", data=data)
    assert response.status_code == 302
    # What the browser shows, reloads and returns to with Back is the GET page.
    for _ in range(2):
        page = client.get(response.headers["Location"])
        assert page.status_code == 200 and "1 added, 0 rejected" in page.text
    assert len(respondents_of(app, eng.id)) == 1
    # The report is the importer's: another account (or a forged token) sees none.
    assert "added," not in client.get(f"/engagements/{eng.id}/respondents?imported=" + "A" * 22).text
    assert "added," not in client.get(f"/engagements/{eng.id}/respondents?imported=" + "x" * 3000).text
