"""The roadmap page: the generator's proposal, adjusted by the consultant before the client sees it."""
from flask import Blueprint

bp = Blueprint("roadmap", __name__)

from . import routes  # noqa: E402,F401
