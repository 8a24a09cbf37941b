"""Whole-engagement backup: one JSON document (schema readiness-engagement/1) that restores as a
new engagement on this or another installation (export.py, restore.py; pages in routes.py)."""
from flask import Blueprint

#: Its views are added by backup/routes.py, which readiness.blueprints imports.
bp = Blueprint("backup", __name__)
