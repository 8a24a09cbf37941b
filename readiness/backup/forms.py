from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SubmitField


class ImportForm(FlaskForm):
    backup = FileField(_l("Backup file (.json)"),
                       description=_l("A file exported from an engagement's Export button or "
                                      "with readiness export."))
    submit = SubmitField(_l("Import"))
