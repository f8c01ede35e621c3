"""Needs discovery's rules: workshops on the timeline, statements frozen once sent, the survey
and its personal links, answers, and the decisions of workshop 2."""

import logging
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspil.companies import services as companies_services
from samspil.companies.models import Contact, ContactPerson
from samspil.core import scoping
from samspil.core.audit import acting_as, log_bulk
from samspil.core.services import ensure_can, ensure_can_create, save_record
from samspil.discovery.models import (
    Answer,
    Invitation,
    NeedDecision,
    Question,
    QuestionAnswer,
    Statement,
    Survey,
    Workshop,
    WorkshopFile,
)
from samspil.organisations.models import OrganisationMembership
from samspil.organisations.people import check_named
from samspil.organisations.scoping import PRACTITIONER_ROLES

# Workshops ------------------------------------------------------------------------------------


def save_workshop(
    *, actor, workshop: Workshop | None = None, companies=(), facilitators=(), **fields
):
    """Save a workshop and keep one workshop contact on each attending company's timeline."""
    if workshop is None:
        ensure_can_create(actor, Workshop)
        workshop = Workshop()
    else:
        ensure_can(actor, scoping.CHANGE, workshop)
    project = fields.get("project", workshop.project if workshop.project_id else None)
    if (
        project is not None
        and not scoping.can(actor, scoping.CHANGE, project)
        and not (project.memberships.filter(user=actor, role__in=PRACTITIONER_ROLES).exists())
    ):
        raise ValidationError({"project": [_("You are not on this project's team.")]})
    facilitators = list(facilitators)
    errors = {}
    check_named(errors, "facilitators", facilitators, **workshop_people(project))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(actor):
        save_record(workshop, actor=actor, **fields)
        workshop.companies.set(companies)
        workshop.facilitators.set(facilitators)
        _log_workshop_contacts(workshop, actor=actor)
    return workshop


def workshop_people(project) -> dict:
    """Whose people may facilitate a workshop of ``project``: its team, the partnerships that
    work under it and its operator (``samspil.organisations.people.members``)."""
    if project is None:
        return {}
    return {
        "projects": [project.pk],
        "partnerships": list(project.partnerships.values_list("pk", flat=True)),
        "organisations": [project.operator_id] if project.operator_id else [],
    }


def _log_workshop_contacts(workshop: Workshop, *, actor=None) -> None:
    """One workshop contact on each attending company's timeline, through the companies'
    services (``actor`` None: the demo, which has no signed-in user)."""
    organisations = list(
        {
            m.organisation
            for m in OrganisationMembership.objects.filter(
                user__in=workshop.facilitators.all()
            ).select_related("organisation")
        }
    ) or ([workshop.project.operator] if workshop.project.operator_id else [])
    status = (
        Contact.Status.DONE if workshop.date <= timezone.localdate() else Contact.Status.PLANNED
    )
    attending = {c.pk: c for c in workshop.companies.all()}
    logged = {c.company_id: c for c in workshop.contacts.all()}
    for company_id, contact in logged.items():
        if company_id not in attending:
            workshop.contacts.remove(contact)
            companies_services.remove_workshop_contact(actor=actor, contact=contact)
            continue
        companies_services.log_workshop_contact(
            actor=actor,
            company=contact.company,
            contact=contact,
            organisations=organisations,
            date=workshop.date,
            status=status,
            purpose=workshop.theme,
        )
    facilitators = list(workshop.facilitators.all())
    for company_id, company in attending.items():
        if company_id in logged:
            continue
        contact = companies_services.log_workshop_contact(
            actor=actor,
            company=company,
            organisations=organisations,
            consultants=facilitators,
            status=status,
            date=workshop.date,
            project=workshop.project,
            purpose=workshop.theme,
        )
        workshop.contacts.add(contact)


def attach_file(*, actor, workshop: Workshop, **fields) -> WorkshopFile:
    """Attach a document to a workshop (its team)."""
    ensure_can(actor, scoping.CHANGE, workshop)
    return save_record(WorkshopFile(workshop=workshop), actor=actor, **fields)


# Statements -----------------------------------------------------------------------------------


def ensure_statement_editable(statement: Statement) -> None:
    if statement.pk and statement.surveys.filter(status=Survey.Status.SENT).exists():
        raise ValidationError(
            _("The statement is used in a survey that has been sent; it can no longer be changed.")
        )


def save_statement(
    *, actor, workshop: Workshop, statement: Statement | None = None, **fields
) -> Statement:
    ensure_can(actor, scoping.CHANGE, workshop)
    statement = statement or Statement(workshop=workshop, position=workshop.statements.count())
    ensure_statement_editable(statement)
    return save_record(statement, actor=actor, **fields)


def delete_statement(*, actor, statement: Statement) -> None:
    ensure_can(actor, scoping.CHANGE, statement.workshop)
    ensure_statement_editable(statement)
    with acting_as(actor):
        statement.delete()


# Surveys --------------------------------------------------------------------------------------


def save_survey(
    *,
    actor,
    workshop: Workshop,
    survey: Survey | None = None,
    statements=(),
    questions=(),
    **fields,
):
    ensure_can(actor, scoping.CHANGE, workshop)
    survey = survey or Survey(workshop=workshop)
    if survey.status == Survey.Status.SENT:
        raise ValidationError(_("The survey has been sent and can no longer be changed."))
    foreign = [s for s in statements if s.workshop_id != workshop.pk]
    if foreign:
        raise ValidationError(
            {"statements": [_("A survey uses the statements of its own workshop.")]}
        )
    with transaction.atomic(), acting_as(actor):
        save_record(survey, actor=actor, **fields)
        survey.statements.set(statements)
        survey.questions.all().delete()
        created = Question.objects.bulk_create(
            Question(survey=survey, text=text, position=i)
            for i, text in enumerate(q for q in questions if q)
        )
        log_bulk(created, LogEntry.Action.CREATE)
    return survey


def recipients(survey: Survey) -> list[ContactPerson]:
    """The cluster's company contact persons who have an e-mail address."""
    cluster = survey.workshop.cluster
    if cluster is None:
        return []
    return list(
        ContactPerson.objects.filter(company__clusters=cluster)
        .exclude(email="")
        .select_related("company")
    )


def send_survey(*, actor, survey: Survey) -> int:
    """Send the survey: one personal link per contact person and company, e-mailed by the task
    worker. Sending twice is refused, so nobody gets a second e-mail."""
    from samspil.discovery.tasks import send_survey_invitations

    ensure_can(actor, scoping.CHANGE, survey)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status == Survey.Status.SENT:
            raise ValidationError(_("The survey has already been sent."))
        if not survey.statements.exists():
            raise ValidationError(_("A survey needs at least one statement before it is sent."))
        if survey.deadline <= timezone.now():
            raise ValidationError({"deadline": [_("The deadline has passed; choose a later one.")]})
        people = recipients(survey)
        if not people:
            raise ValidationError(
                _("None of the cluster's companies has a contact person with an e-mail address.")
            )
        with acting_as(actor):
            invitations = Invitation.objects.bulk_create(
                Invitation(survey=survey, company=p.company, contact_person=p, email=p.email)
                for p in people
            )
            log_bulk(invitations, LogEntry.Action.CREATE)
            survey.status = Survey.Status.SENT
            survey.sent_at = timezone.now()
            survey.save(update_fields=["status", "sent_at", "updated_at"])
        transaction.on_commit(lambda: send_survey_invitations.enqueue(survey.pk))
    return len(people)


def remind(*, actor, survey: Survey) -> int:
    """Remind everyone invited who has not answered (once per call, by the task worker)."""
    from samspil.discovery.tasks import send_survey_reminders

    ensure_can(actor, scoping.CHANGE, survey)
    survey = Survey.objects.get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(_("The survey is not open; there is nobody to remind."))
    waiting = survey.invitations.filter(answered_at__isnull=True, withdrawn=False).count()
    since = timezone.now().isoformat()
    transaction.on_commit(lambda: send_survey_reminders.enqueue(survey.pk, since))
    return waiting


# The respondent's side ------------------------------------------------------------------------


class InvitationClosed(Exception):
    """The link works no longer: withdrawn, or the survey's deadline has passed."""

    def __init__(self, invitation: Invitation, reason: str):
        super().__init__(reason)
        self.invitation = invitation
        self.reason = reason


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, or Invitation.DoesNotExist / InvitationClosed."""
    invitation = Invitation.objects.select_related("survey", "company").get(token=token)
    if invitation.withdrawn:
        raise InvitationClosed(invitation, "withdrawn")
    if not invitation.survey.is_open:
        raise InvitationClosed(invitation, "closed")
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
    return invitation


@dataclass
class AnswerInput:
    relevance: str = ""
    need: str = ""
    employees: str = ""
    when: str = ""
    comment: str = ""


def check_answer(statement: Statement, data: AnswerInput) -> dict:
    errors = {}
    values = {
        "relevance": None,
        "dont_know": False,
        "need": "",
        "employees": None,
        "when": "",
        "comment": "",
    }
    if data.relevance == "dont_know":
        values["dont_know"] = True
    elif data.relevance:
        if not data.relevance.isdigit() or not 1 <= int(data.relevance) <= 5:
            errors["relevance"] = _("Relevance is rated from 1 to 5, or “don't know”.")
        else:
            values["relevance"] = int(data.relevance)
    if data.need and data.need not in Answer.Need.values:
        errors["need"] = _("Choose no, some or high need.")
    values["need"] = data.need if "need" not in errors else ""
    if data.employees:
        if not data.employees.isdigit() or int(data.employees) > 100000:
            errors["employees"] = _("The number of employees is a whole number.")
        else:
            values["employees"] = int(data.employees)
    if data.when and data.when not in Answer.When.values:
        errors["when"] = _("Choose when the need arises.")
    values["when"] = data.when if "when" not in errors else ""
    values["comment"] = data.comment[:4000]
    return {"values": values, "errors": errors}


def save_answers(
    invitation: Invitation, answers: dict, question_answers: dict | None = None, *, final=False
):
    """Save what the respondent has given so far, in one short transaction. ``answers`` maps a
    statement id to an AnswerInput. Returns the errors per statement (nothing is saved then)."""
    survey = invitation.survey
    if not survey.is_open or invitation.withdrawn:
        raise InvitationClosed(invitation, "closed")
    statements = {s.pk: s for s in survey.statements.all()}
    unknown = set(answers) - set(statements)
    if unknown:
        raise ValidationError(_("The answers do not belong to this survey."))
    checked = {pk: check_answer(statements[pk], data) for pk, data in answers.items()}
    errors = {pk: c["errors"] for pk, c in checked.items() if c["errors"]}
    if errors:
        return errors
    questions = {q.pk for q in survey.questions.all()}
    with transaction.atomic():
        for pk, result in checked.items():
            Answer.objects.update_or_create(
                invitation=invitation, statement_id=pk, defaults=result["values"]
            )
        for pk, text in (question_answers or {}).items():
            if pk in questions:
                QuestionAnswer.objects.update_or_create(
                    invitation=invitation, question_id=pk, defaults={"text": text[:4000]}
                )
        if final:
            invitation.answered_at = timezone.now()
            invitation.save(update_fields=["answered_at", "updated_at"])
    return {}


# Workshop 2 -----------------------------------------------------------------------------------


def decide_need(
    *, actor, survey: Survey, statement: Statement, company=None, **fields
) -> NeedDecision:
    """Record workshop 2's decision on a need; a referral becomes a planned contact for the
    receiving organisation on each company concerned."""
    from samspil.discovery.analysis import companies_with_need

    ensure_can(actor, scoping.CHANGE, survey)
    if not survey.statements.filter(pk=statement.pk).exists():
        raise ValidationError({"statement": [_("The statement is not in this survey.")]})
    with transaction.atomic(), acting_as(actor):
        decision = save_record(
            NeedDecision(survey=survey, statement=statement, company=company), actor=actor, **fields
        )
        if decision.kind == NeedDecision.Kind.REFER:
            for target in [company] if company else companies_with_need(survey, statement):
                contact = companies_services.plan_referral(
                    actor=actor,
                    company=target,
                    organisation=decision.responsible,
                    date=decision.due_on or timezone.localdate(),
                    project=survey.workshop.project,
                    purpose=_("Referral from workshop 2: %(statement)s")
                    % {"statement": statement.text},
                )
                decision.referral_contacts.add(contact)
    return decision


# Personal links shown on the survey's page ----------------------------------------------------

links_log = logging.getLogger("samspil.discovery.links")


def links_shown(*, actor, survey: Survey, invitations) -> list[Invitation]:
    """The personal links ``actor`` may see on the survey's page (only the project's operators,
    ``discovery.scoping.may_see_links``), each showing logged: a link opens a company's answers
    without an account. Returns the invitations whose links may be shown, or none."""
    from samspil.discovery.scoping import may_see_links

    if not may_see_links(actor, survey):
        return []
    invitations = list(invitations)
    for invitation in invitations:
        links_log.info(
            "personal link shown: survey %s, invitation %s (%s), to user %s",
            survey.pk,
            invitation.pk,
            invitation.company_id,
            actor.pk,
        )
    return invitations
