"""Shared test fixtures: a small world with two partnerships and the personas at its boundary."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from samspil.organisations.models import Role
from samspil.testing import factories as f


@dataclass
class World:
    organisation_a: object
    organisation_b: object
    partnership_a: object
    partnership_b: object
    project_a: object
    project_b: object
    member: object  # consultant in partnership A and project A
    other_member: object  # consultant in partnership B and project B
    outsider: object  # signed in, member of nothing
    coordinator: object  # coordinator of partnership A
    operator: object  # operator of project A (partnership A works under it)
    superuser: object


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is deliberately slow; tests sign in many personas.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_data(db):
    """Denmark's regions and municipalities and the competence areas; loaded by migrations, but
    a transactional test (the browser tests) flushes the database, so put them back when gone."""
    from samspil.core.data import municipalities
    from samspil.core.models import Municipality, Region

    if Municipality.objects.count() != len(municipalities.MUNICIPALITIES):
        municipalities.load(Region, Municipality)
    from samspil.catalogue.data.areas import AREAS
    from samspil.catalogue.models import CompetenceArea

    for name, keywords in AREAS:
        CompetenceArea.objects.get_or_create(name=name, defaults={"keywords": keywords})


@pytest.fixture
def world(reference_data) -> World:
    organisation_a = f.OrganisationFactory(name="Jobcenter Silkeborg")
    organisation_b = f.OrganisationFactory(name="Jobcenter Randers")
    project_a = f.ProjectFactory(code="projekt-a", name="Projekt A")
    project_b = f.ProjectFactory(code="projekt-b", name="Projekt B")
    partnership_a = f.PartnershipFactory(code="lks-a", name="LKS A")
    partnership_b = f.PartnershipFactory(code="lks-b", name="LKS B")
    partnership_a.projects.add(project_a)
    partnership_b.projects.add(project_b)
    partnership_a.organisations.add(organisation_a)
    partnership_b.organisations.add(organisation_b)

    member = f.UserFactory(username="member")
    f.OrganisationMembershipFactory(user=member, organisation=organisation_a)
    f.PartnershipMembershipFactory(user=member, partnership=partnership_a)
    f.ProjectMembershipFactory(user=member, project=project_a)

    other_member = f.UserFactory(username="other")
    f.OrganisationMembershipFactory(user=other_member, organisation=organisation_b)
    f.PartnershipMembershipFactory(user=other_member, partnership=partnership_b)
    f.ProjectMembershipFactory(user=other_member, project=project_b)

    coordinator = f.UserFactory(username="coordinator")
    f.PartnershipMembershipFactory(
        user=coordinator, partnership=partnership_a, role=Role.COORDINATOR
    )

    operator = f.UserFactory(username="operator")
    f.ProjectMembershipFactory(user=operator, project=project_a, role=Role.OPERATOR)

    return World(
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        partnership_a=partnership_a,
        partnership_b=partnership_b,
        project_a=project_a,
        project_b=project_b,
        member=member,
        other_member=other_member,
        outsider=f.UserFactory(username="outsider"),
        coordinator=coordinator,
        operator=operator,
        superuser=f.UserFactory(username="root", is_superuser=True, is_staff=True),
    )


@pytest.fixture
def client_for(client):
    """A page client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def api_for():
    """An API client authenticated with the given user's token."""
    from samspil.accounts.services import issue_token

    def authenticate(user):
        api = APIClient()
        _record, token = issue_token(user=user, name="test")
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return api

    return authenticate


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"samspil database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"
