"""The consultancy's brand: one row for the installation (id 1), absent until an admin saves it."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from ..auth.models import utcnow
from ..extensions import Model


class BrandSettings(Model):
    __tablename__ = "brand_settings"
    #: Always 1: the installation has one brand (services.SETTINGS_ID).
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    #: The consultancy's name in the page header and on the report; None: "Readiness".
    name: so.Mapped[str | None] = so.mapped_column(sa.String(120))
    #: Primary colour "#rrggbb", dark enough for text on white (checks.check_colour).
    colour: so.Mapped[str | None] = so.mapped_column(sa.String(7))
    #: The logo's bytes as uploaded (checked by checks.check_logo). Deferred: every page reads the
    #: name and colour, only the logo route and the report read the bytes.
    logo: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary, deferred=True)
    #: image/png or image/svg+xml, told from the bytes, never from the browser.
    logo_type: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    #: Changes with every save: the logo's URL carries it, so browsers fetch a new logo at once.
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                       onupdate=utcnow)
