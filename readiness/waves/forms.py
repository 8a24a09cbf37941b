"""The confirm step of starting a wave: which questionnaire version it asks."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired, InputRequired


class StartWaveForm(FlaskForm):
    questionnaire_version_id = SelectField(_l("Questionnaire version"), coerce=int,
                                           validators=[InputRequired()])
    confirm = BooleanField(_l("Close the current wave: its links stop working and its answers can "
                              "no longer change"), validators=[DataRequired()])

    def set_versions(self, versions, current_id: int) -> None:
        """The current version or a newer one of the same questionnaire (R-WAVE-1)."""
        self.questionnaire_version_id.choices = [
            (v.id, f"{v.title} v{v.version}" + (" " + str(_l("(current)")) if v.id == current_id
                                                else "")) for v in versions]
