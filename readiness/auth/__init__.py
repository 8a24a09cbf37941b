from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("auth", __name__, url_prefix="/auth")
#: /profile: every account's own profile (auth/profile.py), outside /auth's login pages.
profile_bp = Blueprint("profile", __name__)
#: The signed-in user's own account (/account/password).
account_bp = Blueprint("account", __name__, url_prefix="/account")
