"""Pain points register (METHOD.md section 4): the ranked register and the catalogue to start from."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("pains", __name__)
