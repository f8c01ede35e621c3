"""`samspil import projects FILE` and `samspil import participants FILE`: the start and stop
forms from CSV/XLSX, all or nothing; re-importing updates the same participants."""

import contextlib
import datetime

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samspil.companies.models import Company
from samspil.core.audit import audit_changes, audit_snapshot, log_bulk
from samspil.core.bulk import blank, insert_rows, update_rows
from samspil.core.imports import Importer, validation_errors
from samspil.core.validators import normalise_cvr
from samspil.participants import crypto
from samspil.participants.identifiers import parse
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    START_FORM,
    STOP_FORM,
    Answer,
    EmploymentStatus,
    Enrolment,
    Gender,
    Participant,
    YesNo,
)
from samspil.participants.services import complete_person
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
    kind = "projects"

    @property
    def kind_label(self) -> str:
        return _("projects")

    def prepare(self, rows):
        self.existing = Project.objects.in_bulk(
            [r.get("code", "").strip() for r in rows if r], field_name="code"
        )

    def build(self, row):
        errors = {}
        code = row.get("code", "").strip()
        project = self.existing.get(code) or Project(code=code)
        self.remember(project)
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
        if project.pk is not None:
            project._import_changed = bool(audit_changes(project._audit_before, project))
        return project, errors

    def save_batch(self, records):
        self.write(Project, records, ["name", "fund", "start_date", "end_date", "updated_at"])


class ParticipantImporter(Importer):
    """Set-based: per batch, one query each for the projects, the people (by lookup hash), their
    enrolments in those projects and the employers; new records are written with
    ``bulk_create``, changed ones with ``bulk_update``, and the audit entries in bulk."""

    required = ("project", "personal_id", "personal_id_type", "start_date")
    key = "personal_id"
    kind = "participants"
    from samspil.programmes.totals import imported as finish  # running totals, once per file

    @property
    def kind_label(self) -> str:
        return _("participants")

    def __init__(self, *, actor=None):
        super().__init__(actor=actor)
        self.projects: dict[str, Project] = {}
        self.unknown_projects: set[str] = set()

    def prepare(self, rows):
        codes = {r.get("project", "").strip() for r in rows if r}
        codes -= self.projects.keys() | self.unknown_projects
        if codes:
            projects = Project.objects.filter(code__in=codes)
            if self.actor is not None and not self.actor.is_superuser:
                # On the page: only into projects whose team the importing user is on.
                projects = projects.restrict(self.actor, "change")
            self.projects.update({p.code: p for p in projects})
            self.unknown_projects |= codes - self.projects.keys()
        self.identifiers = {}  # row id -> Identifier or the ValidationError
        self.digests = {}  # row id -> the identifier's lookup hashes, newest key first
        digests = set()
        cvrs = set()
        for row in rows:
            if not row:
                continue
            kind = row.get("personal_id_type", "").strip().lower()
            if kind in IDENTIFIER_TYPES:
                try:
                    identifier = parse(kind, row.get("personal_id", ""))
                except ValidationError as exc:
                    identifier = exc
                else:
                    # Under every configured key: during a key rotation a person may still
                    # be stored under the old one, and must be found, not created again.
                    hashes = crypto.lookup_hashes(identifier.kind, identifier.value)
                    digests.update(hashes)
                    self.digests[id(row)] = hashes
                self.identifiers[id(row)] = identifier
            cvr = row.get("employer_cvr", "").strip()
            if cvr:
                with contextlib.suppress(ValidationError):
                    cvrs.add(normalise_cvr(cvr))
        # One participant per identifier within the batch, new or not.
        self.people = {
            p.identifier_hash: p for p in Participant.objects.filter(identifier_hash__in=digests)
        }
        self.before = {}  # id(record) -> its audited values before this import changed it
        self.enrolments = {}
        if self.people and self.projects:
            self.enrolments = {
                (e.participant_id, e.project_id): e
                for e in Enrolment.objects.filter(
                    participant__in=[p.pk for p in self.people.values()],
                    project__in=[p.pk for p in self.projects.values()],
                )
            }
        self.companies = {c.cvr: c for c in Company.objects.filter(cvr__in=cvrs)} if cvrs else {}

    def _snapshot(self, record) -> None:
        if record.pk is not None and id(record) not in self.before:
            self.before[id(record)] = audit_snapshot(record)

    def build(self, row):
        errors: dict[str, list[str]] = {}
        project = self.projects.get(row.get("project", "").strip())
        if project is None:
            errors["project"] = [
                _("Unknown project code “%(code)s”, or you are not on its team.")
                % {"code": row.get("project", "")}
            ]
        identifier = self.identifiers.get(id(row))
        if identifier is None:
            errors["personal_id_type"] = [_("The identifier type is cpr, personnummer or other.")]
        elif isinstance(identifier, ValidationError):
            errors["personal_id"] = identifier.messages
            identifier = None
        participant = None
        if identifier is not None:
            hashes = self.digests[id(row)]
            participant = next((self.people[h] for h in hashes if h in self.people), None)
            if participant is None:
                participant = blank(Participant)
                participant.set_identifier(identifier)
                self.people[hashes[0]] = participant
        gender = row.get("gender", "").strip().lower()
        if gender and gender not in GENDERS:
            errors["gender"] = [_("The gender is female, male or non_binary.")]
        birth = _date(row.get("birth_date", ""), "birth_date", errors)
        enrolment = None
        if participant is not None and participant.pk and project:
            enrolment = self.enrolments.get((participant.pk, project.pk))
        if enrolment is None:
            enrolment = blank(Enrolment)
            if project:
                enrolment.project = project
            first_entry = {}
        else:
            self._snapshot(enrolment)
            first_entry = {name: getattr(enrolment, name) for name in START_FORM}
        enrolment.entry_date = _date(row.get("start_date", ""), "start_date", errors)
        status = row.get("employment_status", "").strip().lower()
        if status and status not in EMPLOYMENT_STATUSES:
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
            if value and value not in ANSWERS:
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
            if value and value not in YES_NO:
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
            if enrolment.entry_date is None:
                errors["start_date"] = [ENTRY_DATE_MISSING]
            else:
                # The fields are checked above; the rules across fields are the model's.
                try:
                    enrolment.clean()
                except ValidationError as exc:
                    for column, messages in validation_errors(exc).items():
                        errors.setdefault(
                            {"leaving_date": "end_date", "entry_date": "start_date"}.get(
                                column, column
                            ),
                            [],
                        ).extend(messages)
        if participant is not None and "birth_date" not in errors:
            # The page's rule for a person already known (participants.services).
            self._snapshot(participant)
            try:
                complete_person(
                    participant,
                    {"gender": gender, "birth_date": birth, "employer": employer},
                    identifier.birth_date,
                )
            except ValidationError as exc:
                errors.update(exc.message_dict)
        form = StartAndStopForm(participant, enrolment)
        if enrolment.pk is not None and not errors:
            form._import_changed = bool(
                audit_changes(self.before[id(enrolment)], enrolment) or self._changes(participant)
            )
        return form, errors

    def _changes(self, record):
        if record.pk is None:
            return None
        return audit_changes(self.before.get(id(record)), record)

    def record_key(self, record, row):
        return (record.participant.identifier_hash, record.enrolment.project_id)

    def save_batch(self, records):
        people = {id(r.participant): r.participant for r in records}.values()
        new_people = [p for p in people if p.pk is None]
        changed_people, people_changes = [], []
        for person in people:
            if person.pk is not None and (changes := self._changes(person)):
                changed_people.append(person)
                people_changes.append(changes)
        insert_rows(Participant, new_people)
        update_rows(Participant, changed_people, PARTICIPANT_FIELDS)
        new_enrolments, changed_enrolments, enrolment_changes = [], [], []
        for record in records:
            enrolment = record.enrolment
            enrolment.participant = record.participant
            if enrolment.pk is None:
                new_enrolments.append(enrolment)
            elif changes := audit_changes(self.before[id(enrolment)], enrolment):
                changed_enrolments.append(enrolment)
                enrolment_changes.append(changes)
        insert_rows(Enrolment, new_enrolments)
        update_rows(Enrolment, changed_enrolments, ENROLMENT_FIELDS)
        log_bulk(new_people, LogEntry.Action.CREATE, actor=self.actor)
        log_bulk(changed_people, LogEntry.Action.UPDATE, actor=self.actor, changes=people_changes)
        log_bulk(new_enrolments, LogEntry.Action.CREATE, actor=self.actor)
        log_bulk(
            changed_enrolments,
            LogEntry.Action.UPDATE,
            actor=self.actor,
            changes=enrolment_changes,
        )


ANSWERS = frozenset(Answer.values)
GENDERS = frozenset(Gender.values)
EMPLOYMENT_STATUSES = frozenset(EmploymentStatus.values)
IDENTIFIER_TYPES = frozenset(Participant.IdentifierType.values)
YES_NO = frozenset(YesNo.values)
PARTICIPANT_FIELDS = ["gender", "birth_date", "employer", "updated_at"]
ENROLMENT_FIELDS = [*START_FORM, *STOP_FORM, "updated_at"]
ENTRY_DATE_MISSING = Enrolment._meta.get_field("entry_date").error_messages["null"]


class StartAndStopForm:
    """One row of the file: a participant and their enrolment (new when its pk is None)."""

    def __init__(self, participant, enrolment):
        self.participant = participant
        self.enrolment = enrolment

    @property
    def pk(self):
        return self.enrolment.pk
