"""Every feature's blueprint, with its views, in the order create_app registers them.

A feature package only creates its blueprint (`bp` in its __init__.py); importing the feature's
route modules, here, adds the views. So importing a feature's models or services never loads its
views and everything they import, and features import each other without cycles
(tests/test_imports.py checks it).
"""
from __future__ import annotations

from types import ModuleType

from flask import Blueprint

from . import (
    admin,
    auth,
    dashboard,
    engagements,
    pains,
    report,
    respond,
    respondents,
    roadmap,
    workshop,
)
from .admin import routes as admin_routes
from .auth import routes as auth_routes
from .dashboard import routes as dashboard_routes
from .engagements import routes as engagement_routes
from .engagements import setup as engagement_setup_routes
from .pains import routes as pain_routes
from .report import routes as report_routes
from .respond import routes as respond_routes
from .respondents import routes as respondent_routes
from .roadmap import routes as roadmap_routes
from .workshop import participant as workshop_participant_routes
from .workshop import routes as workshop_routes

#: The modules whose `@bp.route` decorators add the views (imported for that effect).
VIEW_MODULES: tuple[ModuleType, ...] = (
    auth_routes, admin_routes, engagement_routes, engagement_setup_routes, respondent_routes,
    respond_routes, dashboard_routes, pain_routes, workshop_routes, workshop_participant_routes,
    roadmap_routes, report_routes)

BLUEPRINTS: tuple[Blueprint, ...] = (
    auth.bp, auth.account_bp, admin.bp, engagements.bp, respondents.bp, respond.bp, dashboard.bp, pains.bp,
    workshop.bp, roadmap.bp, report.bp)
