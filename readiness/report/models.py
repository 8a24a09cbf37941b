"""Report jobs: state and the rendered file, in the database so any app server can show a job's
progress and serve its file, whichever server or worker rendered it.

The file's bytes sit in the row (a deferred column: listing jobs never loads them) rather than in
a directory every server would have to share: a report is a few hundred KB to a few MB, a shared
mount is one more thing to configure and back up, and the row goes with its engagement.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model


class ReportJob(Model):
    __tablename__ = "report_job"
    #: secrets.token_urlsafe(16): unguessable, it names a downloadable file.
    id: so.Mapped[str] = so.mapped_column(sa.String(22), primary_key=True)
    engagement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("engagement.id", ondelete="CASCADE"), index=True)
    user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    lang: so.Mapped[str] = so.mapped_column(sa.String(5))
    format: so.Mapped[str] = so.mapped_column(sa.String(5), default="pdf")
    working_copy: so.Mapped[bool] = so.mapped_column(default=False)
    #: running (queued or rendering), done, failed
    status: so.Mapped[str] = so.mapped_column(sa.String(10), default="running", index=True)
    #: queued, scores, charts, layout, done, failed (report.jobs.STAGES)
    stage: so.Mapped[str] = so.mapped_column(sa.String(10), default="queued")
    size: so.Mapped[int | None] = so.mapped_column()
    error: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    #: Touched at every stage: a job "running" without news for long died with its worker.
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    content: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary, deferred=True)

    @property
    def created_text(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M") + " UTC"
