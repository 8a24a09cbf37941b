"""The JSON API under /api/v1: bearer tokens, the pages' access rules, an OpenAPI 3.1 document.

The blueprint is a flask-smorest one: its marshmallow schemas validate the requests and describe
the responses, and flask-smorest writes the OpenAPI document from them (api/setup.py).
"""
from flask_smorest import Blueprint

#: Its views are added by api/routes.py and api/tracking.py, which api/setup.py imports.
bp = Blueprint("api", __name__, url_prefix="/api/v1",
               description="Engagements, respondents, answers, scores, pains, roadmap, checkpoints")
