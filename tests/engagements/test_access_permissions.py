"""Every permission is a named function of engagements/access.py (issue 15): what each role may do,
and no role compared anywhere else (routes, services, templates)."""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from readiness.auth.models import Role
from readiness.engagements import access

ROOT = Path(__file__).resolve().parents[2]
OWNER, SHARED, OTHER = 1, 2, 3


def _user(role: str, user_id: int):
    return SimpleNamespace(id=user_id, role=role)


ENGAGEMENT = SimpleNamespace(owner_id=OWNER, access=[SimpleNamespace(user_id=SHARED)])

#: (role, who) -> (view, edit, share, start a report)
EXPECTED = {
    ("admin", OTHER): (True, True, True, True),
    ("consultant", OWNER): (True, True, True, True),
    ("consultant", SHARED): (True, True, False, True),
    ("consultant", OTHER): (False, False, False, False),
    ("viewer", SHARED): (True, False, False, True),
    ("viewer", OTHER): (False, False, False, False),
    ("viewer", OWNER): (True, False, False, True),  # an owner whose account became a viewer
    ("project_team", SHARED): (True, False, False, True),  # tracks checkpoints only (can_track)
    ("project_team", OTHER): (False, False, False, False),
}


@pytest.mark.parametrize(("role", "who"), EXPECTED)
def test_engagement_permissions(role, who):
    user = _user(role, who)
    assert (access.can_view(user, ENGAGEMENT), access.can_edit(user, ENGAGEMENT),
            access.can_share(user, ENGAGEMENT),
            access.can_start_report(user, ENGAGEMENT)) == EXPECTED[(role, who)]


@pytest.mark.parametrize("role", list(Role))
def test_account_permissions(role):
    user = _user(role.value, OTHER)
    assert access.can_manage_users(user) == (role is Role.ADMIN)
    assert access.sees_every_engagement(user) == (role is Role.ADMIN)
    assert access.can_create_engagement(user) == (role in (Role.ADMIN, Role.CONSULTANT))


def test_roles_keep_their_stored_values():
    assert [r.value for r in Role] == ["admin", "consultant", "viewer", "project_team"]
    assert Role("viewer") is Role.VIEWER and Role.ADMIN == "admin"


def test_templates_ask_access_py_instead_of_comparing_roles():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.html")
                 if re.search(r"current_user\.role\b", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_only_access_py_compares_account_roles():
    """Account roles are compared in access.py alone (auth validates them when accounts are made)."""
    compare = re.compile(r"""(?:user|current_user|acting)\.role\s*(?:==|!=|\bin\b|\bnot in\b)""")
    allowed = {ROOT / "readiness" / "engagements" / "access.py"}
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "readiness").rglob("*.py")
                 if p not in allowed
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if compare.search(line)]
    assert offenders == []


def test_templates_get_the_permission_functions(app):
    with app.test_request_context():
        for name in ("can_manage_users", "can_create_engagement", "can_view", "can_edit",
                     "can_share", "can_start_report", "can_track"):
            assert app.jinja_env.globals[name] is getattr(access, name)
