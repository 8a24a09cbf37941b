import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from .services import MIN_PASSWORD


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


#: A phone number as people write it: digits, spaces, + ( ) . / - and an "ext" or "x" extension.
PHONE = r"^\+?[0-9 ()./-]*[0-9][0-9 ()./-]*(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$"


def _no_email(form, field):
    """A name the client reads on the cover must not be a login (names.display_name)."""
    if field.data and "@" in field.data:
        raise ValidationError(_l("Write a name here, not an email address."))


def _phone(form, field):
    """One reason at a time: the characters first, then enough digits."""
    if not field.data:
        return
    if not re.fullmatch(PHONE, field.data):
        raise ValidationError(_l("Use digits, spaces and + ( ) . / - only, e.g. +44 20 7946 0958."))
    if sum(c.isdigit() for c in field.data) < 5:
        raise ValidationError(_l("A phone number has at least 5 digits."))


class ProfileForm(FlaskForm):
    """Who the client reads on the report's cover and the respondent's intro page."""

    name = StringField(_l("Name"), filters=[_strip], validators=[
        DataRequired(message=_l("Enter your name.")), Length(max=120), _no_email],
        description=_l("As clients should read it, e.g. Sarah Chen."))
    title = StringField(_l("Title"), filters=[_strip], validators=[Optional(), Length(max=120)],
                        description=_l("Your job title, e.g. Principal Consultant."))
    organisation = StringField(_l("Organisation"), filters=[_strip],
                               validators=[Optional(), Length(max=160), _no_email],
                               description=_l("Your firm, shown after your name: "
                                              "\"Sarah Chen, Northwind Advisory\"."))
    phone = StringField(_l("Phone"), filters=[_strip],
                        validators=[Optional(), Length(max=40), _phone])
    # The language names are written in their own language, as on the header's switch.
    locale = SelectField(_l("Language of your emails"),
                         choices=[SelectChoice("en", "English"), SelectChoice("zh", "简体中文")],
                         description=_l("Checkpoint reminders reach you in this language."))
    submit = SubmitField(_l("Save profile"))


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(_l("New password"), validators=[
        DataRequired(), Length(min=MIN_PASSWORD, max=200,
                               message=_l("The password must have at least %(min)d characters."))])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))])
    submit = SubmitField(_l("Change password"))


class ApiTokenForm(FlaskForm):
    """A new API token (readiness/api): only a name to tell it apart."""

    token_name = StringField(_l("Token name"), filters=[_strip],
                             validators=[DataRequired(message=_l("Name the token.")),
                                         Length(max=80)],
                             description=_l("What it is for, e.g. CRM sync."))
    create = SubmitField(_l("Create a token"))
