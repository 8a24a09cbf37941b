"""Backup speed: export and import of an engagement with N respondents x 48 answers.

    .venv/bin/python bench/backup.py [--respondents 2000]

Builds the engagement like bench/dashboard.py (temporary SQLite, fixed seed), then times the
export (to JSON bytes) and the import (check + write as a new engagement, committed), next to the
time of scoring the same engagement (assess_engagement) in the same run, so the ratios hold on a
noisy machine. Prints the document's size and the load average.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.dashboard import build


def _timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READINESS_INSTANCE"] = tmp
        from flask_migrate import upgrade

        from readiness import create_app
        from readiness.auth.models import User
        from readiness.backup.services import export_bytes, import_bytes
        from readiness.engagements.assessment import assess_engagement
        from readiness.engagements.models import Engagement
        from readiness.extensions import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite"})
        with app.app_context():
            upgrade()
            engagement_id = build(app, args.respondents)
            engagement = db.session.get(Engagement, engagement_id)
            _, baseline = _timed(lambda: assess_engagement(engagement))
            data, export_s = _timed(lambda: export_bytes(engagement))
            owner = db.session.get(User, engagement.owner_id)
            _, import_s = _timed(lambda: import_bytes(data, owner))
    load = os.getloadavg()
    print(f"respondents {args.respondents}, document {len(data) / 1e6:.1f} MB")
    print(f"baseline assess_engagement {baseline * 1000:.0f} ms")
    print(f"export {export_s * 1000:.0f} ms ({export_s / baseline:.1f}x baseline)")
    print(f"import {import_s * 1000:.0f} ms ({import_s / baseline:.1f}x baseline)")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
