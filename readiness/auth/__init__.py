from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("auth", __name__, url_prefix="/auth")
#: The signed-in user's own account (/account/password).
account_bp = Blueprint("account", __name__, url_prefix="/account")
