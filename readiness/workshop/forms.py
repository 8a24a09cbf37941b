"""Workshop forms: the facilitator's controls and the participant's join / answer / capture / vote
forms (the phone pages post these as plain forms without JavaScript, and as JSON with it)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..edge import BoundedIntegerField
from ..method.definition import Questionnaire
from ..pains.forms import FREQUENCY_LABELS, PARTY_LABELS, SEVERITY_LABELS
from ..pains.models import AFFECTED_PARTIES
from ..respondents.forms import ROLE_LABELS  # one wording for roles everywhere
from ..respondents.models import RESPONDENT_ROLES
from .services import MAX_VOTES

ACTIONS = ("pause", "resume", "close", "lobby", "ask", "next", "prev", "reveal", "revote",
           "capture", "voting", "reveal_votes", "set_votes", "split", "unsplit")


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class OpenSessionForm(FlaskForm):
    votes = BoundedIntegerField(_l("Dot votes per participant"), validators=[
        Optional(), NumberRange(min=1, max=MAX_VOTES, message=_l("Between 1 and 20."))])


class ControlForm(FlaskForm):
    """Every facilitator button posts one action (and the item or vote count it needs)."""

    action = HiddenField(validators=[DataRequired()])
    item_id = SelectField(_l("Questionnaire item"), choices=[], validate_choice=False)
    votes = BoundedIntegerField(_l("Votes per participant"), validators=[
        Optional(), NumberRange(min=1, max=MAX_VOTES, message=_l("Between 1 and 20."))])
    confirm = BooleanField(_l("Yes, close the session for everyone"))

    def set_items(self, questionnaire: Questionnaire, lang: str) -> ControlForm:
        self.item_id.choices = {
            f"{block.id} {block.title.get(lang)}": [
                (i.id, f"{i.id} · {_short(i.text.get(lang))}") for i in block.items]
            for block in questionnaire.blocks}
        return self


def _short(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


class AcceptForm(FlaskForm):
    title = StringField(_l("Title in the register"), validators=[DataRequired(), Length(max=200)])
    severity = SelectField(_l("Severity"), coerce=int, default=3, choices=[
        SelectChoice(n, SEVERITY_LABELS[n]) for n in range(1, 6)], validators=[InputRequired()])
    frequency = SelectField(_l("Frequency"), coerce=int, default=3, choices=[
        SelectChoice(n, FREQUENCY_LABELS[n]) for n in range(1, 6)], validators=[InputRequired()])


class MergeForm(FlaskForm):
    target = SelectField(_l("Same pain as"), coerce=_optional_int, choices=[],
                         validate_choice=False, validators=[InputRequired()])


class ActionForm(FlaskForm):
    """Dismiss and the other one-button forms: only the CSRF token."""


class CodeForm(FlaskForm):
    code = StringField(_l("Session code"), validators=[
        DataRequired(message=_l("Type the code shown on the screen.")), Length(max=20)])


class JoinForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[Length(max=60)], description=_l(
        "Shown to the facilitator. Leave it empty to take part anonymously."))
    role = SelectField(_l("Your role"), choices=[SelectChoice(r, ROLE_LABELS[r])
                                                 for r in RESPONDENT_ROLES],
                       validators=[DataRequired(message=_l("Choose your role."))])
    department_id = SelectField(_l("Your department (optional)"), coerce=_optional_int,
                                choices=[], validate_choice=False)

    def set_departments(self, departments) -> JoinForm:
        self.department_id.choices = [SelectChoice("", _l("(prefer not to say)"))] + [
            SelectChoice(d.id, d.name) for d in departments]
        return self


class PainSubmitForm(FlaskForm):
    title = StringField(_l("What hurts? (a short title)"), validators=[
        DataRequired(message=_l("Give the pain a short title.")), Length(max=200)])
    scenario = TextAreaField(_l("How does it show up? Tell a short story."),
                             validators=[Length(max=2000)])
    affected_party = SelectField(_l("Who suffers most?"), default="customer", choices=[
        SelectChoice(p, PARTY_LABELS[p]) for p in AFFECTED_PARTIES])
