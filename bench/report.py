"""Report speed: a reference engagement (8 departments, 200 respondents, 40 pain points).

    .venv/bin/python bench/report.py [--repeat 5] [--starts 3] [--profile] [--after-warm-up]

Prints the first PDF after start-up (cold: chromium starts, nothing cached; target under 6 s),
measured in --starts fresh processes each way, with their median: asked for at once (the
background warm-up still running: the worst case, a request in the server's first second) and
once the warm-up finished (a server up for a few seconds). Then, from one process: the median of
warm PDFs (charts cached), and the median of WeasyPrint alone on the same final HTML; their ratio
is the overhead of everything that is not layout (target <= 1.2).
Then the PowerPoint deck: the first (its PNG charts exported for the first time) and the median
of warm decks, with the load average, since the machine's other work moves every figure.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SEED = 20261125
DEPARTMENTS = ["Retail Stores", "E-commerce", "Membership", "Corporate Accounts", "Customer Service",
               "Logistics", "Finance", "Franchise Partners"]
FITS = [{"sales_cycle_stages": "informal"}, {"sales_cycle_stages": "measured", "sync_frequency": "continuous"},
        {"sales_cycle_stages": "defined"}, {"sales_cycle_stages": "none"},
        {"quotas_slas": "enforced", "parallel_processes": "many"}, {}, {"sales_cycle_stages": "none"},
        {"integrations": "some", "sync_frequency": "daily"}]
ROLES = ["executive", "manager", "manager", "front_line", "front_line", "front_line", "it", "other"]
PARTIES = ["customer", "competitor", "supplier", "partner", "employee"]


def build(app) -> int:
    import sqlalchemy as sa

    from readiness.auth.services import create_user
    from readiness.engagements.models import Department, Engagement, TeamMember
    from readiness.extensions import db
    from readiness.pains.models import PainPoint
    from readiness.questionnaires.services import load_builtin
    from readiness.respondents.models import Answer, Respondent
    from readiness.respondents.services import refresh_block_sums

    rng = random.Random(SEED)
    with app.app_context():
        user, _ = create_user("bench@example.com", "Bench", "bench password 1", "consultant")
        version = load_builtin()
        questionnaire = version.parsed()
        engagement = Engagement(owner=user, client="Reference Retail Group", sector="Retail",
                                sponsor_name="Pat Sponsor", sponsor_hours_per_month=6,
                                start_date=date(2027, 3, 1), questionnaire_version=version)
        for i, name in enumerate(DEPARTMENTS):
            engagement.departments.append(Department(name=name, current_level=i % 3, fit_answers=FITS[i]))
        engagement.team = [TeamMember(name="Lee", side="business"), TeamMember(name="Kim", side="it")]
        db.session.add(engagement)
        db.session.flush()
        respondents = [Respondent(engagement_id=engagement.id, department_id=engagement.departments[i % 8].id,
                                  name=f"R{i}", role=ROLES[i % len(ROLES)], status="completed")
                       for i in range(200)]
        db.session.add_all(respondents)
        db.session.flush()
        base = {b.id: rng.uniform(1.8, 3.8) for b in questionnaire.blocks}
        rows = []
        for r in respondents:
            for block in questionnaire.blocks:
                for item in block.items:
                    level = None if rng.random() < 0.06 else max(1, min(5, round(base[block.id] + rng.gauss(0, 0.8))))
                    rows.append(dict(respondent_id=r.id, questionnaire_version_id=version.id, item_id=item.id,
                                     block_id=block.id, weight=item.weight, level=level,
                                     confidence=rng.choice(["low", "medium", "high"]), evidence=""))
        db.session.execute(sa.insert(Answer), rows)
        refresh_block_sums([r.id for r in respondents], questionnaire)
        for i in range(40):
            db.session.add(PainPoint(
                engagement_id=engagement.id, department_id=engagement.departments[i % 8].id,
                title=f"Pain point {i + 1}: customers wait for answers", scenario="A customer calls twice.",
                affected_party=PARTIES[i % 5], blocks="B5,B6", severity=rng.randint(1, 5),
                frequency=rng.randint(1, 5), votes=rng.randint(0, 6), owner="Lee"))
        db.session.commit()
        return engagement.id


def first_pdfs(args) -> dict[str, list[float]]:
    """The first PDF after start-up, in fresh processes (alternating the two ways, so that a change
    of the machine's load hits both): {way: [seconds, ...]}."""
    import subprocess

    ways = {"asked for at once": [], "asked for after the warm-up": []}
    for _ in range(max(0, args.starts)):
        for way, extra in zip(ways, ([], ["--after-warm-up"]), strict=True):
            out = subprocess.run([sys.executable, __file__, "--first-only", "--lang", args.lang,
                                  *extra], capture_output=True, text=True, check=True).stdout
            figure = float(next(line for line in out.splitlines() if line.startswith("FIRST "))[6:])
            ways[way].append(figure)
            print(f"  start-up, first PDF {way}: {figure:.2f} s   (load "
                  f"{os.getloadavg()[0]:.2f})", flush=True)
    return {way: figures for way, figures in ways.items() if figures}


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): this shared machine's speed moves
    with its neighbours' work, which the load average does not show, and every figure with it."""
    def loop() -> float:
        start, total = time.perf_counter(), 0
        for i in range(2_000_000):
            total += i
        return time.perf_counter() - start
    return statistics.median(loop() for _ in range(3))


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--starts", type=int, default=3,
                        help="fresh processes measuring the first PDF, each way")
    parser.add_argument("--after-warm-up", action="store_true",
                        help="this process: ask for its first PDF once the start-up warm-up has "
                             "finished instead of right after start-up")
    parser.add_argument("--first-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    starts = {} if args.first_only else first_pdfs(args)

    tmp = tempfile.mkdtemp(prefix="readiness-bench-report-")
    os.environ["READINESS_INSTANCE"] = tmp
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.report.services import html_to_pdf, render_pdf, report_html
    from readiness.report.slides import render_pptx

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite"})
    started = time.perf_counter()
    # As wsgi.py does for the report worker: warm chromium and fonts up while the app starts.
    import threading

    from readiness.report.services import warm_up

    warmer = threading.Thread(target=warm_up, args=(app.config["CHROMIUM_PATH"],))
    warmer.start()
    with app.app_context():
        upgrade()
    engagement_id = build(app)
    ready = time.perf_counter() - started
    if args.after_warm_up:
        warmer.join()
        ready = time.perf_counter() - started
    with app.test_request_context():
        engagement = db.session.get(Engagement, engagement_id)
        first, pdf = timed(lambda: render_pdf(engagement, args.lang))
        if args.first_only:
            print(f"FIRST {first:.3f}")
            return
        import io

        from pypdf import PdfReader  # the test extra, installed by make

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        full, alone = [], []
        for _ in range(args.repeat):
            full.append(timed(lambda: render_pdf(engagement, args.lang))[0])
            html = report_html(engagement, args.lang)
            alone.append(timed(lambda html=html: html_to_pdf(html))[0])
        first_deck, deck = timed(lambda: render_pptx(engagement, args.lang))
        from pptx import Presentation

        slides = len(Presentation(io.BytesIO(deck)).slides)
        decks = [timed(lambda: render_pptx(engagement, args.lang))[0] for _ in range(args.repeat)]
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(render_pdf, engagement, args.lang)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    full_median, alone_median = statistics.median(full), statistics.median(alone)
    ratio = full_median / alone_median
    print(f"reference engagement: 8 departments, 200 respondents, 40 pain points; {pages} pages ({args.lang})")
    print(f"start-up (app, database, warm-up in background): {ready:.2f} s"
          + (" (the PDF asked for once the warm-up finished)" if args.after_warm_up else
             " (the PDF asked for at once, the warm-up still running)"))
    print(f"first PDF, this process  : {first:6.2f} s")
    for way, figures in starts.items():
        median = statistics.median(figures)
        print(f"first PDF after start-up : {median:6.2f} s   median of {len(figures)} starts, {way} "
              f"({', '.join(f'{f:.2f}' for f in figures)})  (target < 6 s)  "
              f"{'PASS' if median < 6 else 'FAIL'}")
    print(f"PDF, warm charts, median : {full_median:6.2f} s   over {args.repeat} runs")
    print(f"WeasyPrint alone, median : {alone_median:6.2f} s   same final HTML")
    print(f"ratio                    : {ratio:6.2f}     (target <= 1.2)  {'PASS' if ratio <= 1.2 else 'FAIL'}")
    print(f"first .pptx (PNG charts) : {first_deck:6.2f} s   {slides} slides, {len(deck) // 1024} KiB")
    print(f".pptx, warm, median      : {statistics.median(decks):6.2f} s   over {args.repeat} runs")
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"load average (1/5/15 min): {load}   on {os.cpu_count()} cores: figures move with it")
    print(f"machine speed            : {machine_speed():6.3f} s for a fixed Python loop (lower is "
          "faster; compare runs by it)")


if __name__ == "__main__":
    main()
