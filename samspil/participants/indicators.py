"""The ESF common indicators, computed from the start and stop forms exactly as ESF.md defines
them: characteristics at entry, the completeness rule, "declined" as not having a
characteristic, results only for those who have left by the reporting date.

Each indicator is one condition on an enrolment (a ``Q``) and the day from which it counts
(``parts``). The running totals (``samspil.programmes.totals``) count them by conditional
aggregation when the records change; the report, the dashboards, progress and the status
report read those totals, so every page shows the same figure. The entity indicator (SMEs
supported) is progress's "SMEs supported": one definition for every page."""

import datetime
from collections import defaultdict

from django.db.models import DateField, Func, Q

from samspil.core.dates import add_months
from samspil.participants.models import (
    CHARACTERISTICS,
    RESULTS,
    EmploymentStatus,
    Enrolment,
    Gender,
)
from samspil.programmes import totals as running
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
SMES = "smes_supported"  # the entity indicator is the programme's "SMEs supported"
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


def parts(fund: str) -> dict[str, tuple[str, Q]]:
    """{code: (when, condition)}: what an enrolment must be to count, and from when it counts:
    from its ``entry``, from its leaving (``left``: results on leaving) or from six months after
    its leaving (``six_months``). The running totals count each enrolment from that day."""
    status = {
        "unemployed": Q(employment_status__in=UNEMPLOYED),
        "inactive": Q(employment_status__in=INACTIVE),
        "employed": Q(employment_status__in=EMPLOYED),
    }
    if fund == Fund.ESFPLUS:
        return {
            "EECO01": ("entry", Q(pk__isnull=False)),
            "EECO02": ("entry", status["unemployed"]),
            "EECO03": ("entry", Q(employment_status=S.LONG_TERM_UNEMPLOYED)),
            "EECO04": ("entry", status["inactive"]),
            "EECO05": ("entry", status["employed"]),
            "EECO06": ("entry", _younger_than(18)),
            "EECO07": ("entry", _age_at_least(18) & _younger_than(30)),
            "EECO08": ("entry", _age_at_least(55)),
            "EECO09": ("entry", Q(isced__lte=2)),
            "EECO10": ("entry", Q(isced__in=[3, 4])),
            "EECO11": ("entry", Q(isced__gte=5, isced__lte=8)),
            "EECO12": ("entry", _yes("disability")),
            "EECO13": ("entry", _yes("third_country_national")),
            "EECO14": ("entry", _yes("foreign_background")),
            "EECO15": ("entry", _yes("minority")),
            "EECO16": ("entry", _yes("homeless")),
            "EECO17": ("entry", _yes("rural")),
            "EECR01": ("left", _yes("result_job_searching")),
            "EECR02": ("left", _yes("result_in_education")),
            "EECR03": ("left", _yes("result_qualification")),
            "EECR04": ("left", _yes("result_employed")),
            "EECR05": ("six_months", _yes("employed_6m")),
            "EECR06": ("six_months", status["employed"] & _yes("improved_situation_6m")),
        }
    disadvantaged = _yes(*DISADVANTAGED)
    return {
        "CO01": ("entry", status["unemployed"]),
        "CO02": ("entry", Q(employment_status=S.LONG_TERM_UNEMPLOYED)),
        "CO03": ("entry", status["inactive"]),
        "CO04": ("entry", Q(employment_status=S.INACTIVE_NOT_IN_EDUCATION)),
        "CO05": ("entry", status["employed"]),
        "CO06": ("entry", _younger_than(25)),
        "CO07": ("entry", _age_at_least(55)),
        "CO08": (
            "entry",
            _age_at_least(55)
            & (status["unemployed"] | Q(employment_status=S.INACTIVE_NOT_IN_EDUCATION)),
        ),
        "CO09": ("entry", Q(isced__in=[1, 2])),
        "CO10": ("entry", Q(isced__in=[3, 4])),
        "CO11": ("entry", Q(isced__gte=5, isced__lte=8)),
        "CO15": ("entry", _yes("third_country_national", "foreign_background", "minority")),
        "CO16": ("entry", _yes("disability")),
        "CO17": ("entry", _yes("other_disadvantaged")),
        "CO18": ("entry", _yes("homeless")),
        "CO19": ("entry", _yes("rural")),
        "CR01": ("left", status["inactive"] & _yes("result_job_searching")),
        "CR02": ("left", _yes("result_in_education")),
        "CR03": ("left", _yes("result_qualification")),
        "CR04": ("left", _yes("result_employed")),
        "CR05": ("left", disadvantaged & _yes(*RESULTS)),
        "CR06": ("six_months", _yes("employed_6m")),
        "CR07": ("six_months", status["employed"] & _yes("improved_situation_6m")),
        "CR08": ("six_months", _age_at_least(55) & _yes("employed_6m")),
        "CR09": ("six_months", disadvantaged & _yes("employed_6m")),
    }


def definitions(fund: str, until: datetime.date) -> dict[str, Q]:
    """{code: the condition an enrolment meets to be counted} for a report up to ``until``."""
    by_day = {
        "entry": Q(),
        "left": Q(leaving_date__lte=until),
        "six_months": Q(leaving_date__lte=left_six_months_by(until)),
    }
    return {code: by_day[kind] & q for code, (kind, q) in parts(fund).items()}


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


def compute(project, until: datetime.date) -> dict:
    """The report: ``participants_total`` (grand total), ``participants_counted`` (complete
    records) and ``indicators`` keyed by code, each with the breakdown by gender and a total.
    Read from the running totals (programmes.totals): one query whatever the number of
    participants. The entity indicator is the programme's "SMEs supported" figure."""
    fund = project.fund
    codes = list(parts(fund))
    stored = [*codes, running.ESF_TOTAL, running.ESF_COMPLETE, SMES]
    found = running.sums([project.pk], stored, [until], by_group=True)
    keys = [GENDER_KEYS[g] for g in _genders(fund)]
    counts: dict = defaultdict(int)
    for (_pk, code, group), (n,) in found.items():
        counts[code] += n
        key = GENDER_KEYS.get(group)
        if key in keys:
            counts[f"{code}:{key}"] += n
    indicators = {
        code: {key: counts[f"{code}:{key}"] for key in keys} | {"total": counts[code]}
        for code in codes
    }
    indicators[entity_code(fund)] = dict.fromkeys(keys) | {"total": counts[SMES]}
    plus = fund == Fund.ESFPLUS
    return {
        "project": project.code,
        "fund": fund,
        "until": until.isoformat(),
        "participants_total": counts[running.ESF_TOTAL],
        "participants_counted": counts[running.ESF_TOTAL if plus else running.ESF_COMPLETE],
        "indicators": dict(sorted(indicators.items(), key=lambda kv: _order(kv[0]))),
    }


def totals(projects, dates: list[datetime.date], codes=None) -> dict:
    """{project id: [{code: total} at each date]} for many projects, so that targets set on
    ESF indicator codes can be followed like any other; a project's results end with it. One
    query from the running totals, whatever the number of participants."""
    projects = list(projects)
    cuts = {
        project.pk: [min(day, project.end_date) if project.end_date else day for day in dates]
        for project in projects
    }
    days = sorted({cut for found in cuts.values() for cut in found})
    wanted = {
        project.pk: [c for c in codes_of(project.fund) if codes is None or c in codes]
        for project in projects
    }
    stored = {SMES if c == entity_code(p.fund) else c for p in projects for c in wanted[p.pk]}
    found = running.sums([p.pk for p in projects], stored, days) if stored and days else {}
    result = {}
    for project in projects:
        entity = entity_code(project.fund)
        result[project.pk] = [
            {
                code: found.get((project.pk, SMES if code == entity else code), [0] * len(days))[
                    days.index(cut)
                ]
                for code in wanted[project.pk]
            }
            for cut in cuts[project.pk]
        ]
    return result


def codes_of(fund: str) -> list[str]:
    return [*parts(fund), entity_code(fund)]


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
