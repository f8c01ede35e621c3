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
# SMUK ran from 18 June 2020 to 31 December 2022 (docs/demo.md): its workshops are dated inside
# it. The first cluster's survey stays open today, so that answering it can be tried.
WS1_DAY, WS2_DAY = datetime.date(2022, 3, 15), datetime.date(2022, 5, 10)
OTHER_CLUSTERS = {
    "Cirkulær økonomi Silkeborg": (datetime.date(2020, 10, 6), datetime.date(2021, 1, 19)),
    "Automation og robotter Randers": (datetime.date(2021, 3, 9), datetime.date(2021, 6, 1)),
    "Grønt byggeri Horsens": (datetime.date(2021, 9, 14), datetime.date(2021, 11, 30)),
}
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
        date=WS1_DAY,
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
        date=WS2_DAY,
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
    _refer(survey, statements[3], companies[0], ws2, jobcentre, today, facilitator)
    made = _other_clusters(project, facilitator)
    return {"workshops": 2 + made, "survey_answers": answered}


def _other_clusters(project, facilitator) -> int:
    """Workshop 1 and 2 in SMUK's three other clusters, dated inside the project's period
    (the seed: four clusters, workshops for their employees), each logged on the attending
    companies' timelines as the service does."""
    made = 0
    for name, (first, second) in OTHER_CLUSTERS.items():
        cluster = Cluster.objects.filter(name=name).first()
        if cluster is None:
            continue
        companies = list(cluster.companies.order_by("name"))
        for kind, day, theme in (
            (Workshop.Kind.WS1, first, f"{cluster.theme}: dialog om kompetencebehov"),
            (Workshop.Kind.WS2, second, f"{cluster.theme}: beslutninger om forløb"),
        ):
            workshop = Workshop.objects.create(
                project=project, cluster=cluster, kind=kind, date=day, theme=theme
            )
            workshop.companies.set(companies)
            if facilitator:
                workshop.facilitators.set([facilitator])
            services._log_workshop_contacts(workshop)
            made += 1
    return made


def _refer(survey, statement, company, workshop, jobcentre, today, facilitator):
    """The referral of workshop 2, its planned contact through the companies' services (as
    the facilitator, so the contact budget and every rule of a contact apply)."""
    from samspil.companies import services as companies_services

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
    contact = companies_services.plan_referral(
        actor=facilitator,
        company=company,
        organisation=jobcentre,
        date=decision.due_on,
        project=survey.workshop.project,
        purpose=f"Henvisning fra workshop 2: {statement.text}",
    )
    decision.referral_contacts.add(contact)
