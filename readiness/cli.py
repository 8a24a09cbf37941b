"""The `readiness` command group (console script), registered in the app factory."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate.cli import db as migrate_group

from . import create_app
from .auth.messages import message
from .auth.models import Role
from .auth.services import UserError, create_user
from .demo import load_demo
from .engagements.models import Engagement
from .extensions import db
from .method.loading import QuestionnaireError, load_questionnaire
from .questionnaires.services import load_shipped
from .report.jobs import FORMATS, renderer


@click.group("questionnaire", help="Questionnaire definitions.")
def questionnaire_group():
    pass


@questionnaire_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate_command(files):
    """Check definitions; print FILE:LINE: where: reason for each problem, exit 1 if any."""
    failed = False
    for name in files:
        try:
            q = load_questionnaire(name)
        except QuestionnaireError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
        else:
            items = sum(len(b.items) for b in q.blocks)
            click.echo(f"{name}: valid ({q.id} v{q.version}, {len(q.blocks)} blocks, {items} items, "
                       f"{len(q.fit)} fit questions)")
    sys.exit(1 if failed else 0)


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", default="", help="The name clients read, e.g. \"Sarah Chen\" (default: the email).")
@click.option("--title", default="", help="Job title, e.g. \"Principal Consultant\".")
@click.option("--organisation", default="",
              help="The consultancy, shown after the name: \"Sarah Chen, Northwind Advisory\".")
@click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.CONSULTANT.value)
@click.option("--password", default=None, help="Generated and printed when not given.")
@with_appcontext
def create_user_command(email, name, title, organisation, role, password):
    """Create an account."""
    try:
        user, password = create_user(email, name, password, role, title=title,
                                     organisation=organisation)
    except UserError as exc:
        raise click.ClickException(message(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} with password: {password}")


@click.command("demo")
@with_appcontext
def demo_command():
    """Load the demo engagement "Northwind Retail" (once: existing data is kept)."""
    result = load_demo(second_wave=True)
    db.session.commit()
    if result.created:
        click.echo(f"Loaded demo engagement {result.engagement_id}: Northwind Retail.")
        click.echo(f"Log in at http://127.0.0.1:5000 as {result.email} with password: "
                   f"{result.password}")
    else:
        click.echo(f"Demo engagement already loaded (id {result.engagement_id}); kept as it is. "
                   f"Log in as {result.email} (password shown on first run).")


@click.command("report")
@click.argument("engagement_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="FILE.pdf or FILE.pptx: the extension chooses the format.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en")
@click.option("--working-copy", is_flag=True,
              help="Keep rule ids and edit markers in the body (the consultant's copy).")
@with_appcontext
def report_command(engagement_id, out, lang, working_copy):
    """Render an engagement's report as PDF or PowerPoint."""
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise click.ClickException(
            f"cannot tell the format of {out}: end the file name in .pdf (PDF report) or "
            ".pptx (PowerPoint slides)")
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        raise click.ClickException(f"no engagement with id {engagement_id}")
    data = renderer(fmt)(engagement, lang, working_copy=working_copy)
    Path(out).write_bytes(data)
    copy = ", working copy" if working_copy else ""
    click.echo(f"Wrote {out} ({len(data) // 1024} KiB, {lang}{copy}).")


@click.command("upgrade", params=list(migrate_group.commands["upgrade"].params))
@with_appcontext
def upgrade_command(**options):
    """Upgrade to a later version, then store the built-in questionnaire (a new version when its
    file changed; the set-up pages only read the stored ones)."""
    click.get_current_context().invoke(migrate_group.commands["upgrade"], **options)
    if not options["sql"]:  # --sql prints the migration's SQL and touches no database
        versions = load_shipped()
        db.session.commit()
        for version in versions:
            click.echo(f"Built-in questionnaire: {version.key} v{version.version} "
                       f"(version {version.id}).")


#: Flask-Migrate's `db` commands, with an `upgrade` that also stores the built-in questionnaire.
db_group = click.Group("db", commands={**migrate_group.commands, "upgrade": upgrade_command},
                       callback=migrate_group.callback, params=list(migrate_group.params),
                       help=migrate_group.help)


def register_commands(app: Flask) -> None:
    # After migrate.init_app in create_app: this `db` replaces Flask-Migrate's.
    from .backup.commands import export_command, import_command
    from .mail.commands import send_reminders_command
    from .worker import worker_command

    for command in (db_group, questionnaire_group, create_user_command, demo_command,
                    report_command, send_reminders_command, worker_command,
                    export_command, import_command):
        app.cli.add_command(command)


@click.group(cls=FlaskGroup, create_app=create_app, add_default_commands=True,
             help="Readiness: CRM readiness assessments.")
def main():
    pass
