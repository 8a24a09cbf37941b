"""Consultant-side forms: add one respondent, import a CSV, and the CSRF-only action form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from .models import RESPONDENT_ROLES

ROLE_LABELS = {
    "executive": _l("Executive"),
    "manager": _l("Manager"),
    "front_line": _l("Front line"),
    "it": _l("IT"),
    "other": _l("Other"),
}
STATUS_LABELS = {
    "invited": _l("invited"),
    "started": _l("started"),
    "completed": _l("completed"),
    "revoked": _l("revoked"),
}
#: Pasted text is at most this long (the upload limit is the app's MAX_CONTENT_LENGTH).
MAX_PASTE = 2_000_000


class RespondentForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r])
                                                for r in RESPONDENT_ROLES])
    department = SelectField(_l("Department"), coerce=int)
    submit = SubmitField(_l("Add respondent"))

    def set_departments(self, engagement) -> None:
        self.department.choices = [SelectChoice(0, _l("(no department)"))] + [
            SelectChoice(d.id, d.name) for d in engagement.departments]


class ImportForm(FlaskForm):
    csv_text = TextAreaField(_l("Paste CSV"), validators=[Length(max=MAX_PASTE)])
    csv_file = FileField(_l("or upload a CSV file"))
    submit = SubmitField(_l("Import"))

    def validate_csv_text(self, field):
        if not (field.data or "").strip() and not self.csv_file.data:
            raise ValidationError(_l("Paste CSV text or choose a file."))


class ActionForm(FlaskForm):
    """Revoke / re-issue / reopen: a button and the CSRF token."""
