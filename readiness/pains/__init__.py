"""Pain points register (METHOD.md section 4): the ranked register and the catalogue to start from."""
from flask import Blueprint

bp = Blueprint("pains", __name__)

from . import routes  # noqa: E402,F401
