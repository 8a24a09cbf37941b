"""The phones' offline copy: the service worker (/sw.js) that keeps the participant and
respondent pages a person visited on their own phone, and the fresh CSRF token a page taken
from that copy asks for before it sends its queued answers."""
from flask import Blueprint

#: Its views are added by the route modules, which readiness.blueprints imports.
bp = Blueprint("offline", __name__)
