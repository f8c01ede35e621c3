"""`samspil import projects FILE` and `samspil import participants FILE`: the start and stop
forms from CSV/XLSX, all or nothing; re-importing updates the same participants."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samspil.companies.models import Company
from samspil.core.imports import Importer, validation_errors
from samspil.core.validators import normalise_cvr
from samspil.participants import crypto
from samspil.participants.identifiers import parse
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    START_FORM,
    Answer,
    EmploymentStatus,
    Enrolment,
    Gender,
    Participant,
    YesNo,
)
from samspil.programmes.models import Fund, Project


def _date(value: str, column: str, errors: dict):
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.setdefault(column, []).append(_("Write the date as YYYY-MM-DD."))
        return None


class ProjectImporter(Importer):
    required = ("code", "name", "fund", "start_date", "end_date")
    key = "code"

    def prepare(self, rows):
        self.existing = Project.objects.in_bulk(
            [r.get("code", "").strip() for r in rows if r], field_name="code"
        )

    def build(self, row):
        errors = {}
        code = row.get("code", "").strip()
        project = self.existing.get(code) or Project(code=code)
        project.name = row.get("name", "").strip()
        project.fund = row.get("fund", "").strip().lower()
        if project.fund not in Fund.values:
            errors["fund"] = [_("The fund is esf2014 or esfplus.")]
        project.start_date = _date(row.get("start_date", ""), "start_date", errors)
        project.end_date = _date(row.get("end_date", ""), "end_date", errors)
        try:
            project.full_clean(exclude=list(errors), validate_unique=False)
        except ValidationError as exc:
            for column, messages in validation_errors(exc).items():
                errors.setdefault(column, []).extend(messages)
        return project, errors


class ParticipantImporter(Importer):
    required = ("project", "personal_id", "personal_id_type", "start_date")
    key = ""

    def prepare(self, rows):
        projects = Project.objects.all()
        if self.actor is not None and not self.actor.is_superuser:
            # On the page: only into projects whose team the importing user is on.
            projects = projects.restrict(self.actor, "change")
        self.projects = {p.code: p for p in projects}
        self.companies = {c.cvr: c for c in Company.objects.exclude(cvr__isnull=True)}
        self.seen = {}
        self.people = {}  # one participant per identifier within the file, new or not

    def build(self, row):
        errors: dict[str, list[str]] = {}
        project = self.projects.get(row.get("project", "").strip())
        if project is None:
            errors["project"] = [
                _("Unknown project code “%(code)s”, or you are not on its team.")
                % {"code": row.get("project", "")}
            ]
        identifier = None
        kind = row.get("personal_id_type", "").strip().lower()
        if kind not in Participant.IdentifierType.values:
            errors["personal_id_type"] = [_("The identifier type is cpr, personnummer or other.")]
        else:
            try:
                identifier = parse(kind, row.get("personal_id", ""))
            except ValidationError as exc:
                errors["personal_id"] = exc.messages
        participant = None
        if identifier is not None:
            digest = crypto.lookup_hash(identifier.kind, identifier.value)
            participant = self.people.get(digest) or (
                Participant.objects.filter(identifier_hash=digest).first() or Participant()
            )
            self.people[digest] = participant
            participant.set_identifier(identifier)
            key = (digest, project.pk if project else None)
            if key in self.seen:
                errors["personal_id"] = [_("Repeats row %(row)s.") % {"row": self.seen[key]}]
        gender = row.get("gender", "").strip().lower()
        if gender and gender not in Gender.values:
            errors["gender"] = [_("The gender is female, male or non_binary.")]
        birth = _date(row.get("birth_date", ""), "birth_date", errors)
        if (
            identifier is not None
            and identifier.birth_date
            and birth
            and birth != identifier.birth_date
        ):
            errors["birth_date"] = [_("The birth date does not match the personal identifier.")]
        enrolment = Enrolment(project=project) if project else Enrolment()
        if participant is not None and participant.pk and project:
            enrolment = (
                Enrolment.objects.filter(participant=participant, project=project).first()
                or enrolment
            )
        first_entry = (
            {name: getattr(enrolment, name) for name in START_FORM} if enrolment.pk else {}
        )
        enrolment.entry_date = _date(row.get("start_date", ""), "start_date", errors)
        status = row.get("employment_status", "").strip().lower()
        if status and status not in EmploymentStatus.values:
            errors["employment_status"] = [
                _("Unknown employment status “%(value)s”.") % {"value": status}
            ]
        enrolment.employment_status = status
        isced = row.get("isced", "").strip()
        if isced and (not isced.isdigit() or int(isced) > 8):
            errors["isced"] = [_("ISCED is a level from 0 to 8.")]
        enrolment.isced = int(isced) if isced.isdigit() else None
        for column in CHARACTERISTICS:
            value = row.get(column, "").strip().lower()
            if value and value not in Answer.values:
                errors[column] = [_("Write yes, no or declined.")]
            setattr(enrolment, column, value)
        # ESF.md: entry date and entry data stay from the first entry; a later file only
        # completes what was not recorded, while leaving date and results are updated.
        for name, value in first_entry.items():
            if value not in (None, ""):
                setattr(enrolment, name, value)
        enrolment.leaving_date = _date(row.get("end_date", ""), "end_date", errors)
        for column in (*RESULTS, "employed_6m", "improved_situation_6m"):
            value = row.get(column, "").strip().lower()
            if value and value not in YesNo.values:
                errors[column] = [_("Write yes or no.")]
            setattr(enrolment, column, value)
        employer = None
        if row.get("employer_cvr", "").strip():
            try:
                employer = self.companies.get(normalise_cvr(row["employer_cvr"]))
                if employer is None:
                    errors["employer_cvr"] = [
                        _("No company with CVR %(cvr)s is registered.")
                        % {"cvr": row["employer_cvr"]}
                    ]
            except ValidationError as exc:
                errors["employer_cvr"] = exc.messages
        if not errors:
            try:
                enrolment.full_clean(exclude=["participant", "project"], validate_unique=False)
            except ValidationError as exc:
                for column, messages in validation_errors(exc).items():
                    errors.setdefault(
                        {"leaving_date": "end_date", "entry_date": "start_date"}.get(
                            column, column
                        ),
                        [],
                    ).extend(messages)
        if participant is not None and not errors:
            self.seen[(participant.identifier_hash, project.pk)] = self.row_number
            participant.gender = gender or participant.gender
            participant.birth_date = (
                birth or (identifier.birth_date if identifier else None) or participant.birth_date
            )
            participant.employer = employer or participant.employer
        return StartAndStopForm(participant, enrolment), errors

    def save(self, record):
        record.participant.save()
        record.enrolment.participant = record.participant
        record.enrolment.save()


class StartAndStopForm:
    """One row of the file: a participant and their enrolment (new when its pk is None)."""

    def __init__(self, participant, enrolment):
        self.participant = participant
        self.enrolment = enrolment

    @property
    def pk(self):
        return self.enrolment.pk
