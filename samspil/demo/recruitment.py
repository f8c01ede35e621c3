"""Recruitment in the demo region: the jobcentres of Silkeborg, Herning and Ikast-Brande refer
unemployed candidates (one without consent) through an information campaign; three openings
arise from a company's plan, a WS2 referral and another plan; a job rotation runs at Ikast
Metal with a substitute who has started and is a participant of KOMPETENCEFORSYNINGmidt 2.0
– Vækstrettet kompetenceudvikling. Dated around the day the demo is built."""

import datetime

from django.contrib.auth import get_user_model

from samspil.catalogue.models import CompetenceArea
from samspil.companies.models import Company
from samspil.core.models import Municipality
from samspil.discovery.models import NeedDecision
from samspil.organisations.models import Organisation
from samspil.participants.identifiers import parse_cpr
from samspil.plans.models import PlanNeed
from samspil.programmes.models import Project
from samspil.recruitment import services
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation

# name, CPR, gender, jobcentre, municipality code, level, areas, unemployed days ago,
# available in days, consent
CANDIDATES = [
    (
        "Morten Vestergaard",
        "120588-1231",
        "male",
        "Jobcenter Ikast-Brande",
        756,
        "unskilled",
        ["Produktionsteknologi", "Svejsning og metal"],
        300,
        0,
        True,
    ),
    (
        "Hanne Lykke",
        "030491-1242",
        "female",
        "Jobcenter Herning",
        657,
        "skilled",
        ["Automation og robotter", "IT og programmering"],
        120,
        0,
        True,
    ),
    (
        "Ali Yilmaz",
        "170795-1233",
        "male",
        "Jobcenter Silkeborg",
        740,
        "unskilled",
        ["Automation og robotter", "Transport og logistik"],
        400,
        0,
        True,
    ),
    (
        "Sofie Brandt",
        "250283-1244",
        "female",
        "Jobcenter Silkeborg",
        740,
        "academy",
        ["Ledelse", "Lean og løbende forbedringer"],
        200,
        0,
        True,
    ),
    (
        "Jesper Kragh",
        "090979-1235",
        "male",
        "Jobcenter Herning",
        657,
        "unskilled",
        ["Produktionsteknologi"],
        500,
        0,
        False,
    ),
    (
        "Maria Holt",
        "140690-1246",
        "female",
        "Jobcenter Herning",
        657,
        "skilled",
        ["Svejsning og metal"],
        90,
        60,
        True,
    ),
]


def build() -> dict:
    project = Project.objects.filter(code="kfmidt-vaekst").first()
    if project is None or Opening.objects.exists():
        return {"openings": 0, "candidates": 0}
    today = datetime.date.today()
    actor = get_user_model().objects.get(username="konsulent1")
    # The operator runs SMUK too, whose plans and WS2 referral the openings come from.
    operator = get_user_model().objects.get(username="operator")
    areas = {a.name: a for a in CompetenceArea.objects.all()}
    places = {m.code: m for m in Municipality.objects.filter(code__in=[657, 740, 756])}
    jobcentres = {o.name: o for o in Organisation.objects.filter(name__startswith="Jobcenter")}

    campaign = Campaign(
        project=project,
        title="Informationskampagne i jobcentrene",
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=30),
        materials="Folder om efteruddannelse og jobrotation; oplæg på jobcentrenes "
        "informationsmøder for ledige.",
        people_reached=140,
    )
    services.save_campaign(
        actor=actor,
        campaign=campaign,
        jobcentres=[
            jobcentres[n]
            for n in ("Jobcenter Silkeborg", "Jobcenter Herning", "Jobcenter Ikast-Brande")
        ],
    )
    candidates = {}
    for row in CANDIDATES:
        name, cpr, gender, jobcentre, place, level, area_names, idle, wait, consent = row
        candidate = Candidate(
            jobcentre=jobcentres[jobcentre],
            project=project,
            campaign=campaign,
            consent_given_on=today - datetime.timedelta(days=90) if consent else None,
            education_level=level,
            municipality=places[place],
            unemployed_since=today - datetime.timedelta(days=idle),
            available_from=today + datetime.timedelta(days=wait),
        )
        candidates[name] = services.refer_candidate(
            actor=actor,
            candidate=candidate,
            identifier=parse_cpr(cpr),
            person={"name": name, "gender": gender},
            competence_areas=[areas[a] for a in area_names],
        )

    def opening(source, **fields):
        made, initial = services.opening_from(source)
        for key, value in {"project": project, **fields}.items():
            setattr(made, key, value)
        return services.save_opening(
            actor=operator, opening=made, competence_areas=initial.get("competence_areas")
        )

    needs = PlanNeed.objects.select_related("plan__company", "area")
    ikast_need = needs.filter(
        plan__company__name="Ikast Metal ApS", area__name="Produktionsteknologi"
    ).first()
    herning_need = needs.filter(
        plan__company__name="Herning Automatik ApS", area__name="Automation og robotter"
    ).first()
    referral = NeedDecision.objects.filter(kind=NeedDecision.Kind.REFER).first()
    start = today - datetime.timedelta(days=30)
    rotation_post = opening(
        ikast_need,
        kind=Opening.Kind.ROTATION,
        role="CNC-operatør (vikar under jobrotation)",
        description="Vikar for en operatør, der tager AMU-kurser i CNC og automation.",
        education_level="unskilled",
        hours_per_week=37,
        start_date=start,
        end_date=start + datetime.timedelta(days=120),
    )
    automation = opening(
        herning_need,
        role="Automatiktekniker",
        education_level="skilled",
        hours_per_week=37,
        start_date=today + datetime.timedelta(days=45),
    )
    if referral is not None:
        opening(
            referral,
            company=referral.company or Company.objects.order_by("name").first(),
            kind=Opening.Kind.VACANCY,
            role="Produktionsmedarbejder",
            hours_per_week=37,
            education_level="unskilled",
            start_date=today + datetime.timedelta(days=30),
        )
    substitute = candidates["Morten Vestergaard"]
    proposal = services.refer(
        actor=actor,
        opening=rotation_post,
        candidate=substitute,
        on=start - datetime.timedelta(days=20),
    )
    services.move(
        actor=actor,
        proposal=proposal,
        stage=Proposal.Stage.PROPOSED,
        on=start - datetime.timedelta(days=14),
    )
    services.move(actor=actor, proposal=proposal, stage=Proposal.Stage.STARTED, on=start)
    services.save_rotation(
        actor=actor,
        rotation=Rotation(
            opening=rotation_post,
            substitute=substitute,
            employee="Karsten Holm",
            employee_employed_since=datetime.date(2015, 3, 1),
            training_hours=148,
        ),
    )
    hanne = services.refer(actor=actor, opening=automation, candidate=candidates["Hanne Lykke"])
    services.move(actor=actor, proposal=hanne, stage=Proposal.Stage.PROPOSED)
    services.refer(actor=actor, opening=automation, candidate=candidates["Ali Yilmaz"])
    sofie = services.refer(actor=actor, opening=automation, candidate=candidates["Sofie Brandt"])
    services.move(
        actor=actor,
        proposal=sofie,
        stage=Proposal.Stage.NOT_STARTED,
        reason="Ønsker en lederstilling frem for en teknisk stilling.",
    )
    return {"openings": Opening.objects.count(), "candidates": len(candidates)}
