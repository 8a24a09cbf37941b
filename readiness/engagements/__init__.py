from flask import Blueprint

bp = Blueprint("engagements", __name__)

from . import routes, setup  # noqa: E402,F401
