"""Questionnaire definitions stored as versions, and the pages that manage them."""
from flask import Blueprint

#: Its views are added by questionnaires.routes, which readiness.blueprints imports.
bp = Blueprint("questionnaires", __name__)
