"""Where the app finds its files, in a checkout and in an installed wheel.

The repository keeps templates/, reports/ and questionnaires/ at its top level (fixed layout). A
wheel cannot ship top-level directories, so the build (setup.py) copies them into the package as
readiness/_resources/<name>. A checkout (editable install) has no _resources and uses the
top-level directories; an installed wheel has them and nothing beside the package.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_ROOT = PACKAGE_DIR.parent
BUNDLED = PACKAGE_DIR / "_resources"  # written by setup.py into built wheels only


def installed() -> bool:
    """True when running from a built wheel, False in a checkout."""
    return BUNDLED.is_dir()


def _directory(name: str) -> Path:
    return (BUNDLED if installed() else CHECKOUT_ROOT) / name


def templates_dir() -> Path:
    """The web app's Jinja templates."""
    return _directory("templates")


def reports_dir() -> Path:
    """The PDF report's template and stylesheet."""
    return _directory("reports")


def questionnaires_dir() -> Path:
    """The built-in questionnaire and the pain catalogue."""
    return _directory("questionnaires")


def instance_dir() -> Path:
    """Secrets, the SQLite database and report jobs: $READINESS_INSTANCE when set; otherwise
    instance/ in a checkout, and <prefix>/var/readiness-instance for an installed wheel (Flask's
    own default for installed packages: writable in a virtualenv, and the same directory whatever
    the working directory of `readiness` or gunicorn)."""
    if os.environ.get("READINESS_INSTANCE"):
        return Path(os.environ["READINESS_INSTANCE"])
    if installed():
        return Path(sys.prefix) / "var" / "readiness-instance"
    return CHECKOUT_ROOT / "instance"
