"""Each demo partnership's work: its projects' toolboxes, cases decided at three meetings, two
evaluation rounds that move from canteen towards club, and learning notes."""

import datetime

from django.utils import timezone

from samspil.companies.models import Company
from samspil.organisations.models import Organisation, System
from samspil.partnerships.models import (
    DIMENSION_CODES,
    AgendaItem,
    Case,
    CaseDecision,
    CaseStatus,
    EvaluationRating,
    EvaluationResponse,
    EvaluationRound,
    LearningNote,
    Meeting,
    Partnership,
    PartnershipMembership,
)
from samspil.programmes.models import STANDARD_TOOLS, Project, Tool

# Per partnership: (company, referrer, need, systems acting, tool, decided at meeting n)
CASES = {
    "lks-silkeborg": [
        (
            "Silkeborg Genbrug & Råvarer A/S",
            "Jobcenter Silkeborg",
            "Udvidelse kræver 6 nye medarbejdere og oplæring i sortering.",
            ["employment", "education"],
            "Job rotation",
            1,
        ),
        (
            "Gudenå Emballage ApS",
            "Teknisk Skole Silkeborg",
            "Holdledere mangler Lean-kompetencer.",
            ["education"],
            "Targeted competence development",
            2,
        ),
        (
            "Kjellerup Stål ApS",
            "Erhverv Silkeborg",
            "Vækstplan: to ufaglærte skal være faglærte industrioperatører.",
            ["business", "education"],
            "Prior-learning assessment (RKV)",
            3,
        ),
        (
            "Grøn Cirkel ApS",
            "Erhverv Silkeborg",
            "Ejeren ønsker sparring om strategisk HR.",
            [],
            None,
            None,
        ),
    ],
    "lks-herning-ikast-brande": [
        (
            "Ikast Metal ApS",
            "Jobcenter Herning",
            "To svejsere mangler; to medarbejdere kan løftes via EUV.",
            ["employment", "education"],
            "Job rotation",
            1,
        ),
        (
            "Herning Plast A/S",
            "Erhvervsrådet Herning & Ikast-Brande",
            "Digitalisering af produktionen kræver nye kompetencer hos operatørerne.",
            ["business", "education", "employment"],
            "Targeted competence development",
            2,
        ),
        (
            "Brande Maskinfabrik A/S",
            "Herningsholm Erhvervsskole",
            "Mangler HR-funktion til at planlægge efteruddannelse.",
            ["business"],
            "HR manager for hire",
            3,
        ),
        (
            "Sunds Tekstil ApS",
            "Jobcenter Herning",
            "Usikker ordrebeholdning; ønsker overblik.",
            [],
            None,
            None,
        ),
    ],
    "lks-randers": [
        (
            "Randers Robotteknik A/S",
            "Tradium",
            "Robotoperatører skal løftes til automatikteknikere.",
            ["education", "employment"],
            "Prior-learning assessment (RKV)",
            1,
        ),
        (
            "Kronjylland Food A/S",
            "Jobcenter Randers",
            "Tre organisationer har henvendt sig hver for sig; samlet plan ønskes.",
            ["business", "employment", "education"],
            "Company networks",
            2,
        ),
        (
            "Langå Precision ApS",
            "Erhverv Randers",
            "Ledelsesudvikling for to nye mellemledere.",
            ["business"],
            "Leadership training",
            3,
        ),
        ("Gudenaa Hydraulik ApS", "Tradium", "Behov for udenlandske specialister.", [], None, None),
    ],
    "lks-horsens": [
        (
            "Bygma-Partner Horsens ApS",
            "Horsens Erhverv",
            "Grøn omstilling kræver faglærte med energikompetencer.",
            ["business", "employment", "education"],
            "Retraining",
            1,
        ),
        (
            "Horsens Tømrer & Snedker A/S",
            "Learnmark Horsens",
            "Tre ufaglærte skal have RKV og uddannelsesplan.",
            ["education"],
            "Prior-learning assessment (RKV)",
            2,
        ),
        (
            "Hedensted Betonelementer A/S",
            "Jobcenter Horsens",
            "Automatisering af formstøbning; ledige kan oplæres.",
            ["employment", "education"],
            "Job rotation",
            3,
        ),
        (
            "Østjysk VVS ApS",
            "Horsens Erhverv",
            "Generationsskifte og rekruttering af lærlinge.",
            [],
            None,
            None,
        ),
    ],
}

NOTES = [
    (
        "Sambesøg frem for tre enkeltbesøg",
        "Jobcenter, erhvervskontor og skole besøgte virksomheden sammen og aftalte én plan.",
        "Mindre produktionsvirksomheder, der er kontaktet af flere aktører",
        "Klyngen i SMUK",
        "Virksomheden sagde ja til RKV for tre medarbejdere og en jobrotation.",
        "Referat fra sambesøg; virksomhedens tilbagemelding",
        "sambesøg, koordinering",
        True,
    ),
    (
        "Jobrotation gør uddannelse mulig i travle perioder",
        "En ledig med svejsebaggrund dækkede for en medarbejder under EUV-forløbet.",
        "Virksomheder med under 50 ansatte",
        "Høj ordrebeholdning",
        "Medarbejderen gennemførte skoleperioden; vikaren blev fastansat.",
        "",
        "jobrotation, EUV",
        True,
    ),
    (
        "Udsagn fra workshoppen gjorde e-surveyen relevant",
        "Konsulentteamet skrev udsagn direkte fra workshop 1's dokumentation.",
        "Klyngens virksomheder",
        "Workshop 1 i klyngen",
        "Svarprocenten steg, og behovene var mere konkrete.",
        "Svarprocent 78 %",
        "workshop, e-survey",
        False,
    ),
]


def build() -> dict:
    counts = {"tools": 0, "cases": 0, "meetings": 0, "evaluation_rounds": 0, "learning_notes": 0}
    for project in Project.objects.all():
        if not project.tools.exists():
            for position, name in enumerate(STANDARD_TOOLS):
                Tool.objects.create(project=project, name=str(name), position=position)
                counts["tools"] += 1
    for partnership in Partnership.objects.filter(code__in=CASES):
        if partnership.cases.exists():
            continue  # built before: running the demo again changes nothing
        counts.update({k: counts[k] + v for k, v in _partnership(partnership).items()})
    return counts


def _partnership(partnership) -> dict:
    today = timezone.localdate()
    members = list(
        PartnershipMembership.objects.filter(partnership=partnership).select_related("user")
    )
    users = [m.user for m in members]
    consultants = [m.user for m in members if m.role == "consultant"]
    for membership in members:
        membership.in_consultant_group = membership.role == "consultant"
        membership.in_steering_group = membership.role == "coordinator"
        membership.save(update_fields=["in_consultant_group", "in_steering_group"])
    project = partnership.projects.order_by("name").first()
    organisations = {o.name: o for o in Organisation.objects.all()}
    companies = {c.name: c for c in Company.objects.all()}

    meeting_days = [today - datetime.timedelta(days=d) for d in (120, 60, 20)]
    meetings = []
    for number, day in enumerate(meeting_days, start=1):
        meeting = Meeting.objects.create(
            partnership=partnership,
            date=day,
            place="VEU-centret",
            status=Meeting.Status.HELD,
            minutes=f"Møde {number}: status på sager, nye henvendelser og fælles besøg.",
        )
        meeting.attendees.set(users)
        meetings.append(meeting)

    created_cases = 0
    for position, (company, referrer, need, systems, tool, at_meeting) in enumerate(
        CASES[partnership.code]
    ):
        referred_on = meeting_days[(at_meeting or 3) - 1] - datetime.timedelta(
            days=21 - 5 * position
        )
        case = Case.objects.create(
            partnership=partnership,
            company=companies[company],
            referred_by=organisations.get(referrer),
            referred_on=referred_on,
            need=need,
            status=CaseStatus.NEW,
            follow_up_on=today + datetime.timedelta(days=14 + 7 * position),
        )
        created_cases += 1
        if at_meeting:
            meeting = meetings[at_meeting - 1]
            AgendaItem.objects.create(meeting=meeting, case=case, position=position)
            decision = CaseDecision.objects.create(
                case=case,
                meeting=meeting,
                text=f"{', '.join(str(System(s).label) for s in systems)} følger op.",
                systems=systems,
                project=project,
            )
            decision.consultants.set(consultants[: max(1, len(systems) - 1)])
            decision.tools.set(Tool.objects.filter(project=project, name=str(tool)))
            CaseDecision.objects.filter(pk=decision.pk).update(
                created_at=timezone.make_aware(
                    datetime.datetime.combine(meeting.date, datetime.time(10))
                )
            )
            case.status = CaseStatus.IN_PROGRESS if at_meeting < 3 else CaseStatus.DECIDED
            case.decided_on = meeting.date
            case.save(update_fields=["status", "decided_on"])
        else:
            AgendaItem.objects.create(meeting=meetings[-1], case=case, position=position)
            case.status = CaseStatus.TO_DECIDE
            case.save(update_fields=["status"])

    # Two rounds: the first after the first meeting, the second after the third.
    levels_by_round = [
        {code: 1 for code in DIMENSION_CODES} | {"coordination": 2},
        {code: 2 for code in DIMENSION_CODES} | {"mandate": 1, "resources": 1, "steering_group": 1},
    ]
    rounds = [
        (
            "Runde 1",
            meeting_days[0] + datetime.timedelta(days=5),
            meeting_days[0] + datetime.timedelta(days=25),
        ),
        (
            "Runde 2",
            meeting_days[2] + datetime.timedelta(days=2),
            meeting_days[2] + datetime.timedelta(days=16),
        ),
    ]
    for (title, opens, closes), levels in zip(rounds, levels_by_round, strict=True):
        round_ = EvaluationRound.objects.create(
            partnership=partnership, title=title, opens_on=opens, closes_on=min(closes, today)
        )
        for index, user in enumerate(users):
            response = EvaluationResponse.objects.create(round=round_, respondent=user)
            EvaluationRating.objects.bulk_create(
                EvaluationRating(
                    response=response,
                    dimension=code,
                    # Members disagree a little: the first member sees one level higher on some.
                    level=min(
                        3, level + (1 if index == 0 and code in ("cooperation", "learning") else 0)
                    ),
                )
                for code, level in levels.items()
            )

    author = consultants[0] if consultants else None
    for offset, (title, tried, for_whom, context, result, evidence, tags, success) in enumerate(
        NOTES
    ):
        LearningNote.objects.create(
            partnership=partnership,
            project=project,
            title=title,
            tried=tried,
            for_whom=for_whom,
            context=context,
            result=result,
            evidence=evidence,
            tags=tags,
            success_story=success,
            publish=success,
            author=author,
            noted_on=today - datetime.timedelta(days=10 + 30 * offset),
        )
    return {
        "cases": created_cases,
        "meetings": len(meetings),
        "evaluation_rounds": len(rounds),
        "learning_notes": len(NOTES),
    }
