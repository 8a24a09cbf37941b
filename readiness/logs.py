"""Logging, set up once per process by create_app.

Every module logs to `logging.getLogger(__name__)`, below the `readiness` logger (which is also
Flask's `app.logger`). That logger gets one handler: under gunicorn, gunicorn's error-log handlers
and level (`--log-level`, `--error-logfile`); elsewhere stderr. LOG_LEVEL (DEBUG, INFO, WARNING,
ERROR) overrides the level; the default is INFO. No log line carries a person's name, email,
password or link token.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

ROOT = "readiness"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to the sys.stderr of the moment a record is emitted (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # handle() holds the handler's lock around emit()
        super().emit(record)


def _level(default: int) -> int:
    name = os.environ.get("LOG_LEVEL", "").strip().upper()
    if not name:
        return default
    level = logging.getLevelName(name)
    if isinstance(level, int):
        return level
    logging.getLogger(__name__).warning("LOG_LEVEL=%s is not a level; using %s", name,
                                        logging.getLevelName(default))
    return default


_configured = False


def configure() -> None:
    """Once per process (the app factory runs once per test, and again in the report worker)."""
    global _configured
    if _configured:
        return
    _configured = True
    logger = logging.getLogger(ROOT)
    gunicorn = logging.getLogger("gunicorn.error")
    handlers: list[logging.Handler] = list(gunicorn.handlers)
    default = gunicorn.level or logging.INFO
    if not handlers:
        stderr = _StderrHandler(sys.stderr)
        stderr.setFormatter(logging.Formatter(FORMAT))
        handlers, default = [stderr], logging.INFO
    for handler in handlers:
        logger.addHandler(handler)
    logger.setLevel(_level(default))
