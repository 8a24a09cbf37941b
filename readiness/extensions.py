"""Extensions are created here and bound to the app in create_app (init_app pattern)."""
from typing import TYPE_CHECKING

import sqlalchemy.orm as so
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

from .csrf_check import RememberingCSRFProtect

# Named constraints so Alembic migrations are stable across SQLite and PostgreSQL.
_naming = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
db = SQLAlchemy(metadata=MetaData(naming_convention=_naming))

# Models subclass Model. At run time it is db.Model; Flask-SQLAlchemy types db.Model as a
# variable, which mypy cannot take as a base class, so mypy sees the declarative base it is.
if TYPE_CHECKING:
    class Model(so.DeclarativeBase):
        pass
else:
    Model = db.Model
migrate = Migrate(render_as_batch=True)
csrf = RememberingCSRFProtect()  # Flask-WTF's, with the token's check remembered
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"
babel = Babel()


#: How long a request waits for SQLite's write lock before giving up (ms). Under a workshop's
#: burst of saves the wait is a queue of short transactions; a 500 "database is locked" is a bug.
SQLITE_BUSY_TIMEOUT_MS = 30_000


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """SQLite as a web server's database: WAL so readers never block the writer and the writer
    never blocks readers; synchronous=NORMAL (in WAL mode a commit survives a crash of the
    process, only an OS crash or power loss may lose the last commits, never corrupt the file);
    a busy timeout so lock contention is waiting, not an error; foreign keys enforced."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

