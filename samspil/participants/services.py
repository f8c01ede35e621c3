"""Participants' personal data: found by the keyed hash, logged whenever seen or exported,
anonymised when the retention period is over."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.participants import crypto
from samspil.participants.identifiers import Identifier, parse
from samspil.participants.models import (
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
    ProjectAccessLog,
)
from samspil.programmes.models import Project
from samspil.programmes.scoping import on_project_team


def find(identifier: Identifier) -> Participant | None:
    """The person with this identifier, hashed under any configured key (during a rotation)."""
    return Participant.objects.filter(
        identifier_hash__in=crypto.lookup_hashes(identifier.kind, identifier.value)
    ).first()


def log_access(user, participants, action: str, detail: str = "") -> None:
    """Write one access-log line per participant seen or exported (one query)."""
    AccessLog.objects.bulk_create(
        AccessLog(
            participant_id=getattr(p, "pk", p),
            user=user if getattr(user, "is_authenticated", False) else None,
            action=action,
            detail=detail[:200],
        )
        for p in participants
    )


def may_export_everything(user, participant: Participant) -> bool:
    """The data-subject export spans every project the person is in, so it is for the
    operators of all of them (the data controllers), or a superuser."""
    if user.is_superuser:
        return True
    operated = set(Project.objects.restrict(user, scoping.CHANGE).values_list("pk", flat=True))
    projects = _projects_of(participant)
    return bool(projects) and projects <= operated


def _projects_of(participant: Participant) -> set[int]:
    """The projects holding the person: enrolments and a candidacy."""
    from samspil.recruitment.models import Candidate

    return set(participant.enrolments.values_list("project", flat=True)) | set(
        Candidate.objects.filter(person=participant).values_list("project", flat=True)
    )


def log_project(user, project, action: str, detail: str, *, until=None) -> None:
    """Log every participant of a project (who entered by ``until``) as seen in a report or
    export of the whole project: one INSERT ... SELECT in the database, never the
    participants loaded into Python."""
    enrolments = Enrolment.objects.filter(project=project).order_by()
    if until is not None:
        enrolments = enrolments.filter(entry_date__lte=until)
    select, params = enrolments.values("participant_id").query.sql_with_params()
    connection = connections[enrolments.db]
    log = AccessLog._meta
    columns = ", ".join(
        connection.ops.quote_name(log.get_field(name).column)
        for name in ("participant", "user", "action", "at", "detail")
    )
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    # The SELECT of the participant column (no parameters of its own), then the log's values.
    head, _sep, tail = select.partition(" FROM ")
    assert "%s" not in head
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(log.db_table)} ({columns}) "
            f"{head}, %s, %s, %s, %s FROM {tail}",
            (user_id, action, at, detail[:200], *params),
        )


def log_report(user, project, detail: str, *, until=None) -> None:
    """A report over the whole project's participants (the ESF indicators: counts, no one
    named) is logged once for the project, whatever its size; each participant's page and
    data-subject export show the reports they were included in (``ProjectAccessLog``)."""
    ProjectAccessLog.objects.create(
        project=project,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=AccessLog.Action.REPORT,
        until=until,
        detail=detail[:200],
    )


def seen_by(participant, *, operated=None, limit=None) -> list:
    """Who has seen the person's data, newest first: the lines of their own access log and
    the reports over a project that included them (of the ``operated`` projects, if given).
    Two queries."""
    own = participant.access_log.select_related("user")
    reports = ProjectAccessLog.including(participant).select_related("user")
    if operated is not None:
        reports = reports.filter(project__in=operated)
    if limit is not None:
        own, reports = own[:limit], reports[:limit]
    merged = sorted([*own, *reports], key=lambda line: (line.at, line.pk), reverse=True)
    return merged[:limit] if limit is not None else merged


def data_subject_export(*, actor, participant: Participant) -> dict:
    """Everything held on one person (GDPR art. 15), logged as an export."""
    log_access(actor, [participant], AccessLog.Action.EXPORT, "data-subject export")
    return {
        "identifier_type": participant.identifier_type,
        "identifier": participant.identifier(),
        "name": participant.name,
        "gender": participant.gender,
        "birth_date": participant.birth_date.isoformat() if participant.birth_date else None,
        "email": participant.email,
        "phone": participant.phone,
        "employer": participant.employer.name if participant.employer else None,
        "enrolments": [
            {
                field.name: (
                    getattr(e, field.attname).isoformat()
                    if hasattr(getattr(e, field.attname), "isoformat")
                    else getattr(e, field.attname)
                )
                for field in e._meta.concrete_fields
                if field.name not in ("id", "participant", "created_at", "updated_at")
            }
            for e in participant.enrolments.select_related("project")
        ],
        "prior_learning_assessments": [
            {
                "school": a.school.name,
                "assessed_on": a.assessed_on.isoformat(),
                "assessor": a.assessor,
                "track": a.track,
                "length_weeks": a.length_weeks,
                "merit": a.merit,
                "notes": a.notes,
            }
            for a in PriorLearningAssessment.objects.filter(
                enrolment__participant=participant
            ).select_related("school")
        ],
        "education_plans": [
            {
                "education": p.education.title,
                "provider": p.provider.name,
                "start_date": p.start_date.isoformat(),
                "expected_end_date": p.expected_end_date.isoformat(),
                "school_periods": [
                    [s.start.isoformat(), s.end.isoformat()] for s in p.periods.all()
                ],
                "subjects": p.subject_list(),
                "status": p.status,
            }
            for p in EducationPlan.objects.filter(enrolment__participant=participant)
            .select_related("education", "provider")
            .prefetch_related("periods")
        ],
        "candidacy": _candidacy(participant),
        "access_log": [
            {
                "at": a.at.isoformat(),
                "user": a.user.username if a.user else None,
                "action": a.action,
            }
            for a in seen_by(participant)
        ],
    }


def _candidacy(participant: Participant) -> dict | None:
    """What recruitment holds on the person: the candidacy, its pipeline and rotations."""
    from samspil.recruitment.models import Candidate

    candidate = (
        Candidate.objects.filter(person=participant)
        .select_related("jobcentre", "project", "municipality")
        .prefetch_related("competence_areas", "proposals__opening__company", "rotations")
        .first()
    )
    if candidate is None:
        return None

    def day(value):
        return value.isoformat() if value else None

    return {
        "jobcentre": candidate.jobcentre.name,
        "project": candidate.project.code,
        "consent_given_on": day(candidate.consent_given_on),
        "consent_withdrawn_on": day(candidate.consent_withdrawn_on),
        "education_level": candidate.education_level,
        "education": candidate.education,
        "competence_areas": [a.name for a in candidate.competence_areas.all()],
        "wishes": candidate.wishes,
        "municipality": str(candidate.municipality) if candidate.municipality else None,
        "unemployed_since": day(candidate.unemployed_since),
        "available_from": day(candidate.available_from),
        "hours_per_week": str(candidate.hours_per_week),
        "pipeline": [
            {
                "opening": str(p.opening),
                "stage": p.stage,
                "since": day(p.stage_on),
                "reason": p.reason,
            }
            for p in candidate.proposals.all()
        ],
        "rotations": [
            {"covering": r.employee, "training_hours": str(r.training_hours)}
            for r in candidate.rotations.all()
        ],
    }


def anonymise_ended_projects(*, before, actor=None) -> int:
    """Anonymise participants whose every project ended before ``before``: the identifier,
    name and contact details go; gender, birth year and the forms stay for statistics."""
    from samspil.recruitment.models import Candidate, Proposal

    still_running = Project.objects.exclude(end_date__lt=before)
    candidates = (
        Participant.objects.filter(anonymised_at__isnull=True)
        .filter(
            Q(enrolments__project__end_date__lt=before) | Q(candidate__project__end_date__lt=before)
        )
        .exclude(enrolments__project__in=still_running)
        .exclude(candidate__project__in=still_running)
        .distinct()
    )
    count = 0
    with transaction.atomic():
        for participant in candidates:
            participant.identifier_encrypted = ""
            participant.identifier_hash = f"anonymised:{participant.pk}"
            participant.identifier_masked = "anonymiseret"
            participant.name = participant.email = participant.phone = ""
            participant.jobcentre = None  # the employer stays: the SME indicator counts it
            PriorLearningAssessment.objects.filter(enrolment__participant=participant).update(
                assessor="", merit="", notes=""
            )
            EducationPlan.objects.filter(enrolment__participant=participant).update(subjects="")
            Candidate.objects.filter(person=participant).update(education="", wishes="")
            Proposal.objects.filter(candidate__person=participant).update(reason="")
            if participant.birth_date:
                participant.birth_date = participant.birth_date.replace(month=7, day=1)
            participant.anonymised_at = timezone.now()
            participant.save()
            # The audit trail held the old name and contact details (and so does the entry
            # for this very change): it goes too.
            LogEntry.objects.get_for_object(participant).delete()
            log_access(
                actor, [participant], AccessLog.Action.ANONYMISE, f"projects ended before {before}"
            )
            count += 1
    return count


def fill_person(participant: Participant, identifier: Identifier, person: dict) -> None:
    """Set the identifier and apply what a registration gives (see ``complete_person``)."""
    participant.set_identifier(identifier)
    complete_person(participant, person, identifier.birth_date)


def complete_person(participant: Participant, person: dict, identifier_birth_date=None) -> None:
    """What a new registration of a person may change, the one rule for the page and the
    import: a person already known keeps the details recorded, the registration only fills
    what is missing; the birth date comes from the identifier where it gives one and must
    agree with the one given (else ValidationError on ``birth_date``)."""
    given = person.get("birth_date")
    if identifier_birth_date and given and given != identifier_birth_date:
        raise ValidationError(
            {"birth_date": _("The birth date does not match the personal identifier.")}
        )
    for name, value in person.items():
        attname = Participant._meta.get_field(name).attname
        if value not in (None, "") and getattr(participant, attname) in (None, ""):
            setattr(participant, name, value)
    if identifier_birth_date:
        participant.birth_date = identifier_birth_date


def register(*, actor, project, identifier: Identifier, person: dict, start: dict) -> Enrolment:
    """Enrol a person in a project with the start form: the same person (by identifier) is
    one record across projects, and one enrolment per project."""
    enrolment = Enrolment(project=project, **start)
    if not on_project_team(actor, project):
        raise PermissionDenied
    participant = find(identifier) or Participant()
    if participant.pk and participant.enrolments.filter(project=project).exists():
        raise ValidationError({"personal_id": _("The person is already enrolled in this project.")})
    fill_person(participant, identifier, person)
    enrolment.full_clean(exclude=["participant"], validate_unique=False)
    with transaction.atomic(), acting_as(actor):
        participant.save()
        enrolment.participant = participant
        enrolment.save()
    return enrolment


def save_enrolment(*, actor, enrolment: Enrolment, participant: Participant | None = None):
    """Save the start and stop form of an enrolment, and the person's details with it,
    validated as a whole: the birth date must agree with the identifier."""
    if not scoping.can(actor, scoping.CHANGE, enrolment):
        raise PermissionDenied
    enrolment.full_clean()
    if participant is not None:
        participant.full_clean(validate_unique=False)
        known = identifier_birth_date(participant)
        if known and participant.birth_date and participant.birth_date != known:
            raise ValidationError(
                {"birth_date": _("The birth date does not match the personal identifier.")}
            )
        participant.birth_date = known or participant.birth_date
    with transaction.atomic(), acting_as(actor):
        if participant is not None:
            participant.save()
        enrolment.save()
    return enrolment


def identifier_birth_date(participant: Participant):
    """The birth date the identifier gives, if it gives one."""
    if not participant.identifier_encrypted:
        return None
    try:
        return parse(participant.identifier_type, participant.identifier()).birth_date
    except ValidationError:
        return None


# Prior-learning assessments and education plans: their rules live in ``education``; pages
# and API call them here, as every write of the app.
from samspil.participants.education import (  # noqa: E402
    save_assessment as save_assessment,
)
from samspil.participants.education import (  # noqa: E402
    save_education_plan as save_education_plan,
)
