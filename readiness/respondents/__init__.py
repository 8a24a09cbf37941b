"""Respondents and their answers; the consultant's invitation pages."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("respondents", __name__)
