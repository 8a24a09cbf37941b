"""Live workshop sessions: the facilitator's console and projector, the participants' phones."""
from flask import Blueprint

bp = Blueprint("workshop", __name__)

from . import models, participant, routes  # noqa: E402,F401
