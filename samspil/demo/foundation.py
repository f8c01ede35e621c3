"""Region Midtjylland's organisations, partnerships (LKS), the seeds' projects and demo users."""

from datetime import date

from django.contrib.auth import get_user_model

from samspil.core.models import Municipality
from samspil.organisations.models import (
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Role,
    System,
)
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Fund, Project, ProjectMembership

DEMO_PASSWORD = "demo"

K = OrganisationKind
# name, kind, system, municipality code (None: outside Denmark's municipal map)
ORGANISATIONS = [
    ("AOF Midtjylland", K.OPERATOR, System.EDUCATION, 751),
    ("Region Midtjylland", K.OPERATOR, "", 791),
    ("Erhvervshus Midtjylland", K.BUSINESS_PROMOTION, System.BUSINESS, 751),
    ("Erhverv Silkeborg", K.BUSINESS_PROMOTION, System.BUSINESS, 740),
    ("Erhvervsrådet Herning & Ikast-Brande", K.BUSINESS_PROMOTION, System.BUSINESS, 657),
    ("Erhverv Randers", K.BUSINESS_PROMOTION, System.BUSINESS, 730),
    ("Horsens Erhverv", K.BUSINESS_PROMOTION, System.BUSINESS, 615),
    ("Jobcenter Silkeborg", K.EMPLOYMENT, System.EMPLOYMENT, 740),
    ("Jobcenter Herning", K.EMPLOYMENT, System.EMPLOYMENT, 657),
    ("Jobcenter Ikast-Brande", K.EMPLOYMENT, System.EMPLOYMENT, 756),
    ("Jobcenter Randers", K.EMPLOYMENT, System.EMPLOYMENT, 730),
    ("Jobcenter Horsens", K.EMPLOYMENT, System.EMPLOYMENT, 615),
    ("Jobcenter Aarhus", K.EMPLOYMENT, System.EMPLOYMENT, 751),
    ("VEU-center Midt-Vest", K.EDUCATION, System.EDUCATION, 657),
    ("VEU-center Østjylland", K.EDUCATION, System.EDUCATION, 751),
    ("Teknisk Skole Silkeborg", K.EDUCATION, System.EDUCATION, 740),
    ("Handelsskolen Silkeborg Business College", K.EDUCATION, System.EDUCATION, 740),
    ("Herningsholm Erhvervsskole", K.EDUCATION, System.EDUCATION, 657),
    ("Tradium", K.EDUCATION, System.EDUCATION, 730),
    ("Learnmark Horsens", K.EDUCATION, System.EDUCATION, 615),
    ("Erhvervsakademi Aarhus", K.EDUCATION, System.EDUCATION, 751),
    ("VUC Aarhus", K.EDUCATION, System.EDUCATION, 751),
    ("FH Midtjylland", K.LABOUR_MARKET_PARTNER, "", 751),
    ("LO Silkeborg-Favrskov", K.LABOUR_MARKET_PARTNER, "", 740),
    ("CARMA, Aalborg Universitet", K.OTHER, "", 851),
    ("NEXT Uddannelse København", K.EDUCATION, System.EDUCATION, 101),
    ("Region Östergötland", K.OPERATOR, "", None),
]

# code, name, operator, fund, start, end, journal number, description
PROJECTS = [
    (
        "smuk",
        "SMUK – Sammen om Morgendagens Uddannelse og Kompetencer",
        "AOF Midtjylland",
        Fund.ESF2014,
        date(2020, 6, 18),
        date(2022, 12, 31),
        "",
        "Fire klynger af SMV'er i Region Midtjylland med en modervirksomhed i hver: "
        "kompetenceløft til 1.400 medarbejdere, heraf 140 målrettet.",
    ),
    (
        "kfmidt-vaekst",
        "KOMPETENCEFORSYNINGmidt 2.0 – Vækstrettet kompetenceudvikling",
        "Region Midtjylland",
        Fund.ESF2014,
        None,  # running: see RUNNING
        None,
        "",
        "Kompetenceudvikling af vækstvirksomheders medarbejdere og ledere i de lokale "
        "koordinerende samarbejder (LKS).",
    ),
    (
        "kfmidt-erhvervsfaglige",
        "KOMPETENCEFORSYNINGmidt 2.0 – Erhvervsfaglige kompetencer",
        "Region Midtjylland",
        Fund.ESF2014,
        None,
        None,
        "",
        "Formel erhvervsfaglig uddannelse efter individuel uddannelsesaftale, i de lokale "
        "koordinerende samarbejder (LKS).",
    ),
    (
        "hovedstaden-netvaerk",
        "Fra ufaglært til faglært gennem virksomhedsnetværk (Region Hovedstaden)",
        "NEXT Uddannelse København",
        Fund.ESF2014,
        date(2017, 9, 1),
        date(2020, 12, 31),
        "",
        "Virksomhedsnetværk, workshops og e-survey, kompetenceforsyningsplaner, RKV og "
        "uddannelsesplaner: 1.200 deltagere, heraf 900 beskæftigede og 300 ledige.",
    ),
    (
        "kompetencer-til-vaekst",
        "Kompetencer til vækst (Vækstforum)",
        "Region Midtjylland",
        Fund.ESF2014,
        date(2017, 1, 1),
        date(2019, 12, 31),
        "",
        "Sammentænkning af erhvervs-, beskæftigelses- og uddannelsespolitikken for "
        "virksomhedernes kompetenceforsyning.",
    ),
    (
        "smart-kompetens",
        "Smart Kompetens för Industrin",
        "Region Östergötland",
        Fund.ESF2014,
        date(2018, 9, 1),
        date(2020, 8, 31),
        "2018/00082",
        "Kompetensstärkning hos anställda inom industriföretag i Östra Mellansverige: "
        "58 företag och 4 649 deltagare.",
    ),
]

# The seeds give no period for the two KOMPETENCEFORSYNINGmidt 2.0 projects. The demo runs them
# around the day it is built, so their dashboards show live actuals from the demo's recent
# contacts: (years before this one it started, years after this one it ends, end month-day).
RUNNING = {"kfmidt-vaekst": (1, 1, (12, 31)), "kfmidt-erhvervsfaglige": (1, 2, (6, 30))}


def _period(code, start, end):
    if code not in RUNNING:
        return start, end
    before, after, (month, day) = RUNNING[code]
    year = date.today().year
    return date(year - before, 1, 1), date(year + after, month, day)


MIDT_PROJECTS = ["smuk", "kfmidt-vaekst", "kfmidt-erhvervsfaglige", "kompetencer-til-vaekst"]

# code, name, secretariat, member organisations, area (municipality codes)
PARTNERSHIPS = [
    (
        "lks-silkeborg",
        "LKS Silkeborg",
        "VEU-center Midt-Vest",
        [
            "Erhverv Silkeborg",
            "Jobcenter Silkeborg",
            "Teknisk Skole Silkeborg",
            "Handelsskolen Silkeborg Business College",
            "LO Silkeborg-Favrskov",
            "VEU-center Midt-Vest",
        ],
        [740],
    ),
    (
        "lks-herning-ikast-brande",
        "LKS Herning og Ikast-Brande",
        "VEU-center Midt-Vest",
        [
            "Erhvervsrådet Herning & Ikast-Brande",
            "Jobcenter Herning",
            "Jobcenter Ikast-Brande",
            "Herningsholm Erhvervsskole",
            "VEU-center Midt-Vest",
            "FH Midtjylland",
        ],
        [657, 756],
    ),
    (
        "lks-randers",
        "LKS Randers",
        "VEU-center Østjylland",
        ["Erhverv Randers", "Jobcenter Randers", "Tradium", "VEU-center Østjylland"],
        [730],
    ),
    (
        "lks-horsens",
        "LKS Horsens",
        "VEU-center Østjylland",
        [
            "Horsens Erhverv",
            "Jobcenter Horsens",
            "Learnmark Horsens",
            "VEU-center Østjylland",
            "Erhvervshus Midtjylland",
        ],
        [615],
    ),
]

# username, first name, last name, organisation, partnership, project (each consultant
# belongs to exactly one partnership and one project)
CONSULTANTS = [
    ("konsulent1", "Mette", "Kjær", "Jobcenter Silkeborg", "lks-silkeborg", "kfmidt-vaekst"),
    ("konsulent2", "Anders", "Holm", "Teknisk Skole Silkeborg", "lks-silkeborg", "smuk"),
    (
        "konsulent3",
        "Louise",
        "Bach",
        "Erhvervsrådet Herning & Ikast-Brande",
        "lks-herning-ikast-brande",
        "kfmidt-vaekst",
    ),
    (
        "konsulent4",
        "Jens",
        "Mortensen",
        "Jobcenter Herning",
        "lks-herning-ikast-brande",
        "kfmidt-erhvervsfaglige",
    ),
    ("konsulent5", "Sara", "Nielsen", "Tradium", "lks-randers", "kfmidt-erhvervsfaglige"),
    ("konsulent6", "Peter", "Lund", "Jobcenter Randers", "lks-randers", "smuk"),
    ("konsulent7", "Camilla", "Dahl", "Learnmark Horsens", "lks-horsens", "kfmidt-erhvervsfaglige"),
    ("konsulent8", "Rasmus", "Friis", "Horsens Erhverv", "lks-horsens", "kfmidt-vaekst"),
]

# username, first name, last name, organisation, partnership
COORDINATORS = [
    ("koordinator1", "Hanne", "Skov", "VEU-center Midt-Vest", "lks-silkeborg"),
    ("koordinator2", "Lars", "Vestergaard", "VEU-center Midt-Vest", "lks-herning-ikast-brande"),
    ("koordinator3", "Birgitte", "Møller", "VEU-center Østjylland", "lks-randers"),
    ("koordinator4", "Thomas", "Iversen", "VEU-center Østjylland", "lks-horsens"),
]


def _user(username, first_name, last_name, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@demo.samspil.local",
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, created


def build() -> dict:
    counts = dict.fromkeys(["organisations", "projects", "partnerships", "users", "memberships"], 0)
    municipalities = {m.code: m for m in Municipality.objects.all()}

    organisations = {}
    for name, kind, system, municipality in ORGANISATIONS:
        organisations[name], created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "system": system,
                "municipality": municipalities.get(municipality),
            },
        )
        counts["organisations"] += created

    projects = {}
    for code, name, operator, fund, start, end, journal, description in PROJECTS:
        start, end = _period(code, start, end)
        projects[code], created = Project.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "operator": organisations[operator],
                "fund": fund,
                "start_date": start,
                "end_date": end,
                "journal_number": journal,
                "description": description,
            },
        )
        counts["projects"] += created

    partnerships = {}
    for code, name, secretariat, members, area in PARTNERSHIPS:
        partnership, created = Partnership.objects.get_or_create(
            code=code, defaults={"name": name, "secretariat": organisations[secretariat]}
        )
        if created:
            partnership.organisations.set([organisations[m] for m in members])
            partnership.municipalities.set([municipalities[c] for c in area])
            partnership.projects.set([projects[c] for c in MIDT_PROJECTS])
        partnerships[code] = partnership
        counts["partnerships"] += created

    def member(model, target_field, target, user, role):
        _membership, created = model.objects.get_or_create(
            user=user, **{target_field: target}, defaults={"role": role}
        )
        counts["memberships"] += created

    admin, created = _user("admin", "Ada", "Administrator", is_staff=True, is_superuser=True)
    counts["users"] += created

    operator, created = _user("operator", "Karen", "Andersen")
    counts["users"] += created
    member(
        OrganisationMembership,
        "organisation",
        organisations["AOF Midtjylland"],
        operator,
        Role.OPERATOR,
    )
    for project in projects.values():
        member(ProjectMembership, "project", project, operator, Role.OPERATOR)

    for username, first, last, organisation, partnership, project in CONSULTANTS:
        user, created = _user(username, first, last)
        counts["users"] += created
        member(
            OrganisationMembership,
            "organisation",
            organisations[organisation],
            user,
            Role.CONSULTANT,
        )
        member(
            PartnershipMembership, "partnership", partnerships[partnership], user, Role.CONSULTANT
        )
        member(ProjectMembership, "project", projects[project], user, Role.CONSULTANT)

    for username, first, last, organisation, partnership in COORDINATORS:
        user, created = _user(username, first, last)
        counts["users"] += created
        member(
            OrganisationMembership,
            "organisation",
            organisations[organisation],
            user,
            Role.COORDINATOR,
        )
        member(
            PartnershipMembership, "partnership", partnerships[partnership], user, Role.COORDINATOR
        )

    evaluator, created = _user("evaluator", "Jonas", "Bredgaard")
    counts["users"] += created
    member(
        OrganisationMembership,
        "organisation",
        organisations["CARMA, Aalborg Universitet"],
        evaluator,
        Role.EVALUATOR,
    )
    return counts
