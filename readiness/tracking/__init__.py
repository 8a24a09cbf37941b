"""Checkpoint tracking (R-TRACK-1/2): the roadmap's checkpoints as the project team's work."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("tracking", __name__)
