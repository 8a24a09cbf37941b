"""schemathesis against the served OpenAPI document: no server error, and every response matches
the document (status codes, content type, schema). Runs in `make test` (about a minute)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import token_for

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_schemathesis_finds_no_server_error_and_no_schema_violation(app, live_server, tracked,
                                                                    demo, tmp_path):
    if not SCHEMATHESIS.exists() and not shutil.which("schemathesis"):
        message = "schemathesis is missing: pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)  # the run must happen in CI
        pytest.skip(message)
    token = token_for(app, demo.email)
    command = [str(SCHEMATHESIS) if SCHEMATHESIS.exists() else "schemathesis", "run",
               f"{live_server}/api/v1/openapi.json",
               "--url", live_server,
               "-H", f"Authorization: Bearer {token}",
               "--checks", "not_a_server_error,status_code_conformance,"
                           "content_type_conformance,response_schema_conformance",
               "--max-examples", "10", "--workers", "1", "--generation-deterministic",
               "--request-timeout", "20",
               "--max-time", "50"]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=tmp_path,
                            env=env)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
