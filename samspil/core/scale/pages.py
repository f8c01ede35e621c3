"""``samspil benchmark_pages``: every page and API list that lists or sums records, measured as
the persona who sees the data, beside one hand-written SQL query for the same rows (the floor).

Pages are found by ``reverse()`` and the objects they show by query, so the benchmark works on
the demo and on any size ``samspil generate`` wrote. The API lists come from the router.
"""

import contextlib
import datetime
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

PAGE_SIZE = 50  # the lists' page size (pages and API)
TARGET_P95_MS = 150
TARGET_FLOOR_RATIO = 5


@dataclass
class Page:
    name: str
    url: str
    user: str
    floor: str | None = None  # SQL for the same rows the page shows
    floor_params: tuple = ()
    note: str = ""
    # filled in by measuring
    status: int | None = None
    queries: int | None = None
    times: list = field(default_factory=list)
    floor_times: list = field(default_factory=list)
    # The median of a request that reads no records (the fixed cost every page pays), set by
    # ``measure`` from the "fixed cost" rows.
    baseline: float | None = None

    @property
    def key(self) -> str:
        """The name without the sizes in brackets, the same at every size."""
        return self.name.split(" (")[0]

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        return percentile(self.times, 95)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor_times) if self.floor_times else None

    @property
    def ratio(self) -> float | None:
        """The page against what it cannot do without: its rows' SQL plus the fixed cost of a
        request (session, user, middleware, the page's frame)."""
        if self.median is None or not self.floor_median:
            return None
        return self.median / (self.floor_median + (self.baseline or 0))

    @property
    def fixed_cost(self) -> bool:
        return "fixed cost" in self.name


def percentile(values, pct) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def table_of(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def url_or_none(name, *args, query="") -> str | None:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def pages() -> list[Page]:
    """Every page to measure, with the objects it shows read from the database."""
    from samspil.companies.models import Cluster, Company, Contact
    from samspil.discovery.models import Answer, Survey
    from samspil.participants.models import Enrolment
    from samspil.partnerships.models import LearningNote
    from samspil.plans.models import CompetencePlan, PlanNeed
    from samspil.programmes.models import Programme, Project
    from samspil.recruitment.models import Candidate, Opening

    company, contact, enrolment = table_of(Company), table_of(Contact), table_of(Enrolment)
    operator, consultant = "operator", "konsulent2"
    today = timezone.localdate()
    found = []

    def add(name, url, user, floor=None, params=(), note=""):
        if url is None:
            return
        found.append(Page(name, url, user, floor, tuple(params), note))

    n = PAGE_SIZE
    # My page reads no records of the register: what any page costs (session, user, menu,
    # the page's frame), for reading the floors against.
    add("my page (fixed cost of a page)", url_or_none("accounts:my-page"), consultant)
    add(
        "company list",
        reverse("companies:list"),
        consultant,
        f"SELECT id, name, cvr, city, size_band FROM {company} ORDER BY name, id LIMIT {n}",
    )
    word = _search_word()
    add(
        f"company search (?q={word})",
        reverse("companies:list") + f"?q={word}",
        consultant,
        f"SELECT id, name, cvr, city FROM {company} WHERE name LIKE %s ORDER BY name, id LIMIT {n}",
        (f"%{word}%",),
    )
    busiest = (
        Contact.objects.values("company").annotate(n=Count("pk")).order_by("-n", "company").first()
    )
    if busiest:
        add(
            f"company page ({busiest['n']:,} contacts)",
            reverse("companies:detail", args=[busiest["company"]]),
            consultant,
            f"SELECT id, date, kind, status, project_id, partnership_id FROM {contact} "
            f"WHERE company_id = %s ORDER BY date DESC, id DESC LIMIT {n}",
            (busiest["company"],),
        )
    add(
        "contacts list",
        url_or_none("companies:contact-list"),
        consultant,
        f"SELECT id, company_id, date, kind, status FROM {contact} "
        f"ORDER BY date DESC, id DESC LIMIT {n}",
    )
    since = (today - datetime.timedelta(days=90)).isoformat()
    add(
        "coordination",
        reverse("companies:coordination"),
        consultant,
        f"SELECT company_id, COUNT(*) FROM {contact} WHERE status = 'done' AND date >= %s "
        f"GROUP BY company_id HAVING COUNT(*) > 2 ORDER BY COUNT(*) DESC LIMIT {n}",
        (since,),
    )
    cluster = (
        Cluster.objects.annotate(n=Count("companies"))
        .order_by("-n", "pk")
        .values("pk", "n")
        .first()
    )
    if cluster:
        members = table_of(Cluster.companies.through)
        add(
            f"cluster page ({cluster['n']:,} companies)",
            reverse("companies:cluster-detail", args=[cluster["pk"]]),
            consultant,
            f"SELECT c.id, c.name, c.cvr FROM {company} c JOIN {members} m ON m.company_id = c.id "
            f"WHERE m.cluster_id = %s ORDER BY c.name",
            (cluster["pk"],),
        )
    project = Project.objects.filter(code="smuk").first() or Project.objects.order_by("pk").first()
    participant = table_of(Enrolment._meta.get_field("participant").related_model)
    enrolled = Enrolment.objects.filter(project=project).count() if project else 0
    if project:
        add(
            f"participant list ({enrolled:,} in the project)",
            reverse("participants:project-participants", args=[project.pk]),
            operator,
            f"SELECT p.id, p.name, p.identifier_masked FROM {participant} p WHERE EXISTS "
            f"(SELECT 1 FROM {enrolment} e WHERE e.participant_id = p.id AND e.project_id = %s) "
            f"ORDER BY p.name, p.id LIMIT {n}",
            (project.pk,),
        )
        one = Enrolment.objects.filter(project=project).order_by("pk").first()
        if one:
            add(
                "participant page",
                reverse("participants:participant-detail", args=[one.participant_id]),
                operator,
                f"SELECT p.*, e.* FROM {participant} p JOIN {enrolment} e "
                f"ON e.participant_id = p.id WHERE p.id = %s",
                (one.participant_id,),
            )
        add(
            "ESF report page",
            reverse("participants:esf-report", args=[project.pk]),
            operator,
            f"SELECT COUNT(*), SUM(CASE WHEN employment_status = 'employed' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN employment_status IN ('unemployed', 'long_term_unemployed') "
            f"THEN 1 ELSE 0 END), SUM(CASE WHEN isced <= 2 THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN result_employed = 'yes' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN leaving_date IS NOT NULL THEN 1 ELSE 0 END) "
            f"FROM {enrolment} WHERE project_id = %s",
            (project.pk,),
        )
        sums = (
            f"SELECT (SELECT COUNT(*) FROM {enrolment} WHERE project_id = %s), "
            f"(SELECT COUNT(DISTINCT company_id) FROM {contact} WHERE project_id = %s), "
            f"(SELECT COUNT(*) FROM {contact} WHERE project_id = %s AND kind = 'joint_visit')"
        )
        add(
            "project page",
            reverse("programmes:project-detail", args=[project.pk]),
            operator,
            sums,
            (project.pk,) * 3,
        )
        add(
            "progress (project dashboard)",
            reverse("programmes:progress", args=[project.pk]),
            operator,
            sums,
            (project.pk,) * 3,
        )
        add(
            "project status report XLSX",
            url_or_none("programmes:project-status-report", project.pk),
            operator,
            sums,
            (project.pk,) * 3,
        )
        add(
            "project coordination",
            url_or_none("programmes:project-coordination", project.pk),
            operator,
            f"SELECT company_id, COUNT(*), MAX(date) FROM {contact} WHERE project_id = %s "
            f"GROUP BY company_id ORDER BY COUNT(*) DESC LIMIT {n}",
            (project.pk,),
        )
    programme = Programme.objects.annotate(n=Count("projects__enrolments")).order_by("-n").first()
    if programme:
        by_project = (
            f"SELECT e.project_id, COUNT(*) FROM {enrolment} e "
            f"JOIN {table_of(Project)} p ON p.id = e.project_id "
            f"WHERE p.programme_id = %s GROUP BY e.project_id"
        )
        add(
            "programme dashboard",
            reverse("programmes:programme-detail", args=[programme.pk]),
            operator,
            by_project,
            (programme.pk,),
        )
        add(
            "programme status report XLSX",
            url_or_none("programmes:programme-status-report", programme.pk),
            operator,
            by_project,
            (programme.pk,),
        )
        add(
            "programme coordination",
            url_or_none("programmes:programme-coordination", programme.pk),
            operator,
            f"SELECT c.company_id, COUNT(DISTINCT c.project_id) FROM {contact} c "
            f"JOIN {table_of(Project)} p ON p.id = c.project_id WHERE p.programme_id = %s "
            f"GROUP BY c.company_id HAVING COUNT(DISTINCT c.project_id) > 1 LIMIT {n}",
            (programme.pk,),
        )
    survey = Survey.objects.annotate(n=Count("invitations__answers")).order_by("-n", "pk").first()
    if survey:
        add(
            f"survey analysis ({survey.invitations.count():,} companies x "
            f"{survey.statements.count()} statements)",
            reverse("discovery:analysis", args=[survey.pk]),
            consultant if _sees_survey(survey, consultant) else operator,
            f"SELECT a.statement_id, AVG(a.relevance), COUNT(*), "
            f"SUM(CASE WHEN a.need <> 'none' THEN 1 ELSE 0 END) FROM {table_of(Answer)} a "
            f"JOIN {table_of(Answer._meta.get_field('invitation').related_model)} i "
            f"ON i.id = a.invitation_id WHERE i.survey_id = %s GROUP BY a.statement_id",
            (survey.pk,),
        )
    plan = (
        CompetencePlan.objects.annotate(n=Count("needs")).order_by("-n", "pk").first()
        if hasattr(CompetencePlan, "needs")
        else CompetencePlan.objects.order_by("pk").first()
    )
    if plan:
        add(
            "plan page",
            reverse("plans:plan-detail", args=[plan.pk]),
            operator,
            f"SELECT * FROM {table_of(PlanNeed)} WHERE plan_id = %s ORDER BY id",
            (plan.pk,),
        )
    add(
        "openings",
        reverse("recruitment:opening-list"),
        operator,
        f"SELECT * FROM {table_of(Opening)} ORDER BY start_date DESC, id LIMIT {n}",
    )
    add(
        "candidates",
        reverse("recruitment:candidate-list"),
        operator,
        f"SELECT c.*, p.name FROM {table_of(Candidate)} c JOIN {participant} p "
        f"ON p.id = c.person_id ORDER BY p.name, c.id LIMIT {n}",
    )
    notes = (
        LearningNote.objects.values("partnership")
        .annotate(n=Count("pk"))
        .order_by("-n", "partnership")
        .first()
    )
    if notes:
        add(
            f"learning notes ({notes['n']:,})",
            reverse("partnerships:note-list", args=[notes["partnership"]]),
            "koordinator1" if _coordinates(notes["partnership"], "koordinator1") else operator,
            f"SELECT * FROM {table_of(LearningNote)} WHERE partnership_id = %s "
            f"ORDER BY noted_on DESC, id DESC LIMIT {n}",
            (notes["partnership"],),
        )
    for name, url_name, model_path in (
        ("offering catalogue", "catalogue:offering-list", "catalogue.Offering"),
        ("workshops", "discovery:workshop-list", "discovery.Workshop"),
        ("organisations", "organisations:list", "organisations.Organisation"),
        ("projects", "programmes:project-list", "programmes.Project"),
        ("programmes", "programmes:programme-list", "programmes.Programme"),
        ("campaigns", "recruitment:campaign-list", "recruitment.Campaign"),
    ):
        add(name, url_or_none(url_name), operator, _first_page_sql(model_path))
    found.extend(api_pages())
    return found


def api_pages() -> list[Page]:
    """Every list endpoint of the router under /api/v1/, as the operator."""
    from samspil.api_urls import router

    # The API root reads no records: what any request costs, for reading the floors against.
    found = [Page("API root (fixed cost of a request)", reverse("v1:api-root"), "operator")]
    for prefix, viewset, basename in router.registry:
        if not hasattr(viewset, "list"):
            continue
        model = viewset.queryset.model if getattr(viewset, "queryset", None) is not None else None
        url = reverse(f"v1:{basename}-list")
        floor = None
        if model is not None:
            floor = _first_page_sql(f"{model._meta.app_label}.{model.__name__}")
        found.append(Page(f"API {prefix}", url, "operator", floor))
    return found


def _first_page_sql(model_path: str) -> str | None:
    from django.apps import apps

    try:
        model = apps.get_model(model_path)
    except LookupError:
        return None
    return f"SELECT * FROM {table_of(model)} ORDER BY id LIMIT {PAGE_SIZE}"


def _search_word() -> str:
    from samspil.companies.models import Company

    for word in ("Metal", "Plast", "A/S"):
        if Company.objects.filter(name__icontains=word).exists():
            return word
    return "a"


def _sees_survey(survey, username) -> bool:
    from samspil.discovery.models import Survey

    user = get_user_model().objects.filter(username=username).first()
    return bool(user) and Survey.objects.restrict(user).filter(pk=survey.pk).exists()


def _coordinates(partnership, username) -> bool:
    from samspil.partnerships.models import PartnershipMembership

    return PartnershipMembership.objects.filter(
        partnership=partnership, user__username=username
    ).exists()


# -- measuring ---------------------------------------------------------------------------------


def measure(
    pages_: list[Page],
    *,
    runs: int = 10,
    budget: float = 20.0,
    timeout: float = 120.0,
    out=None,
) -> None:
    """One warm-up (counting queries), then up to ``runs`` timed requests per page, fewer where
    a page takes more than ``budget`` seconds in all (at least three; one for a page whose
    warm-up alone took a third of the budget). A request whose SQL runs past ``timeout``
    seconds is stopped and the page counts as failed ("timeout")."""
    out = out or (lambda line: None)
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in={p.user for p in pages_})
    }
    clients = {}
    for username, user in users.items():
        clients[username] = Client(raise_request_exception=False)
        clients[username].force_login(user)
    for page in pages_:
        client = clients[page.user]
        before = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            status = _get(client, page.url, timeout)
        warm_up = time.perf_counter() - before
        page.status = status
        page.queries = len(captured.captured_queries)
        if page.status != 200:
            out(f"{page.name}: {page.url} answered {page.status}")
            continue
        started = time.perf_counter()
        least = 1 if warm_up > budget / 3 else 3
        for run in range(runs):
            before = time.perf_counter()
            page.status = _get(client, page.url, timeout)
            page.times.append((time.perf_counter() - before) * 1000)
            if page.status != 200 or (run + 1 >= least and time.perf_counter() - started > budget):
                break
        if page.floor:
            _floor(page, len(page.times))
        out(
            f"{page.name}: {page.queries} queries, median {page.median:.0f} ms, "
            f"p95 {page.p95:.0f} ms, floor {page.floor_median or 0:.1f} ms"
        )
    _set_baselines(pages_)


def _set_baselines(pages_: list[Page]) -> None:
    """API rows are read against the API root, page rows against My page."""
    fixed = {p.url.startswith("/api/"): p.median for p in pages_ if p.fixed_cost}
    for page in pages_:
        if not page.fixed_cost:
            page.baseline = fixed.get(page.url.startswith("/api/"))


def _get(client, url, timeout: float = 0):
    """The page's status: 200, another status, or "timeout" where its SQL ran too long."""
    with _time_limit(timeout):
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    error = getattr(response, "exc_info", None)
    if error and isinstance(error[1], DatabaseError) and _timed_out(error[1]):
        return "timeout"
    return response.status_code


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop SQL running longer than ``seconds``: PostgreSQL's statement timeout, SQLite's
    progress handler."""
    if not seconds:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{seconds}s"])
        try:
            yield
        finally:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', '0', false)")
    elif connection.vendor == "sqlite":
        deadline = time.perf_counter() + seconds
        raw = connection.connection
        raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 100_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    else:
        yield


def _timed_out(exc) -> bool:
    text = str(exc).lower()
    return "interrupted" in text or "statement timeout" in text or "canceling statement" in text


def _floor(page: Page, runs: int) -> None:
    with connection.cursor() as cursor:
        for run in range(runs + 1):
            before = time.perf_counter()
            cursor.execute(page.floor, page.floor_params)
            cursor.fetchall()
            if run:  # the first is the warm-up
                page.floor_times.append((time.perf_counter() - before) * 1000)


# -- describing --------------------------------------------------------------------------------


def database_description() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}"


def data_sizes() -> dict:
    from samspil.catalogue.models import Offering
    from samspil.companies.models import Company, Contact
    from samspil.participants.models import Enrolment, Participant

    return {
        "companies": Company.objects.count(),
        "contacts": Contact.objects.count(),
        "participants": Participant.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "offerings": Offering.objects.count(),
    }


def python_description() -> str:
    return f"Python {sys.version.split()[0]}, Django {__import__('django').get_version()}"


def debug_note() -> str:
    return "DEBUG on" if settings.DEBUG else "DEBUG off"


def url_name(url: str) -> str:
    try:
        return resolve(url.split("?")[0]).view_name
    except Exception:  # noqa: BLE001 - only a label
        return ""
