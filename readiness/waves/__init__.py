"""Reassessment waves (R-WAVE-1..3): start a new wave, compare it with the earlier one."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("waves", __name__)
