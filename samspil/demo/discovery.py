"""One cluster through needs discovery: workshop 1, statements, a survey most companies have
answered, and workshop 2's decisions (a referral among them)."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from samspil.companies.models import Cluster
from samspil.discovery import services
from samspil.discovery.models import Answer, Invitation, NeedDecision, Statement, Survey, Workshop
from samspil.organisations.models import Organisation
from samspil.programmes.models import Project

CLUSTER = "Digital produktion Herning-Ikast"
STATEMENTS = [
    (
        "Vi mangler medarbejdere, der kan programmere og betjene robotceller.",
        "Automation og robotter",
    ),
    ("Vores operatører skal kunne læse og bruge data fra produktionen.", "Digitalisering"),
    ("Mellemlederne skal kunne lede forandringer, når vi digitaliserer.", "Ledelse"),
    ("Vi har svært ved at rekruttere faglærte automatikteknikere.", "Rekruttering"),
    ("Flere ufaglærte skal løftes til faglærte industrioperatører.", "Produktionsteknologi"),
    ("Vi har brug for Lean og løbende forbedringer på gulvet.", "Lean"),
]


def build() -> dict:
    if Workshop.objects.filter(cluster__name=CLUSTER).exists():
        return {"workshops": 0, "survey_answers": 0}
    cluster = Cluster.objects.filter(name=CLUSTER).first()
    project = Project.objects.filter(code="smuk").first()
    facilitator = get_user_model().objects.filter(username="konsulent2").first()
    if cluster is None or project is None:
        return {"workshops": 0, "survey_answers": 0}
    today = timezone.localdate()
    companies = list(cluster.companies.order_by("name"))
    ws1 = Workshop.objects.create(
        project=project,
        cluster=cluster,
        kind=Workshop.Kind.WS1,
        date=today - datetime.timedelta(days=40),
        theme="Digitalisering i produktionen",
        documentation=(
            "Dialog om rekruttering og kompetenceudfordringer. Temaer: robotter, data, ledelse."
        ),
        attendees=(
            "Lene Thomsen, Herning Plast\nKim Poulsen, Ikast Metal\n"
            "Henrik Sørensen, Herning Automatik"
        ),
    )
    ws1.companies.set(companies)
    if facilitator:
        ws1.facilitators.set([facilitator])
    services._log_workshop_contacts(ws1)
    statements = [
        Statement.objects.create(workshop=ws1, text=text, theme=theme, position=i)
        for i, (text, theme) in enumerate(STATEMENTS)
    ]
    survey = Survey.objects.create(
        workshop=ws1,
        title="Kompetencebehov i klyngen Digital produktion",
        introduction=(
            "Svarene bruges på workshop 2, hvor vi beslutter, hvilke forløb der skal udbydes."
        ),
        deadline=timezone.now() + datetime.timedelta(days=10),
        status=Survey.Status.SENT,
        sent_at=timezone.now() - datetime.timedelta(days=30),
    )
    survey.statements.set(statements)
    survey.questions.create(text="Hvad er jeres vigtigste kompetenceudfordring de næste to år?")
    people = services.recipients(survey)
    invitations = Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            company=p.company,
            contact_person=p,
            email=p.email,
            invited_at=survey.sent_at,
        )
        for p in people
    )
    chooser = random.Random(2017)  # the same answers every time the demo is built
    answered = 0
    for invitation in invitations[: max(1, len(invitations) - 2)]:  # most, not all, answer
        for statement in statements:
            relevance = chooser.choice([2, 3, 4, 4, 5, 5, None])
            need = chooser.choice(["none", "some", "some", "high"])
            Answer.objects.create(
                invitation=invitation,
                statement=statement,
                relevance=relevance,
                dont_know=relevance is None,
                need=need,
                employees=chooser.choice([2, 3, 5, 8]) if need != "none" else None,
                when=chooser.choice(["now", "half_year", "year"]) if need != "none" else "",
            )
        invitation.opened_at = invitation.answered_at = survey.sent_at + datetime.timedelta(days=3)
        invitation.save(update_fields=["opened_at", "answered_at"])
        answered += 1
    ws2 = Workshop.objects.create(
        project=project,
        cluster=cluster,
        kind=Workshop.Kind.WS2,
        date=today - datetime.timedelta(days=5),
        theme="Beslutninger om klyngens behov",
    )
    ws2.companies.set(companies[:5])
    services._log_workshop_contacts(ws2)
    school = Organisation.objects.get(name="Herningsholm Erhvervsskole")
    jobcentre = Organisation.objects.get(name="Jobcenter Herning")
    for statement, kind, responsible in (
        (statements[0], NeedDecision.Kind.ADAPT, school),
        (statements[1], NeedDecision.Kind.USE_EXISTING, school),
        (statements[2], NeedDecision.Kind.NEW_COURSE, school),
    ):
        NeedDecision.objects.create(
            survey=survey,
            statement=statement,
            workshop=ws2,
            kind=kind,
            responsible=responsible,
            due_on=today + datetime.timedelta(days=30),
        )
    _refer(survey, statements[3], companies[0], ws2, jobcentre, today)
    return {"workshops": 2, "survey_answers": answered}


def _refer(survey, statement, company, workshop, jobcentre, today):
    """The demo has no signed-in user; it records the referral as the service would."""
    from samspil.companies.models import Contact

    decision = NeedDecision.objects.create(
        survey=survey,
        statement=statement,
        company=company,
        workshop=workshop,
        kind=NeedDecision.Kind.REFER,
        responsible=jobcentre,
        due_on=today + datetime.timedelta(days=7),
        note="Jobcentret finder kandidater til to stillinger.",
    )
    contact = Contact.objects.create(
        company=company,
        kind=Contact.Kind.MEETING,
        status=Contact.Status.PLANNED,
        date=decision.due_on,
        project=survey.workshop.project,
        purpose=f"Henvisning fra workshop 2: {statement.text}",
    )
    contact.organisations.set([jobcentre])
    decision.referral_contacts.add(contact)
