"""Set-up forms: engagement facts, departments (with the questionnaire's use-case fit section),
project team, reusable assets, sharing, and the confirm step of a deletion."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..edge import FiniteFloatField
from ..method.definition import Questionnaire

C = SelectChoice
LEVEL_CHOICES = [C(0, _l("none: no CRM use yet")), C(1, _l("crawl")), C(2, _l("walk")), C(3, _l("run"))]
CAP_CHOICES = [C("", _l("no cap")), C("1", _l("crawl")), C("2", _l("walk")), C("3", _l("run"))]
SIDE_CHOICES = [C("business", _l("business")), C("it", _l("IT"))]
FIT_PREFIX = "fit_"


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class EngagementForm(FlaskForm):
    client = StringField(_l("Client"), validators=[
        DataRequired(message=_l("Enter the client's name.")), Length(max=200)])
    sector = StringField(_l("Sector"), validators=[Length(max=120)])
    sponsor_name = StringField(_l("Executive sponsor"), validators=[Length(max=120)],
                               description=_l("Who at the client owns the project (R-RED-3)."))
    sponsor_hours_per_month = FiniteFloatField(
        _l("Sponsor's hours per month"),
        validators=[Optional(), NumberRange(min=0, max=744, message=_l("Enter hours between 0 and 744."))],
        description=_l("Time the sponsor commits; none at all is a red light (R-RED-3)."))
    start_date = DateField(_l("Start date"), validators=[InputRequired(message=_l("Enter a date."))])
    questionnaire_version_id = SelectField(_l("Questionnaire version"), coerce=int,
                                           validators=[InputRequired()])

    def set_versions(self, versions) -> None:
        self.questionnaire_version_id.choices = [
            SelectChoice(v.id, f"{v.title} v{v.version} · {v.content_hash[:8]}") for v in versions]


class DepartmentForm(FlaskForm):
    """Name, today's level, cap and reason; `department_form` adds one select per fit question."""

    name = StringField(_l("Department"), validators=[DataRequired(), Length(max=120)])
    current_level = SelectField(_l("Works at today"), coerce=int, choices=LEVEL_CHOICES, default=0)
    level_cap = SelectField(_l("Level cap"), coerce=_optional_int, choices=CAP_CHOICES,
                            validate_choice=False,
                            description=_l("Some processes should never reach run (R-CWR-3)."))
    cap_reason = TextAreaField(_l("Why the cap"), validators=[Length(max=500)])

    def validate_level_cap(self, field):
        if field.data not in (None, 1, 2, 3):
            raise ValidationError(_l("Choose crawl, walk, run or no cap."))

    def validate_cap_reason(self, field):
        if self.level_cap.data is not None and not (field.data or "").strip():
            raise ValidationError(_l("Say why the level is capped (R-CWR-3)."))

    def fit_fields(self):
        return [f for f in self if f.name.startswith(FIT_PREFIX)]

    def fit_answers(self) -> dict[str, str]:
        return {f.name[len(FIT_PREFIX):]: f.data for f in self.fit_fields() if f.data}


def department_form(questionnaire: Questionnaire, lang: str, **kwargs) -> DepartmentForm:
    """A DepartmentForm with the questionnaire's use-case fit questions (R-CWR-0) in `lang`."""

    class Form(DepartmentForm):
        pass

    for question in questionnaire.fit:
        choices = [SelectChoice("", _l("not answered yet"))] + [
            SelectChoice(o.id, o.text.get(lang)) for o in question.options]
        setattr(Form, FIT_PREFIX + question.id, SelectField(question.text.get(lang), choices=choices,
                                                            default=""))
    obj = kwargs.pop("obj", None)
    form = Form(obj=obj, **kwargs)
    if obj is not None and kwargs.get("formdata", True) is None:
        for field in form.fit_fields():
            field.data = (obj.fit_answers or {}).get(field.name[len(FIT_PREFIX):], "")
        form.level_cap.data = obj.level_cap
    return form


class NewDepartmentForm(FlaskForm):
    name = StringField(_l("Department"), validators=[DataRequired(), Length(max=120)])
    current_level = SelectField(_l("Works at today"), coerce=int, choices=LEVEL_CHOICES, default=0)


class TeamMemberForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    side = SelectField(_l("Side"), choices=SIDE_CHOICES, default="business",
                       description=_l("A team with no business-side member is a red light (R-RED-4)."))
    role = StringField(_l("Role in the project"), validators=[Length(max=120)])


class AssetForm(FlaskForm):
    name = StringField(_l("Project or asset"), validators=[DataRequired(), Length(max=200)])
    kind = StringField(_l("Kind"), validators=[Length(max=60)],
                       description=_l("e.g. data warehouse, call centre, e-commerce, customer data"))
    description = TextAreaField(_l("What it offers the roadmap"), validators=[Length(max=5000)])


class ConfirmForm(FlaskForm):
    confirm = BooleanField(_l("Yes, delete it"))


class ShareForm(FlaskForm):
    email = EmailField(_l("Email of an existing account"), validators=[
        DataRequired(), Email(message=_l("Enter a valid email address.")), Length(max=254)])
