"""The Report tab's one form: language, format (the button pressed) and the working copy."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from .jobs import FORMATS


class ReportForm(FlaskForm):
    #: The report's language; labels come from the app's LANGUAGES (each in its own script).
    lang = SelectField(choices=[SelectChoice("en", "English"), SelectChoice("zh", "简体中文")], default="en")
    #: Set by the button pressed ("Create PDF" / "Create PowerPoint"): also the file's extension.
    format = SelectField(choices=[SelectChoice(f, f) for f in FORMATS], default="pdf")
    #: Rule ids and edit markers kept in the body: offered to those who edit the engagement only.
    working_copy = BooleanField(_l("Working copy (consultant markers)"))
