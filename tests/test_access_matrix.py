"""The access matrix (issue 15): every persona x every API endpoint (list, detail, create,
change, delete) and the main pages, on the demo region with the test personas added.

The expected answer for each record is computed here from the membership tables, in plain
queries, not from the scoping rules under test. A record someone should not see must be
absent from their lists and answer 404 to read, change and delete; nothing answers 5xx.
One database set-up for the module (the demo, built once inside a transaction that is
rolled back at the end); each write is rolled back too.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from samspil.organisations.models import OrganisationMembership, Role, System
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import ProjectMembership

# Marked so that pytest-django sets up the test database; each test also runs in its own
# savepoint inside the module's transaction.
pytestmark = pytest.mark.django_db

PRACTITIONERS = {Role.OPERATOR, Role.CONSULTANT, Role.COORDINATOR}

# endpoint -> how a record's readers are found (see ``Expected``)
ENDPOINTS = {
    "organisations": "everyone",
    "organisation-memberships": "everyone",
    "companies": "everyone",
    "contact-persons": "everyone",
    "clusters": "everyone",
    "contacts": "everyone",
    "tools": "everyone",
    "competence-areas": "everyone",
    "providers": "everyone",
    "offerings": "everyone",
    "partnerships": "partnership",
    "partnership-memberships": "partnership",
    "cases": "partnership",
    "meetings": "partnership",
    "evaluation-rounds": "partnership",
    "learning-notes": "partnership",
    "projects": "project",
    "project-memberships": "project",
    "targets": "project",
    "workshops": "project",
    "statements": "project",
    "surveys": "project",
    "invitations": "project",
    "need-decisions": "project",
    "plans": "project",
    "answers": "project_practitioners",
    "spend": "project_operators",
    "programmes": "programme",
    "participants": "person",
    "enrolments": "project_practitioners",
    "assessments": "project_practitioners",
    "education-plans": "project_practitioners",
    "openings": "opening",
    "candidates": "candidate",
    "proposals": "pipeline",
    "rotations": "pipeline",
    "campaigns": "campaign",
}

# The project a record belongs to, by endpoint (a path of attributes).
PROJECT_OF = {
    "projects": "",
    "project-memberships": "project",
    "targets": "project",
    "workshops": "project",
    "statements": "workshop.project",
    "surveys": "workshop.project",
    "invitations": "survey.workshop.project",
    "need-decisions": "survey.workshop.project",
    "plans": "project",
    "answers": "invitation.survey.workshop.project",
    "spend": "line.project",
    "enrolments": "project",
    "assessments": "enrolment.project",
    "education-plans": "enrolment.project",
}
PARTNERSHIP_OF = {
    "partnerships": "",
    "partnership-memberships": "partnership",
    "cases": "partnership",
    "meetings": "partnership",
    "evaluation-rounds": "partnership",
    "learning-notes": "partnership",
}

PAGES = [
    "/",
    "/organisationer/",
    "/partnerskaber/",
    "/virksomheder/",
    "/virksomheder/koordinering/",
    "/behov/",
    "/katalog/",
    "/programmer/",
    "/projekter/",
    "/rekruttering/",
    "/rekruttering/kandidater/",
    "/rekruttering/kampagner/",
    "/min-side/",
]


def attr(obj, path: str):
    for name in filter(None, path.split(".")):
        obj = getattr(obj, name)
    return obj


class Expected:
    """Who should see what, from the membership tables alone."""

    def __init__(self):
        self.project_roles: dict[int, dict[int, set]] = {}
        for user, project, role in ProjectMembership.objects.values_list("user", "project", "role"):
            self.project_roles.setdefault(user, {}).setdefault(project, set()).add(role)
        self.partnerships: dict[int, set] = {}
        for user, partnership in PartnershipMembership.objects.values_list("user", "partnership"):
            self.partnerships.setdefault(user, set()).add(partnership)
        self.org_roles: dict[int, dict[int, set]] = {}
        self.employment: set[int] = set()
        for user, organisation, role, system in OrganisationMembership.objects.values_list(
            "user", "organisation", "role", "organisation__system"
        ):
            self.org_roles.setdefault(user, {}).setdefault(organisation, set()).add(role)
            if system == System.EMPLOYMENT:
                self.employment.add(user)
        self.projects_of_partnership: dict[int, set] = {}
        for partnership, project in Partnership.projects.through.objects.values_list(
            "partnership", "project"
        ):
            self.projects_of_partnership.setdefault(partnership, set()).add(project)

    def on_project(self, user, project_id, roles=None) -> bool:
        held = self.project_roles.get(user.pk, {}).get(project_id, set())
        return bool(held if roles is None else held & roles)

    def in_organisation(self, user, organisation_id, roles=None) -> bool:
        held = self.org_roles.get(user.pk, {}).get(organisation_id, set())
        return bool(held if roles is None else held & roles)

    def sees_partnership(self, user, partnership_id) -> bool:
        if partnership_id in self.partnerships.get(user.pk, set()):
            return True
        return any(
            self.on_project(user, project, {Role.OPERATOR})
            for project in self.projects_of_partnership.get(partnership_id, ())
        )

    def sees_candidate(self, user, candidate) -> bool:
        return self.in_organisation(user, candidate.jobcentre_id, PRACTITIONERS) or (
            candidate.project_id is not None
            and self.on_project(user, candidate.project_id, PRACTITIONERS)
        )

    def sees_opening(self, user, opening) -> bool:
        return user.pk in self.employment or self.on_project(user, opening.project_id)

    def sees(self, user, endpoint: str, record) -> bool:
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        kind = ENDPOINTS[endpoint]
        if kind == "everyone":
            return True
        if kind == "partnership":
            return self.sees_partnership(user, attr(record, PARTNERSHIP_OF[endpoint]).pk)
        if kind in ("project", "project_practitioners", "project_operators"):
            roles = {
                "project": None,
                "project_practitioners": PRACTITIONERS,
                "project_operators": {Role.OPERATOR},
            }[kind]
            return self.on_project(user, attr(record, PROJECT_OF[endpoint]).pk, roles)
        if kind == "programme":
            return any(self.on_project(user, p.pk) for p in record.projects.all())
        if kind == "person":
            enrolled = any(
                self.on_project(user, e.project_id, PRACTITIONERS) for e in record.enrolments.all()
            )
            candidate = getattr(record, "candidate", None)
            return enrolled or (candidate is not None and self.sees_candidate(user, candidate))
        if kind == "opening":
            return self.sees_opening(user, record)
        if kind == "candidate":
            return self.sees_candidate(user, record)
        if kind == "pipeline":
            candidate = getattr(record, "candidate", None) or record.substitute
            return self.sees_opening(user, record.opening) and self.sees_candidate(user, candidate)
        if kind == "campaign":
            targeted = {j.pk for j in record.jobcentres.all()}
            return self.on_project(user, record.project_id) or any(
                self.in_organisation(user, j) for j in targeted
            )
        raise AssertionError(kind)


def model_of(endpoint):
    from samspil.api_urls import router

    for prefix, viewset, _basename in router.registry:
        if prefix == endpoint:
            return viewset
    raise LookupError(endpoint)


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """The demo region with the test personas, built once; everything rolled back after."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", verbosity=0)
            add_test_personas()
            users = list(get_user_model().objects.order_by("username"))
            yield users, Expected()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def add_test_personas():
    """The personas of the test world (``conftest.world``) on the demo's records: a member of
    one project/partnership/organisation, a coordinator, a project operator, an evaluator,
    an organisation operator, an outsider, an inactive user, a superuser."""
    from samspil.organisations.models import Organisation
    from samspil.programmes.models import Project
    from samspil.testing import factories as f

    organisation = Organisation.objects.get(name="Jobcenter Silkeborg")
    project = Project.objects.get(code="smuk")
    partnership = Partnership.objects.get(code="lks-silkeborg")

    member = f.UserFactory(username="t-member")
    f.OrganisationMembershipFactory(user=member, organisation=organisation)
    f.PartnershipMembershipFactory(user=member, partnership=partnership)
    f.ProjectMembershipFactory(user=member, project=project)
    coordinator = f.UserFactory(username="t-coordinator")
    f.PartnershipMembershipFactory(user=coordinator, partnership=partnership, role=Role.COORDINATOR)
    operator = f.UserFactory(username="t-operator")
    f.ProjectMembershipFactory(user=operator, project=project, role=Role.OPERATOR)
    evaluator = f.UserFactory(username="t-evaluator")
    f.ProjectMembershipFactory(user=evaluator, project=project, role=Role.EVALUATOR)
    boss = f.UserFactory(username="t-org-operator")
    f.OrganisationMembershipFactory(user=boss, organisation=organisation, role=Role.OPERATOR)
    f.UserFactory(username="t-outsider")
    inactive = f.UserFactory(username="t-inactive", is_active=False)
    f.ProjectMembershipFactory(user=inactive, project=project, role=Role.OPERATOR)
    f.UserFactory(username="t-root", is_superuser=True, is_staff=True)


def records(endpoint, limit=3):
    """A few records of the endpoint's model, of several owners (one query plus relations)."""
    viewset = model_of(endpoint)
    model = viewset.queryset.model
    rows = list(model._default_manager.order_by("pk"))
    if len(rows) <= limit:
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def ids_in(response) -> set:
    data = response.json()
    rows = data.get("results", data) if isinstance(data, dict) else data
    return {row["id"] for row in rows}


def rolled_back(client, method, url, *args, **kwargs):
    with transaction.atomic():
        response = getattr(client, method)(url, *args, **kwargs)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_every_persona_on_every_endpoint(region, django_db_blocker, endpoint):
    users, expected = region
    viewset = model_of(endpoint)
    methods = set(viewset.http_method_names)
    may_patch = hasattr(viewset, "partial_update") and "patch" in methods
    may_delete = hasattr(viewset, "destroy") and "delete" in methods
    detail_route = hasattr(viewset, "retrieve")
    problems = []
    with django_db_blocker.unblock():
        rows = records(endpoint)
        assert rows, f"the demo has no {endpoint}"
        for user in users:
            client = client_for(user)
            visible = {r.pk for r in rows if expected.sees(user, endpoint, r)}
            listed = client.get(f"/api/v1/{endpoint}/")
            if listed.status_code != 200:
                problems.append(f"{user} list {endpoint}: {listed.status_code}")
                continue
            leaks = ids_in(listed) - {r.pk for r in rows if expected.sees(user, endpoint, r)}
            leaks &= {r.pk for r in rows}
            unexpected = [
                pk
                for pk in ids_in(listed)
                if pk not in {r.pk for r in rows}
                and not expected.sees(
                    user, endpoint, viewset.queryset.model._default_manager.get(pk=pk)
                )
            ]
            if leaks or unexpected:
                problems.append(f"LEAK {user} list {endpoint}: {sorted(leaks | set(unexpected))}")
            created = client.post(f"/api/v1/{endpoint}/", {}, format="json")
            if created.status_code >= 500:
                problems.append(f"{user} create {endpoint}: {created.status_code}")
            if not detail_route:
                continue
            # Writes on one record the persona sees and one they do not (reads on all).
            written = {
                next((r.pk for r in rows if r.pk in visible), None),
                next((r.pk for r in rows if r.pk not in visible), None),
            }
            for row in rows:
                url = f"/api/v1/{endpoint}/{row.pk}/"
                sees = row.pk in visible
                read = client.get(url)
                if read.status_code != (200 if sees else 404):
                    problems.append(f"{user} read {endpoint} {row.pk}: {read.status_code}")
                if row.pk not in written:
                    continue
                if may_patch:
                    changed = rolled_back(client, "patch", url, {}, format="json")
                    if changed.status_code >= 500 or (not sees and changed.status_code != 404):
                        problems.append(f"{user} change {endpoint} {row.pk}: {changed.status_code}")
                deleted = rolled_back(client, "delete", url)
                if not may_delete:
                    if deleted.status_code != 405:
                        problems.append(f"{user} delete {endpoint} {row.pk}: {deleted.status_code}")
                elif deleted.status_code >= 500 or (not sees and deleted.status_code != 404):
                    problems.append(f"{user} delete {endpoint} {row.pk}: {deleted.status_code}")
            malformed = client.get(f"/api/v1/{endpoint}/abc/")
            if malformed.status_code not in (400, 404):
                problems.append(f"{user} malformed id {endpoint}: {malformed.status_code}")
    assert problems[:30] == []


def test_every_persona_on_the_main_pages(region, django_db_blocker, client):
    users, _expected = region
    problems = []
    with django_db_blocker.unblock():
        for user in users:
            if not user.is_active:
                continue
            client.force_login(user)
            for path in PAGES:
                status = client.get(path).status_code
                if status != 200:
                    problems.append(f"{user} {path}: {status}")
    assert problems == []


@pytest.mark.parametrize(
    "endpoint, path",
    [
        ("projects", "/projekter/{pk}/"),
        ("partnerships", "/partnerskaber/{pk}/"),
        ("workshops", "/behov/workshops/{pk}/"),
        ("plans", "/planer/{pk}/"),
        ("participants", "/deltagere/{pk}/"),
        ("openings", "/rekruttering/stillinger/{pk}/"),
        ("candidates", "/rekruttering/kandidater/{pk}/"),
        ("cases", "/partnerskaber/sager/{pk}/"),
    ],
)
def test_every_persona_on_the_record_pages(region, django_db_blocker, client, endpoint, path):
    users, expected = region
    problems = []
    with django_db_blocker.unblock():
        rows = records(endpoint, limit=4)
        for user in users:
            if not user.is_active:
                continue
            client.force_login(user)
            for row in rows:
                status = client.get(path.format(pk=row.pk)).status_code
                want = 200 if expected.sees(user, endpoint, row) else 404
                if status != want:
                    problems.append(f"{user} {path.format(pk=row.pk)}: {status}, expected {want}")
    assert problems == []
