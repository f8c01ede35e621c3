"""About 30 SMEs in Region Midtjylland in SMUK's four clusters, with contacts by several
organisations: some joint visits, some companies over their contact budget."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from samspil.companies.coordination import Quarter
from samspil.companies.models import Cluster, Company, ConsentBasis, Contact, ContactPerson
from samspil.core.models import Municipality
from samspil.organisations.models import Organisation
from samspil.partnerships.models import Partnership
from samspil.programmes.models import Project


def cvr_with_check_digit(base: int) -> str | None:
    """A syntactically valid CVR number from 7 digits (None where no check digit exists)."""
    digits = [int(d) for d in f"{base:07d}"]
    remainder = sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
    if remainder == 1:
        return None
    return f"{base:07d}{(11 - remainder) % 11}"


def demo_cvr(index: int) -> str:
    base = 3817000 + index * 211
    while (cvr := cvr_with_check_digit(base)) is None:
        base += 1
    return cvr


# name, municipality code, industry (DB07 code, Danish title), employees, growth, contact person
COMPANIES = [
    (
        "Herning Plast A/S",
        657,
        ("222900", "Fremstilling af andre plastprodukter"),
        85,
        True,
        ("Lene Thomsen", "HR-chef"),
    ),
    (
        "Ikast Metal ApS",
        756,
        ("251100", "Fremstilling af metalkonstruktioner og dele heraf"),
        42,
        True,
        ("Kim Poulsen", "Direktør"),
    ),
    (
        "Brande Maskinfabrik A/S",
        756,
        ("282900", "Fremstilling af andre maskiner til generelle formål"),
        120,
        False,
        ("Susanne Lauridsen", "Produktionschef"),
    ),
    (
        "Sunds Tekstil ApS",
        657,
        ("139200", "Fremstilling af færdigvarer af tekstiler"),
        23,
        False,
        ("Ole Damgaard", "Ejer"),
    ),
    (
        "Midtjysk Digitaltryk ApS",
        657,
        ("181200", "Trykning i øvrigt"),
        17,
        True,
        ("Maja Krogh", "Direktør"),
    ),
    (
        "Herning Automatik ApS",
        657,
        ("331200", "Reparation af maskiner"),
        31,
        True,
        ("Henrik Sørensen", "Teknisk chef"),
    ),
    (
        "Aulum Møbelsnedkeri A/S",
        657,
        ("310100", "Fremstilling af kontor- og butiksmøbler"),
        64,
        False,
        ("Gitte Vinther", "HR-ansvarlig"),
    ),
    (
        "Silkeborg Genbrug & Råvarer A/S",
        740,
        ("383200", "Genbrug af sorterede materialer"),
        55,
        True,
        ("Bo Kristensen", "Driftschef"),
    ),
    (
        "Gudenå Emballage ApS",
        740,
        ("172100", "Fremstilling af bølgepap og papir- og papemballage"),
        38,
        False,
        ("Anne Holst", "Direktør"),
    ),
    ("Them Savværk ApS", 740, ("161000", "Savværker"), 19, False, ("Niels Bjerre", "Ejer")),
    (
        "Kjellerup Stål ApS",
        791,
        ("256200", "Maskinforarbejdning"),
        27,
        True,
        ("Pia Mikkelsen", "Økonomichef"),
    ),
    (
        "Silkeborg Byggeaffald ApS",
        740,
        ("381100", "Indsamling af ikke-farligt affald"),
        12,
        False,
        ("Jesper Lund", "Direktør"),
    ),
    (
        "Grøn Cirkel ApS",
        740,
        ("467700", "Engroshandel med affald og skrot"),
        8,
        True,
        ("Sofie Nygaard", "Stifter"),
    ),
    (
        "Randers Robotteknik A/S",
        730,
        ("282900", "Fremstilling af andre maskiner til generelle formål"),
        96,
        True,
        ("Thomas Berg", "CTO"),
    ),
    (
        "Langå Precision ApS",
        730,
        ("256200", "Maskinforarbejdning"),
        33,
        False,
        ("Mads Winther", "Værkfører"),
    ),
    (
        "Kronjylland Food A/S",
        730,
        ("107100", "Fremstilling af brød, kager og friske konditorvarer"),
        140,
        False,
        ("Dorte Juhl", "HR-chef"),
    ),
    (
        "Gudenaa Hydraulik ApS",
        730,
        ("281200", "Fremstilling af hydrauliske komponenter"),
        45,
        True,
        ("Rikke Ravn", "Direktør"),
    ),
    (
        "Randers Svejseteknik ApS",
        730,
        ("251100", "Fremstilling af metalkonstruktioner og dele heraf"),
        22,
        False,
        ("Frank Dalgaard", "Ejer"),
    ),
    (
        "Djurs Automation ApS",
        707,
        ("711200", "Rådgivende ingeniørvirksomhed"),
        14,
        True,
        ("Line Bech", "Partner"),
    ),
    (
        "Favrskov Lagersystemer A/S",
        710,
        ("282200", "Fremstilling af løfte- og håndteringsudstyr"),
        78,
        False,
        ("Erik Ravnsbæk", "Produktionschef"),
    ),
    (
        "Horsens Tømrer & Snedker A/S",
        615,
        ("433200", "Tømrer- og bygningssnedkervirksomhed"),
        58,
        False,
        ("Jan Hedegaard", "Direktør"),
    ),
    (
        "Bygma-Partner Horsens ApS",
        615,
        ("412000", "Opførelse af bygninger"),
        110,
        True,
        ("Karina Skytte", "HR-partner"),
    ),
    (
        "Østjysk VVS ApS",
        615,
        ("432200", "VVS- og blikkenslagerforretninger"),
        26,
        False,
        ("Morten Aagaard", "Ejer"),
    ),
    (
        "Hedensted Betonelementer A/S",
        766,
        ("236100", "Fremstilling af betonprodukter til byggeri"),
        150,
        False,
        ("Hanne Kirk", "HR-chef"),
    ),
    (
        "Odder Energirenovering ApS",
        727,
        ("433900", "Anden færdiggørelse af bygninger"),
        11,
        True,
        ("Søren Vad", "Ejer"),
    ),
    (
        "Skanderborg Facader ApS",
        746,
        ("432900", "Andre bygningsinstallationer"),
        36,
        False,
        ("Helle Friis", "Direktør"),
    ),
    (
        "Brædstrup Træbyg ApS",
        615,
        ("162300", "Fremstilling af andet bygningstømmer og snedkerartikler"),
        29,
        False,
        ("Kasper Toft", "Værkfører"),
    ),
    (
        "Juelsminde Kloak & Anlæg ApS",
        766,
        ("422100", "Anlæg af ledningsnet til væsker og gasser"),
        21,
        False,
        ("Bente Ladefoged", "Direktør"),
    ),
    (
        "Aarhus Dataservice ApS",
        751,
        ("620100", "Computerprogrammering"),
        9,
        True,
        ("Ali Hassan", "Direktør"),
    ),
    (
        "Midtjysk Transport A/S",
        740,
        ("494100", "Vejgodstransport"),
        67,
        False,
        ("Vibeke Holm", "Trafikchef"),
    ),
]

# name, theme, mother company, members (by index into COMPANIES), responsibilities, projects
CLUSTERS = [
    (
        "Digital produktion Herning-Ikast",
        "Digitalisering i produktionen",
        0,
        [0, 1, 2, 3, 4, 5, 6],
        "Værter for workshops, samler klyngens behov og koordinerer fælles hold med skolerne.",
        ["smuk"],
    ),
    (
        "Cirkulær økonomi Silkeborg",
        "Cirkulær økonomi",
        7,
        [7, 8, 9, 10, 11, 12, 29],
        "Administrerer klyngens deltagerlister og lægger lokaler til fælles kompetenceforløb.",
        ["smuk", "kfmidt-vaekst"],
    ),
    (
        "Automation og robotter Randers",
        "Automation og robotter",
        13,
        [13, 14, 15, 16, 17, 18, 19],
        "Stiller robotceller til rådighed for praktisk undervisning og samler behov for "
        "automationsteknikere.",
        ["smuk", "kfmidt-erhvervsfaglige"],
    ),
    (
        "Grønt byggeri Horsens",
        "Grøn omstilling i byggeriet",
        21,
        [20, 21, 22, 23, 24, 25, 26, 27],
        "Koordinerer efteruddannelse på byggepladserne og sparrer med de mindre virksomheder.",
        ["smuk"],
    ),
]


def build() -> dict:
    counts = {"companies": 0, "clusters": 0, "contacts": 0}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    companies = []
    for index, (name, municipality, (code, title), employees, growth, person) in enumerate(
        COMPANIES
    ):
        company, created = Company.objects.get_or_create(
            cvr=demo_cvr(index),
            defaults={
                "name": name,
                "municipality": municipalities[municipality],
                "city": municipalities[municipality].name,
                "industry_code": code,
                "industry_title": title,
                "employees": employees,
                "growth_company": growth,
            },
        )
        if created:
            company.full_clean()
            company.save()
            ContactPerson.objects.create(
                company=company,
                name=person[0],
                role=person[1],
                email=f"{person[0].split()[0].lower()}@example.dk",
                consent_basis=ConsentBasis.LEGITIMATE_INTEREST,
            )
            counts["companies"] += 1
        companies.append((company, created))

    projects = {p.code: p for p in Project.objects.all()}
    for name, theme, mother, members, responsibilities, project_codes in CLUSTERS:
        cluster, created = Cluster.objects.get_or_create(
            name=name,
            defaults={
                "theme": theme,
                "mother_company": companies[mother][0],
                "mother_responsibilities": responsibilities,
            },
        )
        if created:
            cluster.companies.set([companies[i][0] for i in members])
            cluster.projects.set([projects[c] for c in project_codes])
            counts["clusters"] += 1

    new_companies = {company.name: company for company, created in companies if created}
    if new_companies:
        counts["contacts"] = _contacts(new_companies)
    return counts


def _contacts(companies: dict) -> int:
    """Contacts dated around the day the demo is first built, so the guard has things to show."""
    today = timezone.localdate()
    quarter_start = Quarter.of(today).start
    users = {
        u.username: u for u in get_user_model().objects.filter(username__startswith="konsulent")
    }
    organisations = {o.name: o for o in Organisation.objects.all()}
    partnerships = {p.code: p for p in Partnership.objects.all()}
    projects = {p.code: p for p in Project.objects.all()}

    def in_quarter(days_ago: int) -> datetime.date:
        return max(quarter_start, today - datetime.timedelta(days=days_ago))

    # company, kind, status, date, organisations, consultants, partnership, project, purpose
    plan = [
        # A jobcentre consultant of LKS Herning visited last week: the demo's coordination case.
        (
            "Ikast Metal ApS",
            "visit",
            "done",
            today - datetime.timedelta(days=7),
            ["Jobcenter Herning"],
            ["konsulent4"],
            "lks-herning-ikast-brande",
            "kfmidt-erhvervsfaglige",
            "Rekruttering af to svejsere; mulighed for jobrotation",
        ),
        (
            "Ikast Metal ApS",
            "joint_visit",
            "done",
            today - datetime.timedelta(days=60),
            [
                "Erhvervsrådet Herning & Ikast-Brande",
                "Jobcenter Herning",
                "Herningsholm Erhvervsskole",
            ],
            ["konsulent3", "konsulent4"],
            "lks-herning-ikast-brande",
            "kfmidt-vaekst",
            "Sambesøg: vækstplan og kompetencebehov i svejseafdelingen",
        ),
        (
            "Herning Plast A/S",
            "workshop",
            "done",
            today - datetime.timedelta(days=30),
            ["Herningsholm Erhvervsskole", "Erhvervsrådet Herning & Ikast-Brande"],
            ["konsulent3"],
            "lks-herning-ikast-brande",
            "smuk",
            "Workshop 1 i klyngen Digital produktion",
        ),
        (
            "Herning Automatik ApS",
            "phone",
            "done",
            today - datetime.timedelta(days=12),
            ["Jobcenter Herning"],
            ["konsulent4"],
            "lks-herning-ikast-brande",
            "kfmidt-erhvervsfaglige",
            "Opfølgning på ledig automatiktekniker",
        ),
        (
            "Brande Maskinfabrik A/S",
            "visit",
            "planned",
            today + datetime.timedelta(days=9),
            ["Erhvervsrådet Herning & Ikast-Brande"],
            ["konsulent3"],
            "lks-herning-ikast-brande",
            "kfmidt-vaekst",
            "Kompetenceforsyningsplan for produktionen",
        ),
        # Over budget: three uncoordinated approaches this quarter.
        (
            "Silkeborg Genbrug & Råvarer A/S",
            "visit",
            "done",
            in_quarter(20),
            ["Jobcenter Silkeborg"],
            ["konsulent1"],
            "lks-silkeborg",
            "kfmidt-vaekst",
            "Rekrutteringsbehov ved udvidelse",
        ),
        (
            "Silkeborg Genbrug & Råvarer A/S",
            "phone",
            "done",
            in_quarter(10),
            ["Teknisk Skole Silkeborg"],
            ["konsulent2"],
            "lks-silkeborg",
            "smuk",
            "AMU-kurser i sortering og materialekendskab",
        ),
        (
            "Silkeborg Genbrug & Råvarer A/S",
            "email",
            "done",
            in_quarter(3),
            ["Erhverv Silkeborg"],
            [],
            "lks-silkeborg",
            None,
            "Invitation til netværksmøde om cirkulær økonomi",
        ),
        (
            "Randers Robotteknik A/S",
            "visit",
            "done",
            in_quarter(25),
            ["Tradium"],
            ["konsulent5"],
            "lks-randers",
            "kfmidt-erhvervsfaglige",
            "EUV for robotoperatører",
        ),
        (
            "Randers Robotteknik A/S",
            "meeting",
            "done",
            in_quarter(14),
            ["Jobcenter Randers"],
            ["konsulent6"],
            "lks-randers",
            "smuk",
            "Ledige med automationsbaggrund",
        ),
        (
            "Randers Robotteknik A/S",
            "visit",
            "done",
            in_quarter(2),
            ["Erhverv Randers"],
            [],
            "lks-randers",
            None,
            "Vækstplan og eksport",
        ),
        # Three organisations, no joint visit.
        (
            "Kronjylland Food A/S",
            "visit",
            "done",
            in_quarter(18),
            ["Tradium"],
            ["konsulent5"],
            "lks-randers",
            "kfmidt-erhvervsfaglige",
            "Fødevarehygiejne og EUV",
        ),
        (
            "Kronjylland Food A/S",
            "phone",
            "done",
            in_quarter(8),
            ["Jobcenter Randers"],
            ["konsulent6"],
            "lks-randers",
            "smuk",
            "Sæsonrekruttering",
        ),
        (
            "Kronjylland Food A/S",
            "workshop",
            "done",
            in_quarter(4),
            ["Erhverv Randers"],
            [],
            "lks-randers",
            None,
            "Produktivitetsworkshop",
        ),
        # Joint visits in Horsens.
        (
            "Bygma-Partner Horsens ApS",
            "joint_visit",
            "done",
            today - datetime.timedelta(days=21),
            ["Horsens Erhverv", "Jobcenter Horsens", "Learnmark Horsens"],
            ["konsulent7", "konsulent8"],
            "lks-horsens",
            "kfmidt-erhvervsfaglige",
            "Sambesøg: faglærte til grønt byggeri",
        ),
        (
            "Horsens Tømrer & Snedker A/S",
            "visit",
            "done",
            today - datetime.timedelta(days=45),
            ["Learnmark Horsens"],
            ["konsulent7"],
            "lks-horsens",
            "kfmidt-erhvervsfaglige",
            "RKV for tre ufaglærte",
        ),
        (
            "Hedensted Betonelementer A/S",
            "joint_visit",
            "planned",
            today + datetime.timedelta(days=14),
            ["Horsens Erhverv", "Learnmark Horsens"],
            ["konsulent8", "konsulent7"],
            "lks-horsens",
            "kfmidt-vaekst",
            "Sambesøg: automatisering af formstøbning",
        ),
        (
            "Gudenå Emballage ApS",
            "visit",
            "done",
            today - datetime.timedelta(days=33),
            ["Teknisk Skole Silkeborg"],
            ["konsulent2"],
            "lks-silkeborg",
            "smuk",
            "Lean-kørekort til holdledere",
        ),
        (
            "Aarhus Dataservice ApS",
            "email",
            "done",
            today - datetime.timedelta(days=5),
            ["Erhvervshus Midtjylland"],
            [],
            None,
            None,
            "SMV:Digital – tilbud om forløb",
        ),
    ]
    created = 0
    outreach_so_far: dict[str, int] = {}
    for company, kind, status, day, orgs, consultants, partnership, project, purpose in plan:
        if company not in companies:
            continue
        if kind in Contact.OUTREACH_KINDS:
            outreach_so_far[company] = outreach_so_far.get(company, 0) + 1
        over_budget = outreach_so_far.get(company, 0) > 2 and kind in Contact.OUTREACH_KINDS
        contact = Contact.objects.create(
            company=companies[company],
            kind=kind,
            status=status,
            date=day,
            partnership=partnerships.get(partnership),
            project=projects.get(project),
            purpose=purpose,
            notes="Referat ligger i sagen." if status == "done" else "",
            budget_override_reason="Virksomheden bad selv om et møde om eksport."
            if over_budget
            else "",
        )
        contact.organisations.set([organisations[o] for o in orgs])
        contact.consultants.set([users[c] for c in consultants if c in users])
        created += 1
    return created
