from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Email, Length

from ..auth.models import Role

ROLE_CHOICES = [SelectChoice(Role.CONSULTANT.value, _l("Consultant")),
                SelectChoice(Role.VIEWER.value, _l("Client viewer")),
                SelectChoice(Role.PROJECT_TEAM.value, _l("Client project team")),
                SelectChoice(Role.ADMIN.value, _l("Admin"))]


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        DataRequired(), Email(message=_l("Enter a valid email address.")), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=Role.CONSULTANT.value)
    submit = SubmitField(_l("Create user"))


class ActiveForm(FlaskForm):
    """Deactivate (active=0) or reactivate (active=1) an account."""

    active = HiddenField(validators=[AnyOf(["0", "1"])])


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (password reset)."""
