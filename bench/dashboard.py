"""Dashboard speed: an engagement with 10,000 respondents x 48 answers must render in < 250 ms.

    .venv/bin/python bench/dashboard.py [--respondents 10000] [--repeat 15] [--profile]

Builds the engagement in a temporary SQLite database (bulk inserts, fixed seed), logs in with the
test client, and prints the median time of the dashboard request next to the median time of a
bare page of the same app (/auth/login) measured in the same run, so the ratio holds on a noisy
machine. Warm views repeat with nothing changed (the scores come from the process's cache, keyed
by the engagement's change stamp: readiness.engagements.stamp); cold views follow a saved answer
each, so every one recomputes the scores. The target applies to warm views; both are printed.
--profile prints where one (warm) dashboard request spends its time (cProfile).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 250.0
SEED = 20261124
PASSWORD = "bench password 123"
BLOCKS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8")
#: department name, today's level, fit answers (R-CWR-0)
DEPARTMENTS = [
    ("Retail Stores", 1, {"sales_cycle_stages": "informal", "integrations": "some"}),
    ("E-commerce", 1, {"sales_cycle_stages": "measured", "sync_frequency": "continuous"}),
    ("Membership & Marketing", 0, {"sales_cycle_stages": "defined", "parallel_processes": "few"}),
    ("Corporate Accounts", 1, {"sales_cycle_stages": "none", "quotas_slas": "none"}),
    ("Customer Service", 2, {"quotas_slas": "enforced", "parallel_processes": "many"}),
    ("Logistics", 0, {}),
    ("Finance", 0, {"sales_cycle_stages": "none"}),
]
ROLES = {"executive": 1, "manager": 4, "front_line": 12, "it": 2, "other": 1}
ROLE_BIAS = {"executive": {"B1": 1.2, "B2": 1.0, "B4": 1.1}, "manager": {"B5": 0.3},
             "front_line": {"B1": -0.5, "B4": -0.5}, "it": {"B7": 0.9, "B3": -0.4}, "other": {}}


def build(app, respondents: int, seed: int = SEED) -> int:
    """Create a consultant and an engagement with `respondents` completed questionnaires."""
    import sqlalchemy as sa

    from readiness.auth.services import create_user
    from readiness.engagements.models import Department, Engagement, TeamMember
    from readiness.extensions import db
    from readiness.questionnaires.services import load_builtin
    from readiness.respondents.models import Respondent
    from readiness.respondents.services import refresh_block_sums

    rng = random.Random(seed)
    user, _ = create_user("bench@example.com", "Bench", PASSWORD, "consultant")
    version = load_builtin()
    questionnaire = version.parsed()
    engagement = Engagement(owner=user, client="Bench Retail Group", sector="Retail",
                            sponsor_name="A. Sponsor", sponsor_hours_per_month=6,
                            start_date=date(2027, 1, 4), questionnaire_version=version)
    engagement.departments = [Department(name=n, current_level=t, fit_answers=f)
                              for n, t, f in DEPARTMENTS]
    engagement.team = [TeamMember(name="B. Lead", side="business"),
                       TeamMember(name="C. IT", side="it")]
    db.session.add(engagement)
    db.session.flush()

    now = datetime.now(UTC)
    profiles = {d.id: {b: rng.uniform(1.8, 4.0) for b in BLOCKS} for d in engagement.departments}
    roles = rng.choices(list(ROLES), weights=list(ROLES.values()), k=respondents)
    departments = rng.choices(list(profiles), k=respondents)
    db.session.execute(sa.insert(Respondent), [
        {"engagement_id": engagement.id, "department_id": departments[i], "role": roles[i],
         "name": f"Respondent {i}", "email": f"r{i}@bench.example", "token": f"bench-{seed}-{i}",
         "status": "completed" if i % 10 else "started", "revoked": False, "created_at": now,
         "locale": "en"}
        for i in range(respondents)])
    ids = db.session.scalars(sa.select(Respondent.id).where(
        Respondent.engagement_id == engagement.id).order_by(Respondent.id)).all()
    items = [(b.id, i.id, i.weight) for b in questionnaire.blocks for i in b.items]
    rows = []
    gauss, random_ = rng.gauss, rng.random
    for rid, role, dept in zip(ids, roles, departments, strict=False):
        base, bias = profiles[dept], ROLE_BIAS[role]
        for block_id, item_id, weight in items:
            if random_() < (0.18 if role == "front_line" and block_id in ("B2", "B8") else 0.05):
                level, confidence = None, "low"
            else:
                value = base[block_id] + bias.get(block_id, 0) + gauss(0, 0.7)
                level = max(1, min(5, round(value)))
                r = random_()
                confidence = "low" if r < 0.12 else "medium" if r < 0.45 else "high"
            rows.append((rid, version.id, item_id, block_id, weight, level, confidence, "", now))
    db.session.connection().exec_driver_sql(
        "INSERT INTO answer (respondent_id, questionnaire_version_id, item_id, block_id, weight, "
        "level, confidence, evidence, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for start in range(0, len(ids), 5000):
        refresh_block_sums(ids[start:start + 5000], questionnaire)
    db.session.commit()
    return engagement.id


def _login(client) -> None:
    page = client.get("/auth/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": "bench@example.com", "password": PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 302, "login failed"


def _saver(app, engagement_id: int):
    """A function that saves one changed answer (as a respondent's page does) and commits: the
    next dashboard view finds a new change stamp and computes the scores again (a cold view)."""
    from readiness.engagements.models import Engagement
    from readiness.extensions import db
    from readiness.respondents.models import Respondent
    from readiness.respondents.services import store_answer

    with app.app_context():
        engagement = db.session.get_one(Engagement, engagement_id)
        version_id = engagement.questionnaire_version_id
        questionnaire = engagement.questionnaire_version.parsed()
        people = list(db.session.scalars(db.select(Respondent.id).where(
            Respondent.engagement_id == engagement_id).limit(50)))
    items = [i.id for i in questionnaire.items()]
    rng = random.Random(SEED)

    def save() -> None:
        with app.app_context():
            store_answer(rng.choice(people), questionnaire, version_id, rng.choice(items),
                         rng.randint(1, 5), rng.choice(("low", "medium", "high")))
            db.session.commit()
            db.session.remove()

    return save


def _median_ms(client, url: str, repeat: int, between=None) -> tuple[float, float, int]:
    """Median wall time and median CPU time of this process (ms), and the body size. `between`
    runs before each request, untimed."""
    timings, cpu, size = [], [], 0
    for _ in range(repeat):
        if between is not None:
            between()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = response.get_data()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(body)
    return statistics.median(timings), statistics.median(cpu), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="cProfile one dashboard request")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="readiness-bench-") as tmp:
        os.environ["READINESS_INSTANCE"] = str(Path(tmp) / "instance")
        os.environ.pop("DATABASE_URL", None)
        from flask_migrate import upgrade

        from readiness import create_app
        from readiness.extensions import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite'}"})
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            engagement_id = build(app, args.respondents)
            built = time.perf_counter() - started
            answers = db.session.execute(db.text("SELECT count(*) FROM answer")).scalar()
            db.session.remove()
        print(f"built {args.respondents} respondents, {answers} answers in {built:.1f} s")

        client, anonymous = app.test_client(), app.test_client()
        _login(client)
        url = f"/engagements/{engagement_id}/dashboard"
        for warm in (url, url + "?role=executive"):  # first request pays imports and caches
            assert client.get(warm).status_code == 200
        anonymous.get("/auth/login")

        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(url).get_data()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)

        dashboard, dashboard_cpu, size = _median_ms(client, url, args.repeat)
        filtered, filtered_cpu, _ = _median_ms(client, url + "?role=front_line", args.repeat)
        save = _saver(app, engagement_id)
        cold, cold_cpu, _ = _median_ms(client, url, args.repeat, between=save)
        cold_filtered, cold_filtered_cpu, _ = _median_ms(client, url + "?role=front_line",
                                                         args.repeat, between=save)
        bare, bare_cpu, _ = _median_ms(anonymous, "/auth/login", args.repeat)
        with app.app_context():
            db.engine.dispose()

    ok = dashboard < TARGET_MS
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(other processes on the machine slow the wall times)")
    print(f"median of {args.repeat} requests          wall     cpu (this process, all threads)")
    rows = ((f"dashboard, {args.respondents} respondents", dashboard, dashboard_cpu),
            ("dashboard, one role", filtered, filtered_cpu),
            ("cold: an answer saved before each", cold, cold_cpu),
            ("cold, one role", cold_filtered, cold_filtered_cpu),
            ("bare page /auth/login", bare, bare_cpu))
    for label, wall, cpu in rows:
        print(f"  {label:34s} {wall:7.1f} ms {cpu:7.1f} ms")
    print(f"dashboard page {size / 1024:.0f} KiB; ratio dashboard / bare page "
          f"{dashboard / bare:.0f}x warm, {cold / bare:.0f}x cold")
    print("warm: repeated views, nothing changed (the scores come from the cache once the change "
          "stamp is read); cold: every view recomputes them")
    print(f"target: dashboard < {TARGET_MS:.0f} ms (warm views): {'PASS' if ok else 'FAIL'}; "
          f"cold {'under' if cold < TARGET_MS else 'over'} it")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
