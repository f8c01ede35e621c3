"""The members sections of the organisation's, partnership's and project's pages: add, change
role and remove for those allowed (buttons only for them), the changes listed."""

import pytest
from django.urls import reverse

from samspil.organisations.models import OrganisationMembership, Role
from samspil.partnerships.models import PartnershipMembership
from samspil.programmes.models import ProjectMembership
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(world):
    user = f.UserFactory(username="boss", first_name="Birthe", last_name="Boss")
    f.OrganisationMembershipFactory(
        user=user, organisation=world.organisation_a, role=Role.OPERATOR
    )
    return user


def members_url(kind, target):
    return reverse("organisations:members", args=[kind, target.pk])


def test_an_organisations_operator_adds_changes_and_removes_members(client_for, world, boss):
    client = client_for(boss)
    page = client.get(world.organisation_a.get_absolute_url()).content.decode()
    assert "Tilføj et medlem" in page
    url = members_url("organisation", world.organisation_a)
    response = client.post(url, {"username": "outsider", "role": "consultant"}, follow=True)
    assert response.status_code == 200
    membership = OrganisationMembership.objects.get(user=world.outsider)
    assert membership.role == Role.CONSULTANT
    client.post(url, {"membership": membership.pk, "role": "evaluator"})
    membership.refresh_from_db()
    assert membership.role == Role.EVALUATOR
    client.post(url, {"membership": membership.pk, "remove": "1"})
    assert not OrganisationMembership.objects.filter(pk=membership.pk).exists()
    page = client.get(world.organisation_a.get_absolute_url()).content.decode()
    assert "Ændringer i medlemmerne" in page
    assert page.count("Birthe Boss") >= 3  # who added, changed and removed


def test_others_see_no_buttons_and_are_refused(client_for, world, boss):
    client = client_for(world.member)
    page = client.get(world.organisation_a.get_absolute_url()).content.decode()
    assert "Tilføj et medlem" not in page and "Skift rolle" not in page
    url = members_url("organisation", world.organisation_a)
    response = client.post(url, {"username": "outsider", "role": "consultant"}, follow=True)
    assert "Du må ikke foretage den ændring." in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=world.outsider).exists()
    own = OrganisationMembership.objects.get(user=boss)
    client_for(boss).post(url, {"membership": own.pk, "remove": "1"})
    assert OrganisationMembership.objects.filter(pk=own.pk).exists()


def test_bad_input_is_named_and_nothing_saved(client_for, world, boss):
    client = client_for(boss)
    url = members_url("organisation", world.organisation_a)
    response = client.post(url, {"username": "nobody", "role": "consultant"}, follow=True)
    assert "Ingen bruger hedder “nobody”." in response.content.decode()
    assert client.post(url, {"membership": "abc", "role": "x"}).status_code == 404
    assert client.post(members_url("nothing", world.organisation_a), {}).status_code == 404
    response = client.post(url, {"username": "outsider", "role": "admiral"}, follow=True)
    assert "Vælg en af rollerne." in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=world.outsider).exists()


def test_a_partnerships_coordinator_keeps_its_members(client_for, world):
    client = client_for(world.coordinator)
    assert "Tilføj et medlem" in client.get(world.partnership_a.get_absolute_url()).content.decode()
    url = members_url("partnership", world.partnership_a)
    client.post(url, {"username": "outsider", "role": "operator"})  # above a coordinator
    assert not PartnershipMembership.objects.filter(user=world.outsider).exists()
    client.post(url, {"username": "outsider", "role": "consultant"})
    assert PartnershipMembership.objects.filter(user=world.outsider).exists()
    # The operator of a project the partnership works under sees it, but keeps no members.
    page = client_for(world.operator).get(world.partnership_a.get_absolute_url())
    assert "Tilføj et medlem" not in page.content.decode()


def test_a_projects_operators_keep_its_team(client_for, world):
    url = members_url("project", world.project_a)
    client_for(world.member).post(url, {"username": "outsider", "role": "consultant"})
    assert not ProjectMembership.objects.filter(user=world.outsider).exists()
    client = client_for(world.operator)
    assert "Tilføj et medlem" in client.get(world.project_a.get_absolute_url()).content.decode()
    client.post(url, {"username": "outsider", "role": "consultant"})
    assert ProjectMembership.objects.filter(user=world.outsider, project=world.project_a).exists()
    # A project out of scope is not found.
    assert client.post(members_url("project", world.project_b), {}).status_code == 404
