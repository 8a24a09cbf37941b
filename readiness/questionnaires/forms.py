"""Questionnaire management forms: upload, copy, and the edit forms (general texts with the
settings; one block's items). Edit forms are built from the definition they edit; their values go
back into the definition in services' `save_edit`, which validates the whole of it again."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from ..edge import BoundedIntegerField, FiniteFloatField
from ..method.definition import BLOCK_IDS

TEXT_MAX = 2000
LANGS = ("en", "zh")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class UploadForm(FlaskForm):
    file = FileField(_l("Definition file"), description=_l(
        "A YAML or JSON file in the format of the built-in questionnaire (download one to see "
        "it), at most 256 KB."))


class CopyForm(FlaskForm):
    key = StringField(_l("New questionnaire id"), filters=[_strip], validators=[
        DataRequired(), Length(max=80),
        Regexp(r"^[a-z0-9][a-z0-9-]*$", message=_l("Lower-case letters, digits and dashes."))],
        description=_l("e.g. crm-readiness-retail: lower-case letters, digits and dashes."))
    version = StringField(_l("Version label"), filters=[_strip], default="1.0",
                          validators=[DataRequired(), Length(max=40)])
    title_en = StringField(_l("Title (English)"), filters=[_strip],
                           validators=[DataRequired(), Length(max=200)])
    title_zh = StringField(_l("Title (Chinese)"), filters=[_strip],
                           validators=[DataRequired(), Length(max=200)])


class DiffForm(FlaskForm):
    """GET form (no CSRF: it changes nothing) choosing the two versions to compare."""

    class Meta:
        csrf = False

    old = SelectField(_l("From version"), coerce=int, validate_choice=True)
    new = SelectField(_l("To version"), coerce=int, validate_choice=True)


def _text_fields(form: type, prefix: str, label: str, required: bool, area: bool = False) -> None:
    kind = TextAreaField if area else StringField
    for lang in LANGS:
        checks = [DataRequired()] if required else [Optional()]
        setattr(form, f"{prefix}_{lang}", kind(
            f"{label} ({'English' if lang == 'en' else '中文'})", filters=[_strip],
            validators=[*checks, Length(max=TEXT_MAX)]))


#: Settings fields: (name, label, integer?, minimum, maximum) -- the bounds of Settings.
SETTINGS: tuple[tuple[str, Any, bool, float, float], ...] = (
    ("low_sample", _l("Low sample: fewer answers than this are flagged"), True, 1, 1000),
    ("dont_know_flag", _l("Share of \"don't know\" that flags an item (0-1)"), False, 0, 1),
    ("gap_threshold", _l("Perception gap threshold (levels)"), False, 0.1, 4),
    ("tech_ahead_margin", _l("Technology-ahead margin (points)"), False, 0, 100),
    ("red_strategy_threshold", _l("Red light: vision and strategy below"), False, 0, 100),
    ("red_change_threshold", _l("Red light: change readiness below"), False, 0, 100),
    ("lead_return_days", _l("Lead-return period (days)"), True, 1, 365),
    ("votes_per_participant", _l("Pain votes per workshop participant"), True, 1, 20),
    ("top_pains", _l("Top pains carried to the roadmap"), True, 1, 20),
    ("phase0_weeks", _l("Phase 0 weeks without red lights"), True, 1, 52),
    ("weeks_per_red_light", _l("Phase 0 weeks added per red light"), True, 0, 52),
    ("phase0_max_weeks", _l("Phase 0 at most (weeks)"), True, 1, 104),
    ("max_objectives", _l("Objectives at most"), True, 1, 20),
    ("amber_days", _l("Days overdue before a checkpoint turns amber"), True, 1, 365),
    ("wave_max_drop", _l("Largest allowed drop of a prerequisite block between waves"), False, 0, 100),
)
CONFIDENCES = ("low", "medium", "high")


def general_form(definition: dict[str, Any], formdata: Any = ...) -> FlaskForm:
    """Version label, title, description and every setting, filled from `definition`."""

    class Form(FlaskForm):
        version = StringField(_l("Version label"), filters=[_strip],
                              validators=[DataRequired(), Length(max=40)])

    _text_fields(Form, "title", str(_l("Title")), True)
    _text_fields(Form, "description", str(_l("Description")), False, area=True)
    for name, label, integer, low, high in SETTINGS:
        kind = BoundedIntegerField if integer else FiniteFloatField
        setattr(Form, f"s_{name}", kind(label, validators=[
            DataRequired() if integer and low > 0 else Optional(), NumberRange(min=low, max=high)]))
    for level in CONFIDENCES:
        setattr(Form, f"conf_{level}", FiniteFloatField(
            _l("Weight of a %(level)s-confidence answer", level=level),
            validators=[DataRequired(), NumberRange(min=0.01, max=1)]))
    for stage in ("walk", "run"):
        for block in BLOCK_IDS:
            setattr(Form, f"{stage}_{block}", FiniteFloatField(
                f"{block}", validators=[Optional(), NumberRange(min=0, max=100)]))
    settings = definition.get("settings", {})
    data: dict[str, Any] = {"version": definition.get("version")}
    for part in ("title", "description"):
        for lang in LANGS:
            data[f"{part}_{lang}"] = (definition.get(part) or {}).get(lang, "")
    data.update({f"s_{name}": settings.get(name) for name, *_ in SETTINGS})
    data.update({f"conf_{c}": settings.get("confidence_weights", {}).get(c) for c in CONFIDENCES})
    for stage in ("walk", "run"):
        for block in BLOCK_IDS:
            data[f"{stage}_{block}"] = settings.get(f"{stage}_prerequisites", {}).get(block)
    kwargs = {} if formdata is ... else {"formdata": formdata}
    return Form(data=data, **kwargs)


def apply_general(form: FlaskForm, data: dict[str, Any]) -> None:
    data["version"] = form.version.data
    data["title"] = {lang: form[f"title_{lang}"].data for lang in LANGS}
    description = {lang: form[f"description_{lang}"].data or "" for lang in LANGS}
    data["description"] = description if any(description.values()) else None
    settings = data.setdefault("settings", {})
    for name, *_ in SETTINGS:
        if form[f"s_{name}"].data is not None:
            settings[name] = form[f"s_{name}"].data
    settings["confidence_weights"] = {c: form[f"conf_{c}"].data for c in CONFIDENCES}
    for stage in ("walk", "run"):
        settings[f"{stage}_prerequisites"] = {
            b: form[f"{stage}_{b}"].data for b in BLOCK_IDS if form[f"{stage}_{b}"].data is not None}


def block_form(block: dict[str, Any], formdata: Any = ...) -> FlaskForm:
    """One block: its title, description and weight; each item's weight, flags, text and five
    anchors (en and zh), a Remove box per item, and one empty slot for a new item."""

    class Form(FlaskForm):
        weight = FiniteFloatField(_l("Block weight"), validators=[
            DataRequired(), NumberRange(min=0.1, max=10)])

    _text_fields(Form, "title", str(_l("Title")), True)
    _text_fields(Form, "description", str(_l("Description")), False, area=True)
    data: dict[str, Any] = {"weight": block.get("weight", 1.0)}
    for lang in LANGS:
        data[f"title_{lang}"] = block["title"][lang]
        data[f"description_{lang}"] = (block.get("description") or {}).get(lang, "")
    slots = [(str(n), item) for n, item in enumerate(block["items"])] + [("new", None)]
    for slot, item in slots:
        new = item is None
        p = f"i{slot}"
        setattr(Form, f"{p}_weight", FiniteFloatField(_l("Weight"), validators=[
            Optional() if new else DataRequired(), NumberRange(min=0.1, max=10)]))
        setattr(Form, f"{p}_customer_input", BooleanField(_l("Asks for the customers' own voice")))
        if not new:
            setattr(Form, f"{p}_remove", BooleanField(_l("Remove this item")))
        _text_fields(Form, f"{p}_text", str(_l("Statement")), not new, area=True)
        for level in range(1, 6):
            _text_fields(Form, f"{p}_l{level}", str(_l("Level %(n)d", n=level)), not new)
        if new:
            continue
        data[f"{p}_weight"] = item["weight"]
        data[f"{p}_customer_input"] = item.get("customer_input", False)
        for lang in LANGS:
            data[f"{p}_text_{lang}"] = item["text"][lang]
            for level in range(1, 6):
                data[f"{p}_l{level}_{lang}"] = item["levels"][str(level)][lang]
    kwargs = {} if formdata is ... else {"formdata": formdata}
    form = Form(data=data, **kwargs)
    form.slots = slots
    return form


def _item_values(form: FlaskForm, p: str) -> dict[str, Any]:
    return {
        "weight": form[f"{p}_weight"].data,
        "customer_input": bool(form[f"{p}_customer_input"].data),
        "text": {lang: form[f"{p}_text_{lang}"].data for lang in LANGS},
        "levels": {str(n): {lang: form[f"{p}_l{n}_{lang}"].data for lang in LANGS}
                   for n in range(1, 6)}}


def apply_block(form: FlaskForm, block: dict[str, Any]) -> None:
    """Write the form into `block` (part of a definition being edited)."""
    block["weight"] = form.weight.data
    block["title"] = {lang: form[f"title_{lang}"].data for lang in LANGS}
    description = {lang: form[f"description_{lang}"].data or "" for lang in LANGS}
    block["description"] = description if any(description.values()) else None
    kept = []
    for n, item in enumerate(block["items"]):
        if form[f"i{n}_remove"].data:
            continue
        kept.append({**item, **_item_values(form, f"i{n}")})
    new = _item_values(form, "inew")
    if any(v for text in [new["text"], *new["levels"].values()] for v in text.values()):
        numbers = [int(i["id"].split(".")[-1]) for i in block["items"]
                   if i["id"].split(".")[-1].isdigit()]
        new["id"] = f"{block['id']}.{max(numbers, default=0) + 1}"
        new["weight"] = new["weight"] or 1.0
        kept.append(new)
    block["items"] = kept
