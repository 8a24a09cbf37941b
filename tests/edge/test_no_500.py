"""Issue 11: a 500 is a bug, so the test suite fails on any 500 it sees (tests/conftest.py records
every 500 response and unhandled exception of the app and fails the test at teardown)."""
from __future__ import annotations

import pytest

from tests.conftest import _record_500s


def test_the_recorder_sees_a_500_and_its_exception(app):
    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    failures = _record_500s(app)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/boom").status_code == 500
    assert any("RuntimeError('boom')" in f for f in failures)
    assert any("/boom -> 500" in f for f in failures)
    failures.clear()  # this test's own app fixture saw the same 500: allowed by the marker


pytestmark = pytest.mark.allow_500
