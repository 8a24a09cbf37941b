"""The full fuzz battery: every naughty string at every form and JSON endpoint, as every role.

    .venv/bin/python bench/fuzz.py [--per-endpoint N] [--roles admin,viewer]

tests/fuzz/test_fuzz.py runs the same battery with a few strings per endpoint in CI; this throws
the whole list (about 180 strings, in fields rotated across cases) at each endpoint and prints
the cases run, the statuses seen and every problem found (a 500, something stored by a refused
request, raw markup in a page, a formula cell in the CSV, an XLSX that does not open). Exit
status 1 when it found anything.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _demo_app(folder: Path):
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.demo import load_demo
    from readiness.extensions import db
    from readiness.questionnaires.services import load_builtin

    os.environ["READINESS_INSTANCE"] = str(folder / "instance")
    # A 500 is answered (and counted), not raised into the battery: it goes on to the next case.
    app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/fuzz.sqlite"})
    with app.app_context():
        upgrade()
        load_builtin()
        db.session.commit()
        demo = load_demo()
        db.session.commit()
        db.session.remove()
    return app, demo


def _report_problems(app, engagement_id: int) -> list[str]:
    """Raw markup in the report HTML WeasyPrint reads, or stored markup missing from the PDF text
    (a tag WeasyPrint interpreted instead of printing)."""
    import io

    import sqlalchemy as sa
    from pypdf import PdfReader

    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.pains.models import PainPoint
    from readiness.report.services import html_to_pdf, report_html
    from tests.fuzz.battery import RAW_MARKERS

    problems = []
    with app.app_context():
        engagement = db.session.get_one(Engagement, engagement_id)
        titles = db.session.scalars(sa.select(PainPoint.title).where(
            PainPoint.engagement_id == engagement_id, PainPoint.title.contains("<"))).all()
        for lang in ("en", "zh"):
            html = report_html(engagement, lang)
            if RAW_MARKERS.search(html):
                problems.append(f"report ({lang}): raw markup in the HTML")
        pdf = html_to_pdf(html)
        db.session.remove()
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    for title in titles:
        if "".join(title.split())[:20] not in text:
            problems.append(f"report PDF: stored title {title[:40]!r} not printed as text")
    return problems


def main() -> int:
    from readiness.report import jobs
    from tests.fuzz.battery import Battery, NoReportWorker, Result
    from tests.fuzz.roles import ROLES, client_for, setup_ids
    from tests.fuzz.strings import naughty

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-endpoint", type=int, default=len(naughty()) // 8 + 1,
                        help="cases per endpoint and role (each case fills every field)")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--report", action="store_true",
                        help="also render the report (HTML and PDF: needs chromium) after each "
                             "role and check the stored strings in it are escaped")
    args = parser.parse_args()
    jobs._pool = lambda config: NoReportWorker()  # type: ignore[assignment]  # see NoReportWorker
    total = Result()
    started = time.perf_counter()
    for role in args.roles.split(","):
        folder = Path(tempfile.mkdtemp(prefix="readiness-fuzz-"))
        try:
            app, demo = _demo_app(folder)
            from readiness.throttle import reset_all

            reset_all()
            ids = setup_ids(app, demo)
            client, csrf = client_for(app, demo, role, ids)
            result = Battery(app, client, csrf, ids, args.per_endpoint).run()
            if args.report:
                result.problems.extend(_report_problems(app, demo.engagement_id))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"{role}: {result.cases} cases, statuses {dict(sorted(result.statuses.items()))}, "
              f"{len(result.problems)} problems")
        total.add(result)
    print(f"all roles: {total.cases} cases in {time.perf_counter() - started:.0f} s, "
          f"{len(total.problems)} problems")
    for problem in total.problems:
        print("  " + problem)
    return 1 if total.problems else 0


if __name__ == "__main__":
    sys.exit(main())
