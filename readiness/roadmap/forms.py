from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from ..edge import IdField


class EditForm(FlaskForm):
    target = HiddenField(validators=[DataRequired(), Length(max=80)])
    field = HiddenField(validators=[DataRequired(), Length(max=40)])
    value = TextAreaField(_l("New value"), validators=[Length(max=4000)])
    revert = BooleanField(_l("Back to the generated value"))


class RegenerateForm(FlaskForm):
    discard_edits = BooleanField(_l("Discard my edits"))


class CapForm(FlaskForm):
    department_id = IdField(validators=[DataRequired()])
    cap = SelectField(_l("Level cap"), choices=[SelectChoice("", _l("no cap")), SelectChoice("1", _l("crawl")),
                               SelectChoice("2", _l("walk")), SelectChoice("3", _l("run"))],
                      validators=[Optional()])
    reason = StringField(_l("Reason"), validators=[Length(max=500)])


class PilotForm(FlaskForm):
    """R-MAP-6: the consultant's pilot department; empty: the generator's choice."""

    department_id = IdField(validators=[Optional()])


class TrackStartForm(FlaskForm):
    department_id = IdField(validators=[DataRequired()])
    start = DateField(_l("Track starts on"), validators=[Optional()])
