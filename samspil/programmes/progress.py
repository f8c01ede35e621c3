"""Targets against actuals. Every actual is computed from the records, never typed in, for
many projects and many dates at once. The definitions below say what each figure counts; the
running totals (programmes.totals) count them when the records change, and the pages read
those totals: one query for every figure, project and date, whatever the number of records.

An indicator counts dated records (a done contact, an enrolment, an education plan
started...) for a project; "companies supported" and "SMEs supported" count each company once,
at the first of the project's done contacts with it and its employees' entries as
participants; a share indicator is a percentage of two others."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspil.core import scoping
from samspil.core.aggregates import firsts_by_day
from samspil.core.audit import acting_as
from samspil.programmes.periods import period_errors


@dataclass(frozen=True)
class Indicator:
    label: str
    model: str = ""
    project_field: str = "project"
    date_field: str = "date"
    filters: Q = field(default_factory=Q)
    distinct: str = ""  # count each value of this field once, at its first date
    share_of: tuple[str, str] = ()  # (part, whole): a percentage of two other indicators
    person: str = ""  # the path to the participant, where the records are personal data
    # "companies" or "smes": each company once, at the first of its project's done contacts
    # with it and its employees' entries as participants (see supported_firsts)
    supported: str = ""

    def records(self, project_ids, until: datetime.date):
        """The records behind the figure."""
        model = apps.get_model(self.model)
        return model.objects.filter(
            self.filters,
            **{f"{self.project_field}__in": project_ids, f"{self.date_field}__lte": until},
        )

    def daily(self, project_ids, until: datetime.date, only=None) -> dict[int, list]:
        """{project id: [(date, number counted that day)]}, sorted by date, of the records (or
        of those ``only`` selects: the running totals count one record's share). One query."""
        records = self.records(project_ids, until)
        if only is not None:
            records = records.filter(only)
        if self.distinct:
            # Each value at its first date, then counted by date: the grouping of the
            # grouping runs in the database, so the rows returned are dates, not companies.
            return firsts_by_day(
                records, project=self.project_field, value=self.distinct, date=self.date_field
            )
        rows = (
            records.values(self.project_field, self.date_field)
            .annotate(n=Count("pk"))
            .values_list(self.project_field, self.date_field, "n")
        )
        found: dict = defaultdict(list)
        for project_id, day, n in rows:
            found[project_id].append((day, n))
        return {pk: sorted(days) for pk, days in found.items()}


def _contacts(**kwargs) -> Indicator:
    return Indicator(model="companies.Contact", **kwargs)


DONE = Q(status="done")
SME = Q(company__size_band__in=["micro", "small", "medium"])
ENROLMENT = {"model": "participants.Enrolment", "date_field": "entry_date", "person": "participant"}
STARTED = Q(status__in=["started", "completed", "dropped"])  # a dropped education was started
EDUCATION = {
    "model": "participants.EducationPlan",
    "project_field": "enrolment__project",
    "date_field": "start_date",
    "person": "enrolment__participant",
}


COMPLETED = {**EDUCATION, "date_field": "ended_on"}  # counted on the day it was completed


def _lift(level_from, level_to, status):
    return Q(education__level_from=level_from, education__level_to=level_to) & status


INDICATORS: dict[str, Indicator] = {
    "companies_supported": _contacts(
        label=gettext_lazy("Companies supported"),
        filters=DONE,
        distinct="company",
        supported="companies",
    ),
    "smes_supported": _contacts(
        label=gettext_lazy("SMEs supported"),
        filters=DONE & SME,
        distinct="company",
        supported="smes",
    ),
    "participants": Indicator(gettext_lazy("Participants"), **ENROLMENT),
    "women_participants": Indicator(
        gettext_lazy("Women participants"), filters=Q(participant__gender="female"), **ENROLMENT
    ),
    "employed_participants": Indicator(
        gettext_lazy("Employed participants"),
        filters=Q(employment_status__in=["employed", "self_employed"]),
        **ENROLMENT,
    ),
    "unemployed_participants": Indicator(
        gettext_lazy("Unemployed participants"),
        filters=Q(employment_status__in=["unemployed", "long_term_unemployed"]),
        **ENROLMENT,
    ),
    "women_share": Indicator(
        gettext_lazy("Women's share of participants (%)"),
        share_of=("women_participants", "participants"),
    ),
    "unskilled_to_skilled_started": Indicator(
        gettext_lazy("Unskilled to skilled, started"),
        filters=_lift("unskilled", "skilled", STARTED),
        **EDUCATION,
    ),
    "unskilled_to_skilled_completed": Indicator(
        gettext_lazy("Unskilled to skilled, completed"),
        filters=_lift("unskilled", "skilled", Q(status="completed")),
        **COMPLETED,
    ),
    "skilled_to_academy_started": Indicator(
        gettext_lazy("Skilled to academy level, started"),
        filters=_lift("skilled", "academy", STARTED),
        **EDUCATION,
    ),
    "skilled_to_academy_completed": Indicator(
        gettext_lazy("Skilled to academy level, completed"),
        filters=_lift("skilled", "academy", Q(status="completed")),
        **COMPLETED,
    ),
    "targeted_lifts": Indicator(
        gettext_lazy("Targeted competence lifts (education started)"),
        filters=STARTED,
        **EDUCATION,
    ),
    "jobs_filled": Indicator(
        gettext_lazy("People started in a job through the project"),
        model="recruitment.Proposal",
        project_field="opening__project",
        date_field="stage_on",
        filters=Q(stage="started"),
        person="candidate__person",
    ),
    "rkv_done": Indicator(
        gettext_lazy("Prior-learning assessments done"),
        model="participants.PriorLearningAssessment",
        project_field="enrolment__project",
        date_field="assessed_on",
        person="enrolment__participant",
    ),
    "joint_visits": _contacts(
        label=gettext_lazy("Joint visits"), filters=DONE & Q(kind="joint_visit")
    ),
    "workshops": Indicator(gettext_lazy("Workshops"), model="discovery.Workshop"),
    "plans_agreed": Indicator(
        gettext_lazy("Competence supply plans agreed"),
        model="plans.CompetencePlan",
        date_field="agreed_on",
        filters=Q(status="agreed"),
    ),
}


SME_BANDS = ["micro", "small", "medium"]


def supported_records(project_ids) -> list:
    """The records by which a project supports a company: its done contacts with the company
    and its participants employed there, as ``values(p=project, c=company, d=date)``. A company
    is supported from the first of them; an SME is a company of fewer than 250 employees. The
    one definition of "companies supported", "SMEs supported" and the ESF entity indicator
    (CO23, EECO19); the running totals keep each company's first day."""
    from samspil.companies.models import Contact
    from samspil.participants.models import Enrolment

    contacts = Contact.objects.filter(DONE, project__in=project_ids)
    employees = Enrolment.objects.filter(
        project__in=project_ids, participant__employer__isnull=False
    )
    return [
        contacts.values(p=F("project"), c=F("company"), d=F("date")),
        employees.values(p=F("project"), c=F("participant__employer"), d=F("entry_date")),
    ]


def esf_codes(fund: str) -> list[str]:
    from samspil.participants.indicators import codes

    return codes(fund)


def label(code: str) -> str:
    if code in INDICATORS:
        return str(INDICATORS[code].label)
    return _("ESF indicator %(code)s") % {"code": code}


def choices(fund: str) -> list[tuple[str, str]]:
    """What a target of a project in this fund may measure."""
    return [(code, indicator.label) for code, indicator in INDICATORS.items()] + [
        (code, label(code)) for code in esf_codes(fund)
    ]


def counted_until(project, day: datetime.date) -> datetime.date:
    """A project's results stop at its end date: records dated later are not its own."""
    return min(day, project.end_date) if project.end_date else day


def series(projects, dates: list[datetime.date], codes=None) -> dict[str, dict[int, list]]:
    """{indicator: {project id: [the actual at each date]}} for the given projects, each
    counted up to its own end date, read from the running totals (programmes.totals): one
    query for every indicator, ESF code, project and date, whatever the number of records.

    ``codes`` limits the indicators computed (default: every registered one)."""
    from samspil.participants.indicators import totals as esf_totals
    from samspil.programmes import totals

    projects = list(projects)
    ids = [project.pk for project in projects]
    cut = {project.pk: [counted_until(project, day) for day in dates] for project in projects}
    wanted = set(INDICATORS if codes is None else codes)
    for code in list(wanted):
        if code in INDICATORS and INDICATORS[code].share_of:
            wanted.update(INDICATORS[code].share_of)
    counted = [code for code in wanted if code in INDICATORS and not INDICATORS[code].share_of]
    days = sorted({day for found in cut.values() for day in found})
    sums = totals.sums(ids, counted, days) if counted and ids else {}
    found: dict = {}
    for code in counted:
        found[code] = {
            pk: [sums.get((pk, code), [0] * len(days))[days.index(day)] for day in cut[pk]]
            for pk in ids
        }
    for code in wanted:
        indicator = INDICATORS.get(code)
        if indicator and indicator.share_of:
            part, whole = (found[name] for name in indicator.share_of)
            found[code] = {
                pk: [
                    round(100 * p / w, 1) if w else 0
                    for p, w in zip(part[pk], whole[pk], strict=True)
                ]
                for pk in ids
            }
    esf = wanted - set(INDICATORS)
    if esf:
        by_project = esf_totals(projects, dates, esf)
        for code in esf:
            found[code] = {pk: [point.get(code, 0) for point in by_project[pk]] for pk in ids}
    return found


def actuals(projects, until: datetime.date, codes=None) -> dict[str, dict[int, float]]:
    """{indicator: {project id: actual by ``until``}}, projects with none left out."""
    return {
        code: {pk: values[0] for pk, values in by_project.items() if values[0]}
        for code, by_project in series(projects, [until], codes).items()
    }


def save_target(*, actor, target):
    """A target measures a known indicator by a date inside the project, never below zero."""
    if not scoping.can(actor, scoping.CHANGE, target.project):
        raise PermissionDenied
    errors = target_errors(target)
    try:
        target.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        target.save()
    return target


def target_errors(target) -> dict:
    """What is wrong with a target beyond its fields: the indicator and the date."""
    errors = {}
    project = target.project
    if target.indicator not in INDICATORS and target.indicator not in esf_codes(project.fund):
        errors["indicator"] = [
            _("Unknown indicator “%(code)s” for a project in %(fund)s.")
            % {"code": target.indicator, "fund": project.get_fund_display()}
        ]
    errors.update(period_errors(project, due_on=target.due_on))
    return errors
