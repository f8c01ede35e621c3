"""Participants of SMUK: employees of the cluster's companies lifted from unskilled to skilled,
with start and stop forms (one record left incomplete to show the fix list), prior-learning
assessments and education plans with school periods. The identifiers are made up."""

import datetime

from samspil.catalogue.models import Offering, Provider
from samspil.companies.models import Company
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import (
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
)
from samspil.programmes.models import Project

D = datetime.date

# name, CPR, company, entry, status, ISCED, leaving, results (job searching, in education,
# qualification, employed), education code (or "")
PEOPLE = [
    (
        "Mette Jensen",
        "120584-1442",
        "Herning Plast A/S",
        D(2020, 9, 1),
        "employed",
        2,
        D(2022, 6, 30),
        ("", "", "yes", "yes"),
        "EUV-IO",
    ),
    (
        "Jonas Nielsen",
        "030791-2113",
        "Herning Plast A/S",
        D(2020, 9, 1),
        "employed",
        3,
        None,
        None,
        "EUV-IO",
    ),
    (
        "Sofie Hansen",
        "250166-1228",
        "Ikast Metal ApS",
        D(2020, 10, 15),
        "employed",
        2,
        D(2021, 12, 17),
        ("", "yes", "", "yes"),
        "EUV-AUTO",
    ),
    (
        "Ali Hassan",
        "081299-3017",
        "Ikast Metal ApS",
        D(2021, 2, 1),
        "long_term_unemployed",
        1,
        D(2022, 3, 31),
        ("", "", "yes", "yes"),
        "EUV-AUTO",
    ),
    (
        "Lars Pedersen",
        "170958-1531",
        "Herning Automatik ApS",
        D(2021, 3, 1),
        "employed",
        3,
        None,
        None,
        "EUV-AUTO",
    ),
    (
        "Camilla Sørensen",
        "300402-4820",
        "Herning Automatik ApS",
        D(2021, 8, 16),
        "inactive_in_education",
        2,
        D(2022, 1, 31),
        ("yes", "", "", ""),
        "",
    ),
    (
        "Peter Madsen",
        "110275-2679",
        "Herning Plast A/S",
        D(2021, 9, 1),
        "",
        None,
        None,
        None,
        "",
    ),  # no employment status or ISCED yet: shows on the fix list
]
SCHOOL_OF = {"EUV-IO": "Herningsholm Erhvervsskole", "EUV-AUTO": "Tradium"}


def build() -> dict:
    project = Project.objects.filter(code="smuk").first()
    if project is None or Enrolment.objects.filter(project=project).exists():
        return {"participants": 0}
    made = 0
    for name, cpr, company, entry, status, isced, leaving, results, code in PEOPLE:
        identifier = parse_cpr(cpr)
        participant = Participant(
            name=name,
            gender=identifier.gender,
            birth_date=identifier.birth_date,
            employer=Company.objects.filter(name=company).first(),
        )
        participant.set_identifier(identifier)
        participant.save()
        answers = {
            "disability": "no",
            "third_country_national": "no",
            "foreign_background": "no",
            "minority": "no",
            "homeless": "no",
            "rural": "yes",
            "other_disadvantaged": "no",
        }
        if status == "":
            answers = {}
        if name == "Ali Hassan":
            answers.update(third_country_national="yes", foreign_background="yes")
        enrolment = Enrolment.objects.create(
            participant=participant,
            project=project,
            entry_date=entry,
            employment_status=status,
            isced=isced,
            leaving_date=leaving,
            completed=True if leaving else None,
            **answers,
            **(
                dict(
                    zip(
                        (
                            "result_job_searching",
                            "result_in_education",
                            "result_qualification",
                            "result_employed",
                        ),
                        results,
                        strict=True,
                    )
                )
                if results
                else {}
            ),
        )
        if code:
            plan_education(enrolment, code)
        made += 1
    return {"participants": made}


def plan_education(enrolment, code):
    offering = Offering.objects.filter(code=code).first()
    school = Provider.objects.filter(name=SCHOOL_OF[code]).first()
    if offering is None or school is None:
        return
    start = enrolment.entry_date + datetime.timedelta(days=30)
    assessment = PriorLearningAssessment.objects.create(
        enrolment=enrolment,
        school=school,
        education=offering,
        assessed_on=enrolment.entry_date + datetime.timedelta(days=10),
        assessor="Faglærer, " + school.name,
        merit="Grundforløb 2 godskrevet\nArbejdsmiljø og sikkerhed",
        track="euv2",
        length_weeks=42,
    )
    plan = EducationPlan.objects.create(
        enrolment=enrolment,
        education=offering,
        provider=school,
        assessment=assessment,
        subjects="Automatik og procesteknik\nMaterialelære\nKvalitetsstyring",
        start_date=start,
        expected_end_date=start + datetime.timedelta(weeks=60),
        maths_requirement="support" if enrolment.isced and enrolment.isced < 3 else "met",
        preparatory_course="FVU-matematik, VUC Vest"
        if enrolment.isced and enrolment.isced < 3
        else "",
        status="completed" if enrolment.leaving_date else "started",
        ended_on=enrolment.leaving_date,
    )
    for block in range(3):
        first = start + datetime.timedelta(weeks=20 * block)
        plan.periods.create(start=first, end=first + datetime.timedelta(weeks=8))
