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
    backup,
    branding,
    dashboard,
    engagements,
    mail,
    offline,
    pains,
    questionnaires,
    report,
    respond,
    respondents,
    roadmap,
    tracking,
    waves,
    workshop,
)
from .admin import routes as admin_routes
from .auth import profile as profile_routes
from .auth import routes as auth_routes
from .backup import routes as backup_routes
from .branding import routes as branding_routes
from .dashboard import routes as dashboard_routes
from .engagements import routes as engagement_routes
from .engagements import setup as engagement_setup_routes
from .mail import routes as mail_routes
from .offline import routes as offline_routes
from .pains import routes as pain_routes
from .questionnaires import routes as questionnaire_routes
from .report import routes as report_routes
from .respond import routes as respond_routes
from .respondents import routes as respondent_routes
from .roadmap import routes as roadmap_routes
from .tracking import calendar as tracking_calendar_routes
from .tracking import routes as tracking_routes
from .waves import routes as wave_routes
from .workshop import participant as workshop_participant_routes
from .workshop import phone_routes as workshop_phone_routes
from .workshop import routes as workshop_routes

#: The modules whose `@bp.route` decorators add the views (imported for that effect).
VIEW_MODULES: tuple[ModuleType, ...] = (
    auth_routes, profile_routes, admin_routes, branding_routes, engagement_routes,
    engagement_setup_routes, respondent_routes, respond_routes, dashboard_routes, pain_routes,
    workshop_routes, workshop_participant_routes, workshop_phone_routes, roadmap_routes,
    report_routes, mail_routes, tracking_routes, tracking_calendar_routes, wave_routes, questionnaire_routes,
    backup_routes, offline_routes)

BLUEPRINTS: tuple[Blueprint, ...] = (
    auth.bp, auth.profile_bp, auth.account_bp, admin.bp, branding.bp, engagements.bp,
    respondents.bp, respond.bp, dashboard.bp, pains.bp, workshop.bp, roadmap.bp, report.bp, mail.bp,
    tracking.bp, waves.bp, questionnaires.bp, backup.bp, offline.bp)
