"""Live workshop sessions: the facilitator's console and projector, the participants' phones."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("workshop", __name__)
