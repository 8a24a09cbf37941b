"""The fuzz battery, short version for CI (bench/fuzz.py runs every string at every endpoint):
every form and JSON endpoint of app.url_map, as every role. A failure lists each case found."""
from __future__ import annotations

import os

import pytest

from readiness.report import jobs

from .battery import Battery, NoReportWorker
from .roles import ROLES, client_for, setup_ids

#: Strings per endpoint and role; the offset rotates the list so the roles together throw all.
PER_ENDPOINT = int(os.environ.get("FUZZ_PER_ENDPOINT", "2"))


@pytest.mark.parametrize("role", ROLES)
def test_fuzz_battery(app, demo, role, capsys, monkeypatch):
    monkeypatch.setattr(jobs, "_pool", lambda config: NoReportWorker())
    ids = setup_ids(app, demo)
    client, csrf = client_for(app, demo, role, ids)
    battery = Battery(app, client, csrf, ids, PER_ENDPOINT, offset=ROLES.index(role) * 31)
    result = battery.run()
    with capsys.disabled():
        print(f"\nfuzz {role}: {result.cases} cases, statuses {dict(sorted(result.statuses.items()))}")
    assert result.cases > 100
    assert result.problems == []
