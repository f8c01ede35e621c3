"""The ESF common indicators, computed from the start and stop forms exactly as ESF.md defines
them: characteristics at entry, the completeness rule, "declined" as not having a
characteristic, results only for those who have left by the reporting date."""

import datetime
from dataclasses import dataclass

from samspil.core.dates import add_months
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    Answer,
    EmploymentStatus,
    Enrolment,
    Gender,
    YesNo,
)
from samspil.programmes.models import Fund

S = EmploymentStatus
UNEMPLOYED = {S.UNEMPLOYED, S.LONG_TERM_UNEMPLOYED}
INACTIVE = {S.INACTIVE_IN_EDUCATION, S.INACTIVE_NOT_IN_EDUCATION}
EMPLOYED = {S.EMPLOYED, S.SELF_EMPLOYED}
SME_BANDS = {"micro", "small", "medium"}


def age_at(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def six_months_after(day: datetime.date) -> datetime.date:
    return add_months(day, 6)


@dataclass
class Person:
    """One enrolment, as the indicators see it."""

    gender: str
    status: str
    age: int | None
    isced: int | None
    yes: set  # characteristics answered yes
    left: bool  # left on or before the reporting date
    six_months: bool  # six months have passed since leaving, by the reporting date
    results: set  # results answered yes
    employer_band: str | None
    employer: int | None

    @property
    def complete(self) -> bool:
        return (
            bool(self.gender)
            and bool(self.status)
            and self.age is not None
            and self.isced is not None
        )

    @property
    def disadvantaged(self) -> bool:
        return bool(
            self.yes
            & {
                "disability",
                "third_country_national",
                "foreign_background",
                "minority",
                "homeless",
                "other_disadvantaged",
            }
        )


def _person(e: Enrolment, until: datetime.date) -> Person:
    p = e.participant
    left = e.leaving_date is not None and e.leaving_date <= until
    return Person(
        gender=p.gender,
        status=e.employment_status,
        age=age_at(p.birth_date, e.entry_date) if p.birth_date else None,
        isced=e.isced,
        yes={c for c in CHARACTERISTICS if getattr(e, c) == Answer.YES},
        left=left,
        six_months=left and six_months_after(e.leaving_date) <= until,
        results={r for r in (*RESULTS, *SIX_MONTH_RESULTS) if getattr(e, r) == YesNo.YES},
        employer_band=p.employer.size_band if p.employer else None,
        employer=p.employer_id,
    )


SIX_MONTH_RESULTS = ("employed_6m", "improved_situation_6m")


def _enrolments(project_ids, until: datetime.date):
    return (
        Enrolment.objects.filter(project__in=project_ids, entry_date__lte=until)
        .select_related("participant__employer")
        .order_by("pk")
    )


def people(project, until: datetime.date) -> list[Person]:
    return [_person(e, until) for e in _enrolments([project.pk], until)]


def _definitions_2014():
    return {
        "CO01": lambda p: p.status in UNEMPLOYED,
        "CO02": lambda p: p.status == S.LONG_TERM_UNEMPLOYED,
        "CO03": lambda p: p.status in INACTIVE,
        "CO04": lambda p: p.status == S.INACTIVE_NOT_IN_EDUCATION,
        "CO05": lambda p: p.status in EMPLOYED,
        "CO06": lambda p: p.age < 25,
        "CO07": lambda p: p.age > 54,
        "CO08": lambda p: (
            p.age > 54 and (p.status in UNEMPLOYED or p.status == S.INACTIVE_NOT_IN_EDUCATION)
        ),
        "CO09": lambda p: p.isced in (1, 2),
        "CO10": lambda p: p.isced in (3, 4),
        "CO11": lambda p: p.isced is not None and 5 <= p.isced <= 8,
        "CO15": lambda p: bool(
            p.yes & {"third_country_national", "foreign_background", "minority"}
        ),
        "CO16": lambda p: "disability" in p.yes,
        "CO17": lambda p: "other_disadvantaged" in p.yes,
        "CO18": lambda p: "homeless" in p.yes,
        "CO19": lambda p: "rural" in p.yes,
        "CR01": lambda p: p.left and p.status in INACTIVE and "result_job_searching" in p.results,
        "CR02": lambda p: p.left and "result_in_education" in p.results,
        "CR03": lambda p: p.left and "result_qualification" in p.results,
        "CR04": lambda p: p.left and "result_employed" in p.results,
        "CR05": lambda p: (
            p.left
            and p.disadvantaged
            and bool(
                p.results
                & {
                    "result_job_searching",
                    "result_in_education",
                    "result_qualification",
                    "result_employed",
                }
            )
        ),
        "CR06": lambda p: p.six_months and "employed_6m" in p.results,
        "CR07": lambda p: (
            p.six_months and p.status in EMPLOYED and "improved_situation_6m" in p.results
        ),
        "CR08": lambda p: p.six_months and p.age > 54 and "employed_6m" in p.results,
        "CR09": lambda p: p.six_months and p.disadvantaged and "employed_6m" in p.results,
    }


def _definitions_plus():
    return {
        "EECO01": lambda p: True,
        "EECO02": lambda p: p.status in UNEMPLOYED,
        "EECO03": lambda p: p.status == S.LONG_TERM_UNEMPLOYED,
        "EECO04": lambda p: p.status in INACTIVE,
        "EECO05": lambda p: p.status in EMPLOYED,
        "EECO06": lambda p: p.age < 18,
        "EECO07": lambda p: 18 <= p.age <= 29,
        "EECO08": lambda p: p.age >= 55,
        "EECO09": lambda p: p.isced is not None and p.isced <= 2,
        "EECO10": lambda p: p.isced in (3, 4),
        "EECO11": lambda p: p.isced is not None and 5 <= p.isced <= 8,
        "EECO12": lambda p: "disability" in p.yes,
        "EECO13": lambda p: "third_country_national" in p.yes,
        "EECO14": lambda p: "foreign_background" in p.yes,
        "EECO15": lambda p: "minority" in p.yes,
        "EECO16": lambda p: "homeless" in p.yes,
        "EECO17": lambda p: "rural" in p.yes,
        "EECR01": lambda p: p.left and "result_job_searching" in p.results,
        "EECR02": lambda p: p.left and "result_in_education" in p.results,
        "EECR03": lambda p: p.left and "result_qualification" in p.results,
        "EECR04": lambda p: p.left and "result_employed" in p.results,
        "EECR05": lambda p: p.six_months and "employed_6m" in p.results,
        "EECR06": lambda p: (
            p.six_months and p.status in EMPLOYED and "improved_situation_6m" in p.results
        ),
    }


def codes(fund: str) -> list[str]:
    """The indicator codes a project of this fund reports."""
    plus = fund == Fund.ESFPLUS
    found = list(_definitions_plus() if plus else _definitions_2014())
    return sorted([*found, "EECO19" if plus else "CO23"], key=_order)


def _order(code: str):
    return (code.rstrip("0123456789"), code)


def _count(everyone: list[Person], plus: bool) -> tuple[int, dict]:
    """(participants counted, {code: breakdown by gender and total}) for one project."""
    # ESF.md limits the completeness rule to 2014-2020; ESF+ counts every participant.
    complete = everyone if plus else [p for p in everyone if p.complete]
    genders = [Gender.FEMALE, Gender.MALE] + ([Gender.NON_BINARY] if plus else [])
    keys = {Gender.FEMALE: "women", Gender.MALE: "men", Gender.NON_BINARY: "non_binary"}
    indicators = {}
    for code, test in (_definitions_plus() if plus else _definitions_2014()).items():
        counted = [p for p in complete if test(p)]
        row = {keys[g]: sum(1 for p in counted if p.gender == g) for g in genders}
        row["total"] = len(counted)
        indicators[code] = row
    # The entity indicator: SMEs supported, counted once each, through participants' employers.
    smes = {p.employer for p in everyone if p.employer and p.employer_band in SME_BANDS}
    entity = {keys[g]: None for g in genders} | {"total": len(smes)}
    indicators["EECO19" if plus else "CO23"] = entity
    return len(complete), dict(sorted(indicators.items(), key=lambda kv: _order(kv[0])))


def compute(project, until: datetime.date) -> dict:
    """The report: ``participants_total`` (grand total), ``participants_counted`` (complete
    records) and ``indicators`` keyed by code, each with the breakdown by gender and a total."""
    everyone = people(project, until)
    counted, indicators = _count(everyone, project.fund == Fund.ESFPLUS)
    return {
        "project": project.code,
        "fund": project.fund,
        "until": until.isoformat(),
        "participants_total": len(everyone),
        "participants_counted": counted,
        "indicators": indicators,
    }


def totals(projects, dates: list[datetime.date]) -> dict:
    """{project id: [{code: total} at each date]} for many projects in one query, so that
    targets set on ESF indicator codes can be followed like any other."""
    funds = {project.pk: project.fund for project in projects}
    ends = {project.pk: project.end_date for project in projects}
    by_project: dict = {pk: [] for pk in funds}
    for enrolment in _enrolments(list(funds), max(dates)):
        by_project[enrolment.project_id].append(enrolment)
    found = {}
    for pk, enrolments in by_project.items():
        found[pk] = []
        for day in dates:
            day = min(day, ends[pk]) if ends[pk] else day  # a project's results end with it
            everyone = [_person(e, day) for e in enrolments if e.entry_date <= day]
            _, indicators = _count(everyone, funds[pk] == Fund.ESFPLUS)
            found[pk].append({code: row["total"] for code, row in indicators.items()})
    return found


def incomplete(project, until: datetime.date):
    """Enrolments counted only in the grand total, and what each lacks."""
    missing = []
    for enrolment in (
        Enrolment.objects.filter(project=project, entry_date__lte=until)
        .select_related("participant")
        .order_by("pk")
    ):
        lacks = [
            label
            for label, absent in (
                ("gender", not enrolment.participant.gender),
                ("employment_status", not enrolment.employment_status),
                ("birth_date", enrolment.participant.birth_date is None),
                ("isced", enrolment.isced is None),
            )
            if absent
        ]
        if lacks:
            missing.append((enrolment, lacks))
    return missing
