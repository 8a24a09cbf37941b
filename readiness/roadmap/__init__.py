"""The roadmap page: the generator's proposal, adjusted by the consultant before the client sees it."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("roadmap", __name__)
