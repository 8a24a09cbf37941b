from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Optional

from .checks import MAX_LOGO_BYTES


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class BrandForm(FlaskForm):
    """Name, colour and logo; the colour and the logo are checked by checks.py (their refusals
    come back beside these fields)."""

    name = StringField(_l("Consultancy name"), filters=[_strip],
                       validators=[Optional(), Length(max=120)],
                       description=_l("Shown in every page's header and on the report. Empty: "
                                      "\"Readiness\"."))
    colour = StringField(_l("Primary colour"), filters=[_strip],
                         validators=[Optional(), Length(max=20)],
                         description=_l("# and six hexadecimal digits, e.g. #2f6fb0. Links, "
                                        "buttons and report headings use it, so it must be dark "
                                        "enough to read on white. Empty: the standard blue."))
    logo = FileField(_l("Logo"), description=_l("A PNG or SVG file of at most %(kb)d KB. Leave "
                                                "empty to keep the current logo.",
                                                kb=MAX_LOGO_BYTES // 1024))
    submit = SubmitField(_l("Save brand"))


class RemoveLogoForm(FlaskForm):
    """The "remove logo" button: only the CSRF token."""
