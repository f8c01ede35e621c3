"""The ESF common indicators, computed from the start and stop forms exactly as ESF.md defines
them: characteristics at entry, the completeness rule, "declined" as not having a
characteristic, results only for those who have left by the reporting date.

Each indicator is one condition on an enrolment (a ``Q``), counted in the database by
conditional aggregation: one grouped query (by gender) gives every indicator of a report, one
more the SMEs supported. The dashboards and progress use the same definitions."""

import datetime

from django.db.models import Count, DateField, Func, Q

from samspil.companies.models import Company
from samspil.core.aggregates import firsts_by_day
from samspil.core.dates import add_months
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    EmploymentStatus,
    Enrolment,
    Gender,
)
from samspil.programmes.models import Fund

S = EmploymentStatus
UNEMPLOYED = [S.UNEMPLOYED, S.LONG_TERM_UNEMPLOYED]
INACTIVE = [S.INACTIVE_IN_EDUCATION, S.INACTIVE_NOT_IN_EDUCATION]
EMPLOYED = [S.EMPLOYED, S.SELF_EMPLOYED]
SME_BANDS = ["micro", "small", "medium"]
DISADVANTAGED = (
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "other_disadvantaged",
)
SIX_MONTH_RESULTS = ("employed_6m", "improved_situation_6m")
GENDER_KEYS = {Gender.FEMALE: "women", Gender.MALE: "men", Gender.NON_BINARY: "non_binary"}


def age_at(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def six_months_after(day: datetime.date) -> datetime.date:
    return add_months(day, 6)


def left_six_months_by(until: datetime.date) -> datetime.date:
    """The last leaving date whose six months are over by ``until``: ``six_months_after`` is
    monotone, so "six months after leaving <= until" is "leaving <= this day" (month ends
    clamp: leaving on 29, 30 or 31 August is six months on 28 February)."""
    day = add_months(until, -6)
    while six_months_after(day) > until:  # pragma: no cover - add_months(-6) never overshoots
        day -= datetime.timedelta(days=1)
    while six_months_after(day + datetime.timedelta(days=1)) <= until:
        day += datetime.timedelta(days=1)
    return day


class YearsBefore(Func):
    """The date ``years`` before a date field, to compare birth dates with: "aged N or more
    on the entry date" is "born on or before the entry date N years earlier", compared as
    (year, month, day) exactly as ``age_at`` does. On SQLite the date is ISO text with the
    year changed (29 February stays 29 February and compares as the tuple does); PostgreSQL
    clamps it to 28 February, which no one born in a common year falls between."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression, years: int):
        super().__init__(expression)
        self.years = int(years)

    def as_sqlite(self, compiler, connection, **extra):
        # The year as a number less ``years``, then "-MM-DD" (years before 1000 do not occur).
        template = (
            f"((CAST(substr(%(expressions)s, 1, 4) AS INTEGER) - {self.years})"
            " || substr(%(expressions)s, 5))"
        )
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sql(self, compiler, connection, **extra):
        template = f"CAST(%(expressions)s - INTERVAL '{self.years} years' AS DATE)"
        return super().as_sql(compiler, connection, template=template, **extra)


def _age_at_least(years: int) -> Q:
    """Aged ``years`` or more on the entry date (no birth date: false)."""
    return Q(participant__birth_date__lte=YearsBefore("entry_date", years))


def _younger_than(years: int) -> Q:
    return Q(participant__birth_date__gt=YearsBefore("entry_date", years))


def _yes(*names) -> Q:
    found = Q()
    for name in names:
        found |= Q(**{name: "yes"})
    return found


def complete() -> Q:
    """The completeness rule (ESF 2014-2020): gender, employment status, age and ISCED."""
    return (
        ~Q(participant__gender="")
        & ~Q(employment_status="")
        & Q(participant__birth_date__isnull=False)
        & Q(isced__isnull=False)
    )


def definitions(fund: str, until: datetime.date) -> dict[str, Q]:
    """{code: the condition an enrolment meets to be counted} for a report up to ``until``."""
    left = Q(leaving_date__lte=until)
    six_months = Q(leaving_date__lte=left_six_months_by(until))
    status = {
        "unemployed": Q(employment_status__in=UNEMPLOYED),
        "inactive": Q(employment_status__in=INACTIVE),
        "employed": Q(employment_status__in=EMPLOYED),
    }
    if fund == Fund.ESFPLUS:
        return {
            "EECO01": Q(pk__isnull=False),
            "EECO02": status["unemployed"],
            "EECO03": Q(employment_status=S.LONG_TERM_UNEMPLOYED),
            "EECO04": status["inactive"],
            "EECO05": status["employed"],
            "EECO06": _younger_than(18),
            "EECO07": _age_at_least(18) & _younger_than(30),
            "EECO08": _age_at_least(55),
            "EECO09": Q(isced__lte=2),
            "EECO10": Q(isced__in=[3, 4]),
            "EECO11": Q(isced__gte=5, isced__lte=8),
            "EECO12": _yes("disability"),
            "EECO13": _yes("third_country_national"),
            "EECO14": _yes("foreign_background"),
            "EECO15": _yes("minority"),
            "EECO16": _yes("homeless"),
            "EECO17": _yes("rural"),
            "EECR01": left & _yes("result_job_searching"),
            "EECR02": left & _yes("result_in_education"),
            "EECR03": left & _yes("result_qualification"),
            "EECR04": left & _yes("result_employed"),
            "EECR05": six_months & _yes("employed_6m"),
            "EECR06": six_months & status["employed"] & _yes("improved_situation_6m"),
        }
    disadvantaged = _yes(*DISADVANTAGED)
    return {
        "CO01": status["unemployed"],
        "CO02": Q(employment_status=S.LONG_TERM_UNEMPLOYED),
        "CO03": status["inactive"],
        "CO04": Q(employment_status=S.INACTIVE_NOT_IN_EDUCATION),
        "CO05": status["employed"],
        "CO06": _younger_than(25),
        "CO07": _age_at_least(55),
        "CO08": _age_at_least(55)
        & (status["unemployed"] | Q(employment_status=S.INACTIVE_NOT_IN_EDUCATION)),
        "CO09": Q(isced__in=[1, 2]),
        "CO10": Q(isced__in=[3, 4]),
        "CO11": Q(isced__gte=5, isced__lte=8),
        "CO15": _yes("third_country_national", "foreign_background", "minority"),
        "CO16": _yes("disability"),
        "CO17": _yes("other_disadvantaged"),
        "CO18": _yes("homeless"),
        "CO19": _yes("rural"),
        "CR01": left & status["inactive"] & _yes("result_job_searching"),
        "CR02": left & _yes("result_in_education"),
        "CR03": left & _yes("result_qualification"),
        "CR04": left & _yes("result_employed"),
        "CR05": left & disadvantaged & _yes(*RESULTS),
        "CR06": six_months & _yes("employed_6m"),
        "CR07": six_months & status["employed"] & _yes("improved_situation_6m"),
        "CR08": six_months & _age_at_least(55) & _yes("employed_6m"),
        "CR09": six_months & disadvantaged & _yes("employed_6m"),
    }


def entity_code(fund: str) -> str:
    """The entity indicator: SMEs supported, counted once each, through participants'
    employers."""
    return "EECO19" if fund == Fund.ESFPLUS else "CO23"


def codes(fund: str) -> list[str]:
    """The indicator codes a project of this fund reports."""
    found = list(definitions(fund, datetime.date.today()))
    return sorted([*found, entity_code(fund)], key=_order)


def _order(code: str):
    return (code.rstrip("0123456789"), code)


def _entered(project_ids, until: datetime.date):
    return Enrolment.objects.filter(project__in=project_ids, entry_date__lte=until).order_by()


def _genders(fund: str) -> list[str]:
    """The gender columns of the fund's report (ESF 2014 reports non-binary in totals only)."""
    plus = fund == Fund.ESFPLUS
    return [Gender.FEMALE, Gender.MALE] + ([Gender.NON_BINARY] if plus else [])


def _counts(project_ids, fund: str, until: datetime.date, wanted=None) -> dict:
    """{project id: {"n", "complete", "smes", "CODE", "CODE:women"...}}: every indicator (or
    those ``wanted``) of projects of one fund, by gender and in total. One query grouped by
    project and gender (one pass over the projects' enrolments), one more for the SMEs."""
    plus = fund == Fund.ESFPLUS
    counted = complete()
    every = {
        # ESF.md limits the completeness rule to 2014-2020; ESF+ counts everyone.
        code: condition if plus else condition & counted
        for code, condition in definitions(fund, until).items()
        if wanted is None or code in wanted
    }
    rows = (
        _entered(project_ids, until)
        .values("project", "participant__gender")
        .annotate(
            n=Count("pk"),
            complete=Count("pk", filter=counted),
            **{code: Count("pk", filter=q) for code, q in every.items()},
        )
    )
    keys = [GENDER_KEYS[g] for g in _genders(fund)]
    found = {
        pk: {"n": 0, "complete": 0, "smes": 0}
        | dict.fromkeys(every, 0)
        | {f"{code}:{key}": 0 for code in every for key in keys}
        for pk in project_ids
    }
    for row in rows:
        counts = found[row["project"]]
        counts["n"] += row["n"]
        counts["complete"] += row["complete"]
        key = GENDER_KEYS.get(row["participant__gender"])
        for code in every:
            counts[code] += row[code]
            if key in keys:
                counts[f"{code}:{key}"] += row[code]
    if wanted is None or entity_code(fund) in wanted:
        for pk, n in _smes(project_ids, until).items():
            found[pk]["smes"] = n
    return found


def _smes(project_ids, until: datetime.date) -> dict[int, int]:
    """{project id: SME employers of its participants, each counted once}. One query."""
    smes = Company.objects.filter(size_band__in=SME_BANDS).values("pk")
    return dict(
        _entered(project_ids, until)
        .filter(participant__employer__in=smes)
        .values("project")
        .annotate(n=Count("participant__employer", distinct=True))
        .values_list("project", "n")
    )


def _indicators(counts: dict, fund: str) -> dict:
    indicators = {}
    keys = [GENDER_KEYS[g] for g in _genders(fund)]
    for code in definitions(fund, datetime.date.today()):
        indicators[code] = {key: counts[f"{code}:{key}"] for key in keys} | {"total": counts[code]}
    indicators[entity_code(fund)] = dict.fromkeys(keys) | {"total": counts["smes"]}
    return dict(sorted(indicators.items(), key=lambda kv: _order(kv[0])))


def compute(project, until: datetime.date) -> dict:
    """The report: ``participants_total`` (grand total), ``participants_counted`` (complete
    records) and ``indicators`` keyed by code, each with the breakdown by gender and a total.
    One query whatever the number of participants."""
    counts = _counts([project.pk], project.fund, until)[project.pk]
    plus = project.fund == Fund.ESFPLUS
    return {
        "project": project.code,
        "fund": project.fund,
        "until": until.isoformat(),
        "participants_total": counts["n"],
        "participants_counted": counts["n"] if plus else counts["complete"],
        "indicators": _indicators(counts, project.fund),
    }


def totals(projects, dates: list[datetime.date], codes=None) -> dict:
    """{project id: [{code: total} at each date]} for many projects, so that targets set on
    ESF indicator codes can be followed like any other; a project's results end with it. One
    query per fund for every date and project (a conditional count per indicator and date in
    one pass over the enrolments), whatever the number of participants."""
    projects = list(projects)
    cuts = {
        project.pk: [min(day, project.end_date) if project.end_date else day for day in dates]
        for project in projects
    }
    found = {project.pk: [{} for _day in dates] for project in projects}
    for fund in sorted({project.fund for project in projects}):
        ids = [project.pk for project in projects if project.fund == fund]
        days = sorted({cut for pk in ids for cut in cuts[pk]})
        entity = entity_code(fund)
        wanted = [
            code
            for code in [*definitions(fund, days[-1]), entity]
            if codes is None or code in codes
        ]
        if not wanted:
            continue
        aggregates = {}
        counted = Q() if fund == Fund.ESFPLUS else complete()
        for n, day in enumerate(days):
            conditions = definitions(fund, day)
            for code in wanted:
                if code != entity:
                    aggregates[f"{code}@{n}"] = Count(
                        "pk", filter=Q(entry_date__lte=day) & counted & conditions[code]
                    )
        by_project: dict = {}
        if aggregates:
            rows = _entered(ids, days[-1]).values("project").annotate(**aggregates)
            by_project = {row["project"]: row for row in rows}
        firsts = _sme_firsts(ids, days[-1]) if entity in wanted else {}
        for pk in ids:
            row = by_project.get(pk, {})
            for i, cut in enumerate(cuts[pk]):
                n = days.index(cut)
                point = {code: row.get(f"{code}@{n}", 0) for code in wanted if code != entity}
                if entity in wanted:
                    point[entity] = sum(k for day, k in firsts.get(pk, []) if day <= cut)
                found[pk][i] = point
    return found


def _sme_firsts(project_ids, until: datetime.date) -> dict:
    """{project id: [(day, SME employers first reached that day)]}: each SME employer at the
    first entry of one of its employees, so that the entity indicator at any date is a sum.
    One query, grouped twice in the database (the rows are days, not employers)."""
    smes = Company.objects.filter(size_band__in=SME_BANDS).values("pk")
    return firsts_by_day(
        _entered(project_ids, until).filter(participant__employer__in=smes),
        project="project",
        value="participant__employer",
        date="entry_date",
    )


INCOMPLETE = (
    ("gender", lambda e: not e.participant.gender),
    ("employment_status", lambda e: not e.employment_status),
    ("birth_date", lambda e: e.participant.birth_date is None),
    ("isced", lambda e: e.isced is None),
)


def incomplete(project, until: datetime.date, *, after: int = 0, limit: int | None = None):
    """[(enrolment, what it lacks)] for the enrolments counted only in the grand total, in
    the order of their records: those after the record ``after``, at most ``limit`` of them
    (a page; one query)."""
    records = (
        _entered([project.pk], until)
        .filter(pk__gt=after)
        .exclude(complete())
        .select_related("participant")
        .order_by("pk")
    )
    if limit is not None:
        records = records[:limit]
    return [(enrolment, lacks(enrolment)) for enrolment in records]


def lacks(enrolment) -> list[str]:
    """What keeps an enrolment out of the indicators: the names of the missing fields."""
    return [name for name, absent in INCOMPLETE if absent(enrolment)]


__all__ = [
    "CHARACTERISTICS",
    "codes",
    "compute",
    "definitions",
    "incomplete",
    "lacks",
    "totals",
]
