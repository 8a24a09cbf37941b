"""The two servers of bench/save.py and their databases.

Readiness: the normal app (readiness.create_app) on a SQLite file with the demo and one fresh
engagement of N invited respondents. Bare: Flask + Flask-SQLAlchemy with one endpoint at the same
URL that inserts one row per answer into its own SQLite file, with the same SQLite settings as
the product (WAL, synchronous=NORMAL, busy timeout: readiness.extensions sets them on every
SQLite connection of the process) — the database's speed with the least Python around it.
gunicorn loads them as `bench.save_apps:readiness_app()` and `bench.save_apps:bare_app()`.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

#: Who the fresh engagement's respondents are (a demo-like spread).
DEPARTMENTS = ["Retail Stores", "E-commerce", "Membership & Marketing", "Customer Service",
               "Logistics"]
ROLES = ["executive", "manager", "manager", "front_line", "front_line", "front_line", "it",
         "other"]


def readiness_app():
    from readiness import create_app

    return create_app()


def bare_app():
    """One table, one endpoint: the JSON body in, one INSERT, commit, JSON out."""
    import sqlalchemy as sa
    from flask import Flask, jsonify, request
    from flask_sqlalchemy import SQLAlchemy

    import readiness.extensions  # noqa: F401  (the same SQLite pragmas on every connection)

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["BARE_DATABASE_URL"]
    db = SQLAlchemy(app)

    class Saved(db.Model):  # type: ignore[name-defined]
        __tablename__ = "saved"
        id = sa.Column(sa.Integer, primary_key=True)
        token = sa.Column(sa.String(64), nullable=False)
        item_id = sa.Column(sa.String(20), nullable=False)
        level = sa.Column(sa.Integer)
        confidence = sa.Column(sa.String(10))
        evidence = sa.Column(sa.Text)

    with app.app_context():
        db.create_all()

    @app.get("/r/<token>/block/<int:number>")
    def page(token: str, number: int):
        return '<form id="block-form"><input type="hidden" name="csrf_token" value="bare"></form>'

    @app.post("/r/<token>/answer")
    def answer(token: str):
        data = request.get_json()
        db.session.add(Saved(token=token, item_id=data["item_id"], level=data["level"],
                             confidence=data["confidence"], evidence=data["evidence"]))
        db.session.commit()
        return jsonify(saved=True, item_id=data["item_id"])

    return app


def prepare(tmp: Path, respondents: int) -> tuple[str, str, list[str], list[str]]:
    """Both databases; returns their URLs, the respondents' tokens and the questionnaire's item
    ids in page order."""
    readiness_url = f"sqlite:///{tmp / 'readiness.sqlite'}"
    bare_url = f"sqlite:///{tmp / 'bare.sqlite'}"
    os.environ.update({"READINESS_INSTANCE": str(tmp / "instance"), "DATABASE_URL": readiness_url,
                       "BARE_DATABASE_URL": bare_url,
                       "SECRET_KEY": "bench-" + os.urandom(16).hex()})
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from readiness import create_app
    from readiness.demo import load_demo
    from readiness.engagements.models import Department, Engagement
    from readiness.extensions import db
    from readiness.respondents.models import Respondent

    app = create_app()
    with app.app_context():
        upgrade()
        demo = load_demo()
        db.session.commit()
        model = db.session.get_one(Engagement, demo.engagement_id)
        engagement = Engagement(owner_id=model.owner_id, client="Bench Save Group",
                                sector="Retail", sponsor_name="A. Sponsor",
                                sponsor_hours_per_month=6, start_date=date(2027, 1, 4),
                                questionnaire_version_id=model.questionnaire_version_id)
        engagement.departments = [Department(name=name) for name in DEPARTMENTS]
        db.session.add(engagement)
        db.session.flush()
        departments = [d.id for d in engagement.departments]
        db.session.add_all(Respondent(engagement_id=engagement.id, role=ROLES[i % len(ROLES)],
                                      department_id=departments[i % len(departments)],
                                      name=f"Respondent {i}")
                           for i in range(respondents))
        db.session.commit()
        tokens = list(db.session.scalars(sa.select(Respondent.token).where(
            Respondent.engagement_id == engagement.id).order_by(Respondent.id)))
        items = [i.id for i in engagement.questionnaire_version.parsed().items()]
        db.engine.dispose()
    bare_app()  # creates its table before the workers start
    return readiness_url, bare_url, tokens, items
