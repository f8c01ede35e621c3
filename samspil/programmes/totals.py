"""Running totals: every figure of progress, the dashboards, the status report and the ESF
report is read from ``Figure`` rows (a project's count of a figure per day), so a page sums a
few rows per day of the project instead of passing over its records.

The rows are kept by the writes, in the writer's transaction. Every ``save`` and ``delete`` of a
counted record (signals below) takes the record's share of the figures before and after the
write, each by a query on that record alone, and adds the difference; for the companies it
concerns, their first day of support before and after. Bulk writes (the imports, ``samspil
generate``) count their projects' families again once (``changed``). ``samspil recount``
rebuilds every row from the records; a test holds the kept rows equal to it."""

import datetime
from collections import defaultdict

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

FAMILIES = ("contacts", "supported", "enrolments", "education", "workshops", "plans", "jobs")
ESF_TOTAL, ESF_COMPLETE = "esf:n", "esf:complete"


def family_of(code: str) -> str:
    """The family a figure (indicator or ESF code) is counted in."""
    from samspil.programmes.progress import INDICATORS

    indicator = INDICATORS.get(code)
    if indicator is None:
        return "enrolments"  # the ESF codes
    if indicator.supported:
        return "supported"
    return {
        "companies.Contact": "contacts",
        "participants.Enrolment": "enrolments",
        "participants.EducationPlan": "education",
        "participants.PriorLearningAssessment": "education",
        "discovery.Workshop": "workshops",
        "plans.CompetencePlan": "plans",
        "recruitment.Proposal": "jobs",
    }[indicator.model]


# -- counting ------------------------------------------------------------------------------
# count() gives a family's rows for a project from its records, or (``only``: a model label and
# a condition) the share of the records it selects.


def _indicator_rows(project, family: str, only=None) -> list:
    from samspil.programmes.progress import INDICATORS

    rows = []
    for code, indicator in INDICATORS.items():
        if indicator.share_of or indicator.supported or family_of(code) != family:
            continue
        if only is not None and only[0] != indicator.model:
            continue
        daily = indicator.daily([project.pk], datetime.date.max, only and only[1])
        rows += [(code, "", day, n) for day, n in daily.get(project.pk, [])]
    return rows


def _supported_rows(project) -> list:
    """Companies (and SMEs) by the day the project first supported them; the companies kept
    in SupportedCompany, so a write can move one of them."""
    from samspil.programmes.models import SupportedCompany
    from samspil.programmes.progress import SME_BANDS, supported_records

    SupportedCompany.objects.filter(project=project).delete()
    found = union_firsts(supported_records([project.pk]))
    SupportedCompany.objects.bulk_create(
        (
            SupportedCompany(project=project, company_id=c, first_day=d, sme=band in SME_BANDS)
            for _p, c, d, band in found
        ),
        batch_size=2000,
    )
    rows = []
    for _p, _c, day, band in found:
        rows.append(("companies_supported", "", day, 1))
        if band in SME_BANDS:
            rows.append(("smes_supported", "", day, 1))
    return rows


def _esf_rows(project, only=None) -> list:
    """The ESF codes of the project's fund, by gender and by the day each enrolment starts to
    count: its entry for what it brought in, its leaving for results on leaving, six months
    after its leaving for the results six months on (the report of any date is then the sum of
    the days up to it; leaving is never before entry)."""
    from samspil.participants import indicators
    from samspil.participants.models import Enrolment
    from samspil.programmes.models import Fund

    plus = project.fund == Fund.ESFPLUS
    complete = indicators.complete()
    parts = indicators.parts(project.fund)
    enrolments = Enrolment.objects.filter(project=project).order_by()
    if only is not None:
        enrolments = enrolments.filter(only)

    def grouped(records, day, kind, totals=False) -> list:
        codes = [code for code, (k, _q) in parts.items() if k == kind]
        names = {f"c{i}": code for i, code in enumerate(codes)}
        aggregates = {
            alias: Count("pk", filter=parts[code][1] if plus else parts[code][1] & complete)
            for alias, code in names.items()
        }
        if totals:
            aggregates |= {"n": Count("pk"), "complete": Count("pk", filter=complete)}
            names |= {"n": ESF_TOTAL, "complete": ESF_COMPLETE}
        return [
            (code, row["g"] or "", row["d"], row[alias])
            for row in records.values(g=F("participant__gender"), d=day).annotate(**aggregates)
            for alias, code in names.items()
            if row[alias]
        ]

    left = enrolments.filter(leaving_date__isnull=False)
    return (
        grouped(enrolments, F("entry_date"), "entry", totals=True)
        + grouped(left, Greatest("entry_date", "leaving_date"), "left")
        + [
            (code, group, indicators.six_months_after(leaving), n)
            for code, group, leaving, n in grouped(left, F("leaving_date"), "six_months")
        ]
    )


def count(project, family: str, only=None) -> list:
    """[(code, group, day, n)]: a family's rows of a project, from its records (``only``:
    (model label, condition), the share of the records it selects)."""
    if family == "supported":
        return _supported_rows(project)
    rows = _indicator_rows(project, family, only)
    if family == "enrolments" and (only is None or only[0] == "participants.Enrolment"):
        rows += _esf_rows(project, only and only[1])
    return rows


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _with_months(counts: dict) -> dict:
    """{(code, group, day, monthly): n}: the day counts and the same summed by month."""
    found: dict = defaultdict(int)
    for (code, group, day), n in counts.items():
        found[(code, group, day, False)] += n
        found[(code, group, _month(day), True)] += n
    return found


def _write(project, family, rows) -> None:
    from samspil.programmes.models import Figure

    merged: dict = defaultdict(int)
    for code, group, day, n in rows:
        merged[(code, group, day)] += n
    Figure.objects.bulk_create(
        [
            Figure(project=project, family=family, code=c, group=g, day=d, monthly=m, n=n)
            for (c, g, d, m), n in _with_months(merged).items()
            if n
        ],
        batch_size=2000,
    )


def _add(project_id, family, delta: dict) -> None:
    """Add {(code, group, day): n} to a project's rows, by day and by month (a write's
    difference), set-based: one query for the rows concerned, then one delete and one insert at
    most (replacing changed rows is faster than a bulk UPDATE)."""
    delta = {key: n for key, n in _with_months(delta).items() if n}
    if not delta:
        return
    with transaction.atomic():
        _lock([project_id])
        _apply(project_id, family, delta)


def _lock(project_ids) -> None:
    """Take the projects' rows for this transaction, so two writers adding to one project's
    figures (or a recount beside a write) run one after the other instead of both reading the
    same count and adding to it (PostgreSQL; SQLite serialises every write anyway)."""
    from samspil.programmes.models import Project

    list(
        Project.objects.select_for_update(of=("self",))
        .filter(pk__in=project_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _apply(project_id, family, delta: dict) -> None:
    from samspil.programmes.models import Figure

    rows = {
        (row.code, row.group, row.day, row.monthly): row
        for row in Figure.objects.filter(
            project=project_id,
            family=family,
            code__in={code for code, _g, _d, _m in delta},
            day__in={day for _c, _g, day, _m in delta},
        )
    }
    changed, new = [], []
    for (code, group, day, monthly), n in delta.items():
        row = rows.get((code, group, day, monthly))
        if row is None:
            new.append(
                Figure(
                    project_id=project_id,
                    family=family,
                    code=code,
                    group=group,
                    day=day,
                    monthly=monthly,
                    n=n,
                )
            )
        else:
            row.n += n
            changed.append(row)
    Figure.objects.filter(pk__in=[r.pk for r in changed]).delete()
    for row in changed:
        row.pk = None
    Figure.objects.bulk_create([*new, *(r for r in changed if r.n)], batch_size=2000)


def recount(projects, families=FAMILIES) -> None:
    """Count the families of the projects again from their records, replacing their rows."""
    from samspil.programmes.models import Figure, FigureState

    projects = list(projects)
    if not projects:
        return
    with transaction.atomic():
        ids = [project.pk for project in projects]
        _lock(ids)
        Figure.objects.filter(project__in=ids, family__in=families).delete()
        for project in projects:
            for family in families:
                _write(project, family, count(project, family))
        now = timezone.now()
        FigureState.objects.filter(project__in=ids, family__in=families).delete()
        FigureState.objects.bulk_create(
            FigureState(project=project, family=family, stale=False, counted_at=now)
            for project in projects
            for family in families
        )


def changed(projects, *families) -> None:
    """A write touched these families (all, if none named) of these projects (or project ids):
    count them again now, in the writer's transaction."""
    from samspil.programmes.models import Project

    if isinstance(projects, (int, Project)):
        projects = [projects]
    ids = {p.pk if isinstance(p, Project) else p for p in projects if p is not None}
    if ids:
        recount(Project.objects.filter(pk__in=ids).order_by("pk"), families or FAMILIES)


def imported(importer) -> None:
    """An import's ``finish``, in its transaction. Participants: the share of the enrolments
    the file added is added, set-based (if it changed enrolments or people already there, their
    projects are counted again); contacts: every project's contacts and companies supported are
    counted again; companies: every project's companies supported (SME status may change)."""
    from samspil.programmes.models import Project

    kind = getattr(importer, "kind", "")
    if kind == "participants":
        _participants_imported(list(importer.projects.values()), importer.import_started)
    elif kind == "contacts":
        changed(list(Project.objects.values_list("pk", flat=True)), "contacts", "supported")
    elif kind == "companies":
        changed(list(Project.objects.values_list("pk", flat=True)), "supported")


def _participants_imported(projects, started) -> None:
    from samspil.participants.models import Enrolment, Participant

    touched = Q(updated_at__gte=started, created_at__lt=started)
    people = Participant.objects.filter(touched)
    again = set(
        Enrolment.objects.filter(Q(participant__in=people) | touched).values_list(
            "project", flat=True
        )
    )
    changed(again, "enrolments", "supported")
    for project in projects:
        if project.pk in again:
            continue
        new = Q(created_at__gte=started)
        rows: dict = defaultdict(int)
        for code, group, day, n in count(project, "enrolments", ("participants.Enrolment", new)):
            rows[(code, group, day)] += n
        _add(project.pk, "enrolments", rows)
        _employers_added(project, Enrolment.objects.filter(new, project=project))


def _employers_added(project, enrolments) -> None:
    """Companies supported through enrolments just added (records only added): each one's
    first day is the earlier of the kept one and the new entries', set-based."""
    from samspil.companies.models import Company
    from samspil.programmes.models import SupportedCompany
    from samspil.programmes.progress import SME_BANDS

    firsts = dict(
        enrolments.filter(participant__employer__isnull=False)
        .values("participant__employer")
        .annotate(first=Min("entry_date"))
        .values_list("participant__employer", "first")
    )
    if not firsts:
        return
    bands = dict(Company.objects.filter(pk__in=firsts).values_list("pk", "size_band"))
    kept = {
        row.company_id: row
        for row in SupportedCompany.objects.filter(project=project, company__in=list(firsts))
    }
    delta: dict = defaultdict(int)
    changed_rows, new_rows = [], []
    for company_id, day in firsts.items():
        sme = bands.get(company_id) in SME_BANDS
        row = kept.get(company_id)
        if row is not None and row.first_day <= day:
            continue
        codes = ["companies_supported"] + (["smes_supported"] if sme else [])
        for code in codes:
            delta[(code, "", day)] += 1
        if row is None:
            new_rows.append(
                SupportedCompany(project=project, company_id=company_id, first_day=day, sme=sme)
            )
        else:
            for code in ["companies_supported"] + (["smes_supported"] if row.sme else []):
                delta[(code, "", row.first_day)] -= 1
            row.first_day, row.sme = day, sme
            changed_rows.append(row)
    _add(project.pk, "supported", delta)
    SupportedCompany.objects.bulk_update(changed_rows, ["first_day", "sme"], batch_size=2000)
    SupportedCompany.objects.bulk_create(new_rows, batch_size=2000)


def recount_all(stdout=None) -> int:
    from samspil.programmes.models import Project

    projects = list(Project.objects.order_by("pk"))
    for project in projects:
        recount([project])
        if stdout:
            stdout.write(f"{project.code}\n")
    return len(projects)


# -- reading -------------------------------------------------------------------------------


def _ensure(project_ids) -> None:
    """Projects never counted (made before the totals existed, or by hand) are counted now.
    One query when every project has been counted."""
    from samspil.programmes.models import FigureState, Project

    counted = set(
        FigureState.objects.filter(project__in=project_ids, stale=False)
        .values("project")
        .annotate(n=Count("pk"))
        .filter(n=len(FAMILIES))
        .values_list("project", flat=True)
    )
    missing = [pk for pk in project_ids if pk not in counted]
    if missing:
        recount(Project.objects.filter(pk__in=missing).order_by("pk"))


def sums(project_ids, codes, days, *, by_group=False) -> dict:
    """{(project id, code[, group]): [the total up to each of ``days``]}: one query (two if a
    project was never counted) over the monthly rows and the day rows of the months of
    ``days``, whatever the number of records."""
    from samspil.programmes.models import Figure

    project_ids = list(project_ids)
    _ensure(project_ids)
    days = list(days)
    keys = ["project", "code"] + (["group"] if by_group else [])

    def up_to(day):  # the months before the day's month, and its month's days up to it
        return Q(monthly=True, day__lt=_month(day)) | Q(
            monthly=False, day__gte=_month(day), day__lte=day
        )

    wanted = Q(monthly=True)
    for day in days:
        wanted |= Q(monthly=False, day__gte=_month(day), day__lte=day)
    rows = (
        Figure.objects.filter(wanted, project__in=project_ids, code__in=list(codes))
        .values(*keys)
        .annotate(**{f"d{i}": Sum("n", filter=up_to(day)) for i, day in enumerate(days)})
    )
    return {
        tuple(row[k] for k in keys): [row[f"d{i}"] or 0 for i in range(len(days))] for row in rows
    }


# -- keeping them: each write adds its difference ------------------------------------------


def _first(project_id, company_id):
    """The day a company was first supported by a project (None: not supported), by the
    definition of progress.supported_firsts, for one company: two index probes."""
    from samspil.companies.models import Contact
    from samspil.participants.models import Enrolment

    days = [
        Contact.objects.filter(status="done", project=project_id, company=company_id)
        .order_by("date")
        .values_list("date", flat=True)
        .first(),
        Enrolment.objects.filter(project=project_id, participant__employer=company_id)
        .order_by("entry_date")
        .values_list("entry_date", flat=True)
        .first(),
    ]
    days = [day for day in days if day is not None]
    return min(days) if days else None


def _reconcile(pairs) -> None:
    """Bring the kept first day of support of these (project id, company id) in line with the
    records, moving the companies' counts in the "supported" figures: idempotent, whatever the
    order of the writes that call it."""
    from samspil.companies.models import Company
    from samspil.programmes.models import SupportedCompany
    from samspil.programmes.progress import SME_BANDS

    pairs = {(p, c) for p, c in pairs if p is not None and c is not None}
    if not pairs:
        return
    kept = {
        (row.project_id, row.company_id): row
        for row in SupportedCompany.objects.filter(
            project__in={p for p, _c in pairs}, company__in={c for _p, c in pairs}
        )
    }
    bands = dict(
        Company.objects.filter(pk__in={c for _p, c in pairs}).values_list("pk", "size_band")
    )
    for project_id, company_id in sorted(pairs):
        row = kept.get((project_id, company_id))
        was = (row.first_day, row.sme) if row else (None, False)
        now = (_first(project_id, company_id), bands.get(company_id) in SME_BANDS)
        if now[0] is None:
            now = (None, False)
        if was == now:
            continue
        delta: dict = defaultdict(int)
        for code, counted_before, counted in (
            ("companies_supported", True, True),
            ("smes_supported", was[1], now[1]),
        ):
            if was[0] and counted_before:
                delta[(code, "", was[0])] -= 1
            if now[0] and counted:
                delta[(code, "", now[0])] += 1
        _add(project_id, "supported", delta)
        if now[0] is None:
            row.delete()
        elif row is None:
            SupportedCompany.objects.create(
                project_id=project_id, company_id=company_id, first_day=now[0], sme=now[1]
            )
        else:
            row.first_day, row.sme = now
            row.save(update_fields=["first_day", "sme"])


# model label: (the model whose records it counts, the condition selecting them, the path to
# their project, the families)
WATCHED = {
    "companies.contact": ("companies.Contact", "pk", "project", ("contacts",)),
    "participants.enrolment": ("participants.Enrolment", "pk", "project", ("enrolments",)),
    "participants.participant": (
        "participants.Enrolment",
        "participant",
        "enrolments__project",
        ("enrolments",),
    ),
    "participants.educationplan": (
        "participants.EducationPlan",
        "pk",
        "enrolment__project",
        ("education",),
    ),
    "participants.priorlearningassessment": (
        "participants.PriorLearningAssessment",
        "pk",
        "enrolment__project",
        ("education",),
    ),
    # An offering's levels decide which lift its education plans count as.
    "catalogue.offering": (
        "participants.EducationPlan",
        "education",
        "education_plans__enrolment__project",
        ("education",),
    ),
    "discovery.workshop": ("discovery.Workshop", "pk", "project", ("workshops",)),
    "plans.competenceplan": ("plans.CompetencePlan", "pk", "project", ("plans",)),
    "recruitment.proposal": ("recruitment.Proposal", "pk", "opening__project", ("jobs",)),
    "recruitment.opening": ("recruitment.Proposal", "opening", "project", ("jobs",)),
    "companies.company": ("", "", "", ()),
}


def _pairs(label: str, pk) -> set:
    """(project id, company id) whose first day of support a write of this record may move."""
    from samspil.companies.models import Contact
    from samspil.participants.models import Enrolment

    if pk is None:
        return set()
    if label == "companies.contact":
        found = Contact.objects.filter(pk=pk).values_list("project", "company")
    elif label == "participants.enrolment":
        found = Enrolment.objects.filter(pk=pk).values_list("project", "participant__employer")
    elif label == "participants.participant":
        found = Enrolment.objects.filter(participant=pk).values_list(
            "project", "participant__employer"
        )
    elif label == "companies.company":
        return {(project_id, pk) for project_id in _company_projects(pk)}
    else:
        return set()
    return {(p, c) for p, c in found if p is not None and c is not None}


def _share(label: str, pk) -> dict:
    """{(project id, family): {(code, group, day): n}}: the record's share of the figures as
    the database has it now (nothing for a record not there)."""
    from django.apps import apps

    model, field, path, families = WATCHED[label]
    if pk is None or not families:
        return {}
    from samspil.programmes.models import Project

    source = apps.get_model(label)
    project_ids = {
        p for p in source._default_manager.filter(pk=pk).values_list(path, flat=True) if p
    }
    found = {}
    for project in Project.objects.filter(pk__in=project_ids):
        for family in families:
            rows = defaultdict(int)
            for code, group, day, n in count(project, family, (model, Q(**{field: pk}))):
                rows[(code, group, day)] += n
            found[(project.pk, family)] = rows
    return found


def _company_projects(company_pk) -> set:
    from samspil.companies.models import Contact
    from samspil.participants.models import Enrolment

    contacts = Contact.objects.filter(company=company_pk, project__isnull=False, status="done")
    employees = Enrolment.objects.filter(participant__employer=company_pk)
    return set(contacts.values_list("project", flat=True).distinct()) | set(
        employees.values_list("project", flat=True).distinct()
    )


def _before(sender, instance, **kwargs):
    """Before a write: the record's share of the figures, and the companies it concerns."""
    if kwargs.get("raw"):
        return  # a fixture or a restore loads the totals themselves as they were
    label = sender._meta.label_lower
    if label == "programmes.project":
        old = sender._default_manager.filter(pk=instance.pk).values_list("fund", flat=True)
        instance._figures_refund = bool(instance.pk) and list(old) != [instance.fund]
        return
    if kwargs.get("signal") is pre_delete and WATCHED[label][1] != "pk":
        # A person or an opening deleted: their enrolments or proposals go with them, each
        # with its own signals.
        instance._figures_before = ({}, set())
        return
    instance._figures_before = (_share(label, instance.pk), _pairs(label, instance.pk))


def _after(sender, instance, **kwargs):
    """After a write: add the difference of the record's share and move its companies' first
    days of support, in the writer's transaction."""
    if kwargs.get("raw"):
        return
    label = sender._meta.label_lower
    if label == "programmes.project":
        if kwargs.get("created") or getattr(instance, "_figures_refund", False):
            recount([instance])  # a new project starts with its (empty) totals
        return
    before, pairs = getattr(instance, "_figures_before", ({}, set()))
    instance._figures_before = ({}, set())
    deleted = kwargs.get("signal") is post_delete
    if deleted and WATCHED[label][1] != "pk":
        return
    after = {} if deleted else _share(label, instance.pk)
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}), after.get(key, {})
        _add(*key, {k: new.get(k, 0) - old.get(k, 0) for k in set(old) | set(new)})
    _reconcile(pairs | (set() if deleted else _pairs(label, instance.pk)))


def connect() -> None:
    from django.apps import apps

    for label in [*WATCHED, "programmes.project"]:
        model = apps.get_model(label)
        uid = f"figures-{label}"
        pre_save.connect(_before, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after, sender=model, dispatch_uid=uid + "-post")
        if label != "programmes.project":
            pre_delete.connect(_before, sender=model, dispatch_uid=uid + "-predel")
            post_delete.connect(_after, sender=model, dispatch_uid=uid + "-postdel")


def raw_day(day):
    """Dates from a raw query come as text on SQLite."""
    return datetime.date.fromisoformat(day) if isinstance(day, str) else day


def union_firsts(querysets, database="default") -> list:
    """[(project id, company id, first day, its size band)] over querysets of
    ``values(p=project, c=company, d=date)``: each company once per project, at its earliest
    date in any of them. One query."""
    parts, params = [], []
    for queryset in querysets:
        try:
            sql, more = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:  # e.g. a filter on an empty list: nothing from this one
            continue
        parts.append(sql)
        params += more
    if not parts:
        return []
    from samspil.companies.models import Company

    union = " UNION ALL ".join(parts)
    companies = connections[database].ops.quote_name(Company._meta.db_table)
    with connections[database].cursor() as cursor:
        cursor.execute(
            "SELECT firsts.p, firsts.c, firsts.d, company.size_band FROM (SELECT p, c, MIN(d)"
            f" AS d FROM ({union}) records GROUP BY p, c) firsts"
            f" JOIN {companies} company ON company.id = firsts.c",
            params,
        )
        return [(p, c, raw_day(d), band) for p, c, d, band in cursor.fetchall()]
