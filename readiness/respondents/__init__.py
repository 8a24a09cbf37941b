"""Respondents and their answers; the consultant's invitation pages."""
from flask import Blueprint

bp = Blueprint("respondents", __name__)

from . import routes  # noqa: E402,F401
