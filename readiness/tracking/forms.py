from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from ..edge import IdField
from ..method.tracking import DONE, DROPPED, IN_PROGRESS, PLANNED, SLIPPED

#: R-TRACK-1 statuses in the team's words (the board's columns, the form's choices).
STATUS_LABELS = {PLANNED: _l("Planned"), IN_PROGRESS: _l("In progress"), SLIPPED: _l("Slipped"),
                 DONE: _l("Done"), DROPPED: _l("Dropped")}


class UpdateForm(FlaskForm):
    status = SelectField(_l("Status"), choices=[SelectChoice(k, v) for k, v in STATUS_LABELS.items()],
                         validators=[DataRequired()])
    owner = SelectField(_l("Owner"), choices=[], validate_choice=False, validators=[Optional()])
    started_on = DateField(_l("Started on"), validators=[Optional()])
    done_on = DateField(_l("Done on"), validators=[Optional()],
                        description=_l("Empty: today, when you mark it done."))
    evidence = TextAreaField(_l("Evidence"), validators=[Length(max=4000)],
                             description=_l("What shows it is done: minutes, a sign-off, a link."))
    file = FileField(_l("Attach a file"),
                     description=_l("PDF, image, text, CSV or Office file, at most 4 MB."))
    drop_reason = StringField(_l("Reason for dropping"), validators=[Length(max=500)])

    def setup(self, choices: list[tuple[str, str]]) -> "UpdateForm":
        self.owner.choices = [SelectChoice("", _l("As planned in the roadmap"))] + [
            SelectChoice(value, label) for value, label in choices]
        return self


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=4000)])


class FeedForm(FlaskForm):
    member_id = IdField(validators=[Optional()])


class PostForm(FlaskForm):
    """A button that changes data (start tracking, revoke a feed): CSRF only."""
