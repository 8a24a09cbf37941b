"""The consultancy's brand: what every page header, the report cover and (later) the charts use.

`current_brand()` is the one reader: it returns the default look (the stylesheet's own colour,
"Readiness", no logo) until an admin saves settings.
"""
from __future__ import annotations

import base64
import logging
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import g, has_request_context

from ..auth.models import utcnow
from ..extensions import db
from .checks import BrandError, check_colour, check_logo
from .models import BrandSettings

logger = logging.getLogger(__name__)

SETTINGS_ID = 1
DEFAULT_NAME = "Readiness"
#: --accent in readiness/static/css/app.css and the report's blue in reports/print.css.
DEFAULT_COLOUR = "#2f6fb0"


@dataclass(frozen=True)
class Brand:
    name: str
    #: "#rrggbb": the web pages' --accent, the report's --brand; charts may take it as accent.
    colour: str
    #: The logo inline ("data:image/png;base64,..."), for the PDF; None without a logo or when
    #: the caller asked for the header only (the web header loads /brand/logo instead).
    logo_data_uri: str | None
    has_logo: bool
    #: Changes with every save (the logo URL's cache key); 0 before any.
    version: int = 0

    @property
    def is_default_name(self) -> bool:
        return self.name == DEFAULT_NAME


DEFAULT_BRAND = Brand(DEFAULT_NAME, DEFAULT_COLOUR, None, False)


def _settings(with_logo: bool = False) -> BrandSettings | None:
    query = sa.select(BrandSettings).where(BrandSettings.id == SETTINGS_ID)
    if with_logo:
        query = query.options(so.undefer(BrandSettings.logo))
    return db.session.scalar(query)


def current_brand(inline_logo: bool = True) -> Brand:
    """The look now. `inline_logo=False` skips reading the logo's bytes (every web page's header,
    which points an <img> at the logo route); within a request that reading is done once, since
    the header and the page's charts both ask."""
    if inline_logo or not has_request_context():
        return _read_brand(inline_logo)
    if "brand" not in g:
        g.brand = _read_brand(False)
    return g.brand


def _read_brand(inline_logo: bool) -> Brand:
    try:
        row = _settings(with_logo=inline_logo)
    except sa.exc.SQLAlchemyError:
        # The error page of a failing database still renders, in the default look.
        logger.warning("brand settings unreadable; default look used", exc_info=True)
        return DEFAULT_BRAND
    if row is None:
        return DEFAULT_BRAND
    uri = None
    if inline_logo and row.logo and row.logo_type:
        uri = f"data:{row.logo_type};base64," + base64.b64encode(row.logo).decode("ascii")
    return Brand(name=row.name or DEFAULT_NAME, colour=row.colour or DEFAULT_COLOUR,
                 logo_data_uri=uri, has_logo=row.logo_type is not None,
                 version=int(row.updated_at.timestamp()) if row.updated_at else 0)


def logo() -> tuple[bytes, str] | None:
    """The stored logo's bytes and content type, or None."""
    row = _settings(with_logo=True)
    if row is None or not row.logo or not row.logo_type:
        return None
    return row.logo, row.logo_type


def _row() -> BrandSettings:
    row = _settings()
    if row is None:
        row = BrandSettings(id=SETTINGS_ID)
        db.session.add(row)
    return row


class SettingsRefused(Exception):
    """Every refusal of one save (a bad colour and a bad logo are both said at once)."""

    def __init__(self, errors: list[BrandError]) -> None:
        super().__init__(", ".join(e.code for e in errors))
        self.errors = errors


def save_settings(name: str, colour: str, logo_bytes: bytes | None) -> None:
    """Name and colour ("" for the default), and a new logo when one is given. Every check runs
    before anything changes: a refused logo leaves the name and colour as they were."""
    errors: list[BrandError] = []
    logo_type = None
    try:
        colour = check_colour(colour) if colour.strip() else ""
    except BrandError as exc:
        errors.append(exc)
    try:
        logo_type = check_logo(logo_bytes) if logo_bytes is not None else None
    except BrandError as exc:
        errors.append(exc)
    if errors:
        raise SettingsRefused(errors)
    row = _row()
    row.name, row.colour = name.strip() or None, colour or None
    if logo_bytes is not None:
        row.logo, row.logo_type = logo_bytes, logo_type
    row.updated_at = utcnow()
    db.session.flush()
    _forget()
    logger.info("brand settings saved (logo %s)", "replaced" if logo_bytes is not None else "kept")


def remove_logo() -> None:
    row = _settings()
    if row is not None and row.logo_type is not None:
        row.logo, row.logo_type, row.updated_at = None, None, utcnow()
        db.session.flush()
        _forget()
        logger.info("brand logo removed")


def _forget() -> None:
    """A change within this request is what the rest of the request reads."""
    if has_request_context():
        g.pop("brand", None)
