"""The data-subject export as a page a person can read: the same data as the JSON file
(``services.data_subject_export``), in sections with the fields' names in the user's language,
choices by their labels and dates as dd.mm.yyyy."""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from samspil.participants.models import Enrolment, Participant

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T")

LABELS = {
    "identifier_type": _("Kind of identifier"),
    "identifier": _("Identifier"),
    "name": _("Name"),
    "gender": _("Gender"),
    "birth_date": _("Birth date"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "employer": _("Employer"),
    "school": _("School"),
    "assessed_on": _("Assessed on"),
    "assessor": _("Assessor"),
    "track": _("Track"),
    "length_weeks": _("Length (weeks)"),
    "merit": _("Merit"),
    "notes": _("Notes"),
    "education": _("Education"),
    "provider": _("Provider"),
    "start_date": _("Start date"),
    "expected_end_date": _("Expected end"),
    "school_periods": _("School periods"),
    "subjects": _("Subjects"),
    "status": _("Status"),
    "at": _("When"),
    "user": _("Who"),
    "action": _("What"),
    "project": _("Project"),
}

SECTIONS = [
    ("enrolments", _("Enrolments in projects (start and stop forms)")),
    ("prior_learning_assessments", _("Prior-learning assessments")),
    ("education_plans", _("Education plans")),
    ("candidacy", _("Recruitment")),
    ("access_log", _("Who has seen the person's data")),
]


def _label(key: str) -> str:
    for model in (Enrolment, Participant):
        try:
            return str(model._meta.get_field(key).verbose_name).capitalize()
        except FieldDoesNotExist:
            continue
    return str(LABELS.get(key, key.replace("_", " ").capitalize()))


def _choice(key: str, value):
    for model in (Enrolment, Participant):
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if field.choices and value not in (None, ""):
            return str(dict(field.flatchoices).get(value, value))
    return value


def _shown(key: str, value) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return str(_("Yes"))
    if value is False:
        return str(_("No"))
    if isinstance(value, str) and ISO_DAY.match(value):
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, str) and ISO_MOMENT.match(value):
        moment = datetime.datetime.fromisoformat(value)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, list):
        return ", ".join(
            " – ".join(_shown(key, v) for v in item)
            if isinstance(item, list)
            else _shown(key, item)
            for item in value
        )
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_shown(k, v)}" for k, v in value.items())
    return str(_choice(key, value))


def _rows(record: dict) -> list[tuple[str, str]]:
    return [(_label(key), _shown(key, value)) for key, value in record.items()]


def readable(data: dict) -> dict:
    """{"person": rows, "sections": [(heading, [rows per record])]} for the template."""
    person = {k: v for k, v in data.items() if k not in dict(SECTIONS)}
    sections = []
    for key, heading in SECTIONS:
        value = data.get(key)
        records = value if isinstance(value, list) else ([value] if value else [])
        sections.append((heading, [_rows(r) for r in records if isinstance(r, dict)]))
    return {"person": _rows(person), "sections": sections}
