"""PDF reports: HTML templates and print CSS in the top-level reports/ folder, WeasyPrint to PDF."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import routes  # noqa: E402,F401
