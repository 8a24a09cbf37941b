"""`readiness export ID --out FILE.json` and `readiness import FILE.json`."""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from ..auth.models import Role, User
from ..engagements.models import Engagement
from ..extensions import db
from .messages import message
from .services import export_bytes, import_bytes
from .validate import MAX_CLI_BYTES, BackupError


@click.command("export")
@click.argument("engagement_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="FILE.json: the engagement as one JSON document (readiness-engagement/1).")
@with_appcontext
def export_command(engagement_id, out):
    """Export a whole engagement (without respondent links) as JSON."""
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        raise click.ClickException(f"no engagement with id {engagement_id}")
    data = export_bytes(engagement)
    Path(out).write_bytes(data)
    click.echo(f"Wrote {out} ({len(data) // 1024} KiB).")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--owner", default=None,
              help="Email of the account that will own it (default: the first admin).")
@with_appcontext
def import_command(file, owner):
    """Restore an exported engagement as a new engagement (new ids, new respondent links)."""
    query = sa.select(User).where(User.active.is_(True))
    query = (query.where(sa.func.lower(User.email) == owner.strip().lower()) if owner
             else query.where(User.role == Role.ADMIN.value).order_by(User.id))
    user = db.session.scalars(query).first()
    if user is None:
        raise click.ClickException(f"no active account {owner}" if owner else
                                   "no active admin account: pass --owner EMAIL")
    path = Path(file)
    if path.stat().st_size > MAX_CLI_BYTES:
        raise click.ClickException(message(BackupError("too-large",
                                                       mb=MAX_CLI_BYTES // (1024 * 1024))))
    try:
        engagement = import_bytes(path.read_bytes(), user, MAX_CLI_BYTES)
    except BackupError as exc:
        raise click.ClickException(f"{file}: {message(exc)} Nothing was imported.") from exc
    click.echo(f"Imported engagement {engagement.id}: {engagement.client} (owner {user.email}).")
