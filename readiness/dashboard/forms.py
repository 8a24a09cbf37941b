"""The dashboard's filter: a plain GET form (no CSRF: it changes nothing), works without JS."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf

from ..engagements.models import Engagement
from ..method.types import ROLES
from .services import Filters
from .view import role_label


class FilterForm(Form):
    department = SelectField(_l("Department"), default="", validate_choice=False)
    role = SelectField(_l("Role"), default="", validate_choice=False)
    source = SelectField(_l("Answers from"), default="", validate_choice=False,
                         choices=[SelectChoice("", _l("Links and workshops")),
                                  SelectChoice("survey", _l("Personal links")),
                                  SelectChoice("workshop", _l("Workshop sessions"))],
                         validators=[AnyOf(["", "survey", "workshop"],
                                           message=_l("Choose links or workshops."))])

    def __init__(self, formdata, engagement: Engagement, lang: str = "en"):
        super().__init__(formdata)
        departments = [(str(d.id), d.name) for d in engagement.departments]
        self.department.choices = [("", _l("All departments")), *departments]
        self.department.validators = [AnyOf(
            ["", *(value for value, _ in departments)],
            message=_l("Choose one of this engagement's departments."))]
        self.role.choices = [("", _l("All roles"))] + [(r, role_label(r, lang)) for r in ROLES]
        self.role.validators = [AnyOf(["", *ROLES], message=_l("Choose one of the roles."))]

    def filters(self) -> Filters:
        """The validated choice ("" is all)."""
        department, role = self.department.data or "", self.role.data or ""
        return Filters(int(department) if department else None, role or None,
                       self.source.data or None)
