"""One error convention: services raise a DomainError with a kebab-case code, each feature's
messages.py says it in words through Babel, and a Chinese reader reads it in Chinese (flashed,
beside a field, or in a JSON error {"error": code, "message": text})."""
from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

import readiness
from readiness.errors import CODE, Catalogue, DomainError
from readiness.extensions import db
from tests.helpers import csrf_token, make_user
from tests.respond.helpers import save, token_of
from tests.workshop.helpers import Phone, control

PACKAGE = Path(readiness.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")
FEATURES = ("auth", "engagements", "pains", "respond", "respondents", "roadmap", "workshop")


def _catalogues() -> dict[str, Catalogue]:
    return {f: importlib.import_module(f"readiness.{f}.messages").MESSAGES for f in FEATURES}


def _feature_modules():
    """(path, module) of every module of a feature package (never readiness/wsgi.py: importing it
    starts the report worker)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if len(parts) >= 3 and "migrations" not in parts and "method" not in parts:
            yield path, importlib.import_module(".".join(p for p in parts if p != "__init__"))


def _error_classes() -> dict[str, type[DomainError]]:
    """Every DomainError subclass of the app, by name (importing every feature module finds them
    all)."""
    list(_feature_modules())  # importing them defines every subclass
    found, todo = {}, [DomainError]
    while todo:
        for sub in todo.pop().__subclasses__():
            found[sub.__name__] = sub
            todo.append(sub)
    return found


def _catalogue_of(module_name: str) -> Catalogue:
    """The catalogue of the feature a module belongs to (readiness.<feature>.<module>)."""
    return importlib.import_module(".".join(module_name.split(".")[:2]) + ".messages").MESSAGES


def _raised_codes():
    """(where, code, catalogue) for every literal code given to a DomainError subclass, a
    RowError, a catalogue's message()/json(), or the workshop phone's _refuse()."""
    classes = _error_classes()
    for path, module in _feature_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = func.value.id if (isinstance(func, ast.Attribute)
                                      and isinstance(func.value, ast.Name)) else None
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            if name in classes:
                cls = classes[name]
                names = list(inspect.signature(cls).parameters)
                if "code" in names:  # EditsWouldBeLost names its own code
                    at = names.index("code")
                    yield where, args[at] if len(args) > at else None, _catalogue_of(cls.__module__)
            elif name in ("RowError", "_refuse") and len(args) > 1:  # (row, code), (ws, code)
                yield where, args[1], _catalogue_of(module.__name__)
            elif name in ("message", "json") and args[:1] != [None] and args:
                target = getattr(module, owner or name, None)
                catalogue = getattr(target, "__self__", target)
                if isinstance(catalogue, Catalogue):
                    yield where, args[0], catalogue


def test_every_code_is_kebab_case_and_has_a_message():
    raised = list(_raised_codes())
    assert len(raised) > 100  # the scan sees the services' refusals
    for where, code, catalogue in raised:
        if code is None:  # a code passed on (exc.code, a variable): checked where it is raised
            continue
        assert CODE.fullmatch(code), (where, code)
        assert code in catalogue, (where, code)
    for feature, catalogue in _catalogues().items():
        for code in catalogue.texts:
            assert CODE.fullmatch(code), (feature, code)


def test_every_message_reads_in_chinese(app):
    """Every catalogue text, with its placeholders filled, renders in Chinese for a zh reader."""
    with app.test_request_context(), force_locale("zh"):
        for feature, catalogue in _catalogues().items():
            for code, text in catalogue.texts.items():
                with force_locale("en"):
                    english = str(text)
                params = {name: 7 if kind == "d" else "X" for name, kind in
                          PLACEHOLDER.findall(english)}
                chinese = catalogue.message(code, **params)
                assert CJK.search(chinese), (feature, code, chinese)
                for value in params.values():
                    assert str(value) in chinese, (feature, code, chinese)


def test_message_fills_params_and_json_carries_code_and_text(app):
    from readiness.roadmap.messages import MESSAGES
    from readiness.roadmap.services import RoadmapError

    error = RoadmapError("unknown-element", target="checkpoint:nope")
    assert (error.code, error.params, error.status) == ("unknown-element",
                                                         {"target": "checkpoint:nope"}, 400)
    with app.test_request_context():
        assert MESSAGES.message(error) == "unknown roadmap element 'checkpoint:nope'"
        response, status = MESSAGES.json(error)
        assert status == 400 and response.get_json() == {
            "error": "unknown-element", "message": "unknown roadmap element 'checkpoint:nope'"}
        with force_locale("zh"):
            assert MESSAGES.message(error) == "未知的路线图元素“checkpoint:nope”"


# Chinese readers see Chinese errors -----------------------------------------------------------

def _zh(client):
    with client.session_transaction() as session:  # as the ?lang=zh switch keeps it
        session["lang"] = "zh"


@pytest.fixture
def consultant_zh(client, auth, demo):
    _zh(client)
    auth.login(demo.email, demo.password)
    return client


def _department_id(app, name):
    from readiness.engagements.models import Department

    with app.app_context():
        return db.session.scalar(sa.select(Department.id).where(Department.name == name))


def test_roadmap_refusal_is_flashed_in_chinese(app, consultant_zh, demo):
    e = demo.engagement_id
    service = _department_id(app, "Customer Service")
    page = consultant_zh.get(f"/engagements/{e}/roadmap")
    refused = consultant_zh.post(f"/engagements/{e}/roadmap/cap", data={
        "csrf_token": csrf_token(page.text), "department_id": service, "cap": "1", "reason": ""})
    assert refused.status_code == 400
    assert "未保存：请说明为该部门设定上限的原因" in refused.text
    assert "say why" not in refused.text and "Not saved" not in refused.text
    page = consultant_zh.get(f"/engagements/{e}/roadmap")
    edit = consultant_zh.post(f"/engagements/{e}/roadmap/edit", data={
        "csrf_token": csrf_token(page.text), "target": "checkpoint:nope", "field": "owner",
        "value": "x"})
    assert edit.status_code == 400 and "未知的路线图元素“checkpoint:nope”" in edit.text
    assert "unknown roadmap element" not in edit.text


def test_admin_refusal_is_flashed_in_chinese(app, client, auth):
    make_user(app, "admin@example.com", role="admin")
    _zh(client)
    auth.login("admin@example.com")
    with app.app_context():
        from readiness.auth.models import User

        me = db.session.scalar(sa.select(User.id).where(User.email == "admin@example.com"))
    page = client.get("/admin/users")
    client.post(f"/admin/users/{me}/active", data={"csrf_token": csrf_token(page.text),
                                                   "active": "0"})
    shown = client.get("/admin/users").text
    assert "您不能停用自己的账户。" in shown
    assert "You cannot deactivate your own account." not in shown
    taken = client.post("/admin/users", data={"csrf_token": csrf_token(shown), "role": "viewer",
                                              "email": "admin@example.com", "name": "Again"})
    assert taken.status_code == 422 and "admin@example.com 的账户已存在" in taken.text
    assert "already exists" not in taken.text


def test_workshop_refusal_is_flashed_in_chinese(app, client, running):
    e, s, _code = running
    _zh(client)
    assert control(client, e, s, "close").status_code == 302  # no confirmation ticked
    console = client.get(f"/engagements/{e}/workshops/{s}").text
    assert "请勾选方框，确认为所有人关闭本场研讨。" in console and "Tick the box" not in console


def test_respondent_submitting_nothing_is_told_in_chinese(app, client, person):
    client.get(f"/r/{person.token}?lang=zh")
    page = client.get(f"/r/{person.token}/review")
    client.post(f"/r/{person.token}/submit", data={"csrf_token": csrf_token(page.text)})
    review = client.get(f"/r/{person.token}/review").text
    assert "提交前请至少回答一道题。" in review
    assert "Answer at least one item before you submit." not in review


# JSON errors: code and translated message ------------------------------------------------------

def test_autosave_json_error_is_in_the_respondents_language(app, client, person):
    client.get(f"/r/{person.token}?lang=zh")
    csrf = token_of(client, f"/r/{person.token}/block/1")
    response = save(client, person.token, {"item_id": "B1.1", "level": 9}, csrf)
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "bad-level" and CJK.search(body["message"])
    assert body["message"] != "level must be 1-5, or null for don't know"


def test_workshop_json_error_has_code_and_chinese_message(app, running):
    _e, _s, code = running
    phone = Phone(app, code)
    phone.client.get("/w?lang=zh")
    phone.join(name="Li")
    refused = phone.post("votes", {"pain_id": 1})  # dot-voting is not open
    assert refused.status_code == 409
    assert refused.json == {"error": "not-voting", "message": "圆点投票目前未开放。"}
    phone.client.get("/w?lang=en")
    english = phone.post("votes", {"pain_id": 1})
    assert english.status_code == 409 and english.json == {
        "error": "not-voting", "message": "Dot-voting is not open right now."}
