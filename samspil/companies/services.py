"""Writing companies, contact persons, clusters and contacts: the one place for their rules."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from samspil.companies.coordination import contact_budget
from samspil.companies.models import Cluster, Company, Contact, ContactPerson
from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.core.services import delete_record, ensure_can, ensure_can_create, save_record
from samspil.organisations.people import check_named


def create_company(*, actor, **fields) -> Company:
    ensure_can_create(actor, Company)
    return save_record(Company(), actor=actor, **fields)


def update_company(*, actor, company: Company, **fields) -> Company:
    ensure_can(actor, scoping.CHANGE, company)
    return save_record(company, actor=actor, **fields)


def save_contact_person(*, actor, company: Company, person: ContactPerson | None = None, **fields):
    ensure_can(actor, scoping.CHANGE, company)
    person = person or ContactPerson(company=company)
    if person.company_id != company.pk:
        raise PermissionDenied
    return save_record(person, actor=actor, **fields)


def save_cluster(*, actor, cluster: Cluster | None = None, companies=None, projects=None, **fields):
    if cluster is None:
        ensure_can_create(actor, Cluster)
        cluster = Cluster()
    else:
        ensure_can(actor, scoping.CHANGE, cluster)
    with transaction.atomic(), acting_as(actor):
        save_record(cluster, actor=actor, **fields)
        if companies is not None:
            members = set(companies)
            # The mother company is a member of its own cluster.
            if cluster.mother_company_id:
                members.add(cluster.mother_company)
            cluster.companies.set(members)
        elif cluster.mother_company_id:
            cluster.companies.add(cluster.mother_company)
        if projects is not None:
            cluster.projects.set(projects)
    return cluster


def check_contact(*, actor, contact: Contact, organisations, consultants, invite=()) -> None:
    """Every rule a contact must meet, with each message on its field; raises or returns.
    The consultants named and the people invited belong to the contact: members of the
    organisations taking part, of its partnership or of its project."""
    errors = {}
    organisations = list(organisations)
    belonging = {
        "organisations": organisations,
        "partnerships": [contact.partnership_id] if contact.partnership_id else [],
        "projects": [contact.project_id] if contact.project_id else [],
    }
    check_named(errors, "consultants", consultants, **belonging)
    check_named(errors, "invite", [u for u in invite if u != actor], **belonging)
    if not organisations:
        errors["organisations"] = [_("Choose at least one organisation taking part.")]
    elif contact.kind == Contact.Kind.JOINT_VISIT:
        systems = {o.system for o in organisations if o.system}
        if len(systems) < 2:
            errors["organisations"] = [
                _("A joint visit has organisations from at least two of the three systems.")
            ]
    if contact.project_id and not scoping.can(actor, scoping.VIEW, contact.project):
        errors["project"] = [_("You are not on this project's team.")]
    if contact.partnership_id and not scoping.can(actor, scoping.VIEW, contact.partnership):
        errors["partnership"] = [_("You are not a member of this partnership.")]
    if contact.is_outreach and contact.company_id and contact.date:
        budget = contact_budget(contact.company, contact.date, excluding=contact)
        if budget.exceeded_by_one_more and not contact.budget_override_reason.strip():
            errors["budget_override_reason"] = [
                _(
                    "%(company)s has already had %(used)s uncoordinated contacts in %(quarter)s "
                    "(the limit is %(limit)s). Make it a joint visit, or give the reason for "
                    "going on."
                )
                % {
                    "company": contact.company,
                    "used": budget.used,
                    "quarter": budget.quarter.label,
                    "limit": budget.limit,
                }
            ]
    try:
        contact.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def save_contact(
    *,
    actor,
    contact: Contact | None = None,
    organisations,
    consultants=(),
    invite=(),
    **fields,
) -> Contact:
    """Plan or log a contact. ``invite`` are users asked by e-mail to join (a joint visit)."""
    if contact is None:
        ensure_can_create(actor, Contact)
        contact = Contact(created_by=actor)
    else:
        ensure_can(actor, scoping.CHANGE, contact)
    for name, value in fields.items():
        setattr(contact, name, value)
    organisations = list(organisations)
    consultants = list(consultants)
    invite = list(invite)
    check_contact(
        actor=actor,
        contact=contact,
        organisations=organisations,
        consultants=consultants,
        invite=invite,
    )
    with transaction.atomic(), acting_as(actor):
        contact.save()
        contact.organisations.set(organisations)
        contact.consultants.set(consultants)
        invited = [user for user in invite if user.email and user != actor]
        if invited:
            transaction.on_commit(lambda: send_invitations(contact, invited, actor))
    return contact


def log_workshop_contact(
    *,
    actor,
    company: Company,
    contact: Contact | None = None,
    organisations,
    consultants=None,
    **fields,
) -> Contact:
    """A workshop the company attends, on its timeline. The workshop's service logs it, having
    checked who may change the workshop; the contact's own rules apply (``Contact.clean``)."""
    if contact is None:
        contact = Contact(
            company=company,
            kind=Contact.Kind.WORKSHOP,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    with transaction.atomic(), acting_as(actor):
        save_record(contact, actor=actor, **fields)
        contact.organisations.set(organisations)
        if consultants is not None:
            contact.consultants.set(consultants)
    return contact


def remove_workshop_contact(*, actor, contact: Contact) -> None:
    """The company no longer attends the workshop: its contact leaves the timeline."""
    delete_record(contact, actor=actor)


def plan_referral(*, actor, company: Company, organisation, date, project=None, purpose=""):
    """A planned meeting for the organisation a company is referred to (workshop 2's
    referral): a contact like any other, so the contact budget applies. A refusal names the
    company."""
    try:
        return save_contact(
            actor=actor,
            organisations=[organisation],
            company=company,
            kind=Contact.Kind.MEETING,
            status=Contact.Status.PLANNED,
            date=date,
            project=project,
            purpose=purpose,
        )
    except ValidationError as exc:
        raise ValidationError(
            [
                _("The referral of %(company)s: %(problem)s")
                % {"company": company, "problem": problem}
                for problem in exc.messages
            ]
        ) from exc


def send_invitations(contact: Contact, users, inviter) -> None:
    """Ask other actors' consultants to join a contact (through Django's e-mail backend)."""
    link = settings.SAMSPIL_BASE_URL.rstrip("/") + reverse(
        "companies:contact-detail", args=[contact.pk]
    )
    for user in users:
        with override(settings.LANGUAGE_CODE):
            subject = _("Invitation: %(kind)s at %(company)s on %(date)s") % {
                "kind": contact.get_kind_display().lower(),
                "company": contact.company,
                "date": contact.date.strftime("%d.%m.%Y"),
            }
            body = _(
                "%(inviter)s invites you to a %(kind)s at %(company)s on %(date)s, so that the "
                "company is met by the systems together.\n\nPurpose: %(purpose)s\n\nSee it in "
                "samspil: %(link)s"
            ) % {
                "inviter": inviter.get_full_name() or inviter.username,
                "kind": contact.get_kind_display().lower(),
                "company": contact.company,
                "date": contact.date.strftime("%d.%m.%Y"),
                "purpose": contact.purpose or "–",
                "link": link,
            }
        send_mail(subject, body, None, [user.email])
