"""The pain point form: every field of METHOD.md section 4."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..method.definition import Questionnaire
from .models import AFFECTED_PARTIES

PARTY_LABELS = {
    "customer": _l("Customer"),
    "competitor": _l("Competitor"),
    "supplier": _l("Supplier"),
    "partner": _l("Partner"),
    "employee": _l("Employee"),
}
SEVERITY_LABELS = {1: _l("1 · minor annoyance"), 2: _l("2 · noticeable"), 3: _l("3 · costly"),
                   4: _l("4 · serious: hurts customers or revenue"),
                   5: _l("5 · critical: threatens the business")}
FREQUENCY_LABELS = {1: _l("1 · rarely (a few times a year)"), 2: _l("2 · monthly"),
                    3: _l("3 · weekly"), 4: _l("4 · daily"),
                    5: _l("5 · constantly (many times a day)")}


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PainForm(FlaskForm):
    title = StringField(_l("Title"), validators=[
        DataRequired(message=_l("Give the pain point a short title.")), Length(max=200)])
    scenario = TextAreaField(_l("Scenario"), validators=[Length(max=5000)], description=_l(
        "How it shows up: a story, a role play or a storyboard (who, when, what goes wrong)."))
    affected_party = SelectField(_l("Affected party"), default="customer", choices=[
        SelectChoice(p, PARTY_LABELS[p]) for p in AFFECTED_PARTIES])
    blocks = MultiCheckboxField(_l("Related building blocks"), choices=[])
    department_id = SelectField(_l("Department"), coerce=_optional_int, choices=[])
    severity = SelectField(_l("Severity"), coerce=int, default=3, validators=[
        InputRequired(message=_l("Choose a severity from 1 to 5."))], choices=[
        SelectChoice(n, SEVERITY_LABELS[n]) for n in range(1, 6)])
    frequency = SelectField(_l("Frequency"), coerce=int, default=3, validators=[
        InputRequired(message=_l("Choose a frequency from 1 to 5."))], choices=[
        SelectChoice(n, FREQUENCY_LABELS[n]) for n in range(1, 6)],
        description=_l("Priority = severity x frequency, plus workshop dot votes (R-PAIN-1)."))
    business_impact = TextAreaField(_l("Business impact"), validators=[Length(max=5000)],
                                    description=_l("What it costs: money, customers, time, risk."))
    owner = StringField(_l("Owner"), validators=[Length(max=120)],
                        description=_l("Who at the client owns solving it."))

    def setup(self, engagement, questionnaire: Questionnaire, lang: str) -> PainForm:
        self.blocks.choices = [SelectChoice(b.id, f"{b.id} {b.title.get(lang)}")
                               for b in questionnaire.blocks]
        self.department_id.choices = [SelectChoice("", _l("(whole organisation)"))] + [
            SelectChoice(d.id, d.name) for d in engagement.departments]
        return self

    def values(self) -> dict:
        return {f.name: f.data for f in self if f.name != "csrf_token"}


class DeleteForm(FlaskForm):
    """The CSRF token of a delete button."""
