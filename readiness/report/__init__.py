"""PDF reports: HTML templates and print CSS in the top-level reports/ folder, WeasyPrint to PDF."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("reports", __name__)
