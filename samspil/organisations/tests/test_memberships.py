"""Who manages whom (issue 15): the escalations found by the probe, refused; the role order;
nobody changes their own membership; every change in the audit trail."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from samspil.demo import foundation
from samspil.organisations import services
from samspil.organisations.models import Organisation, OrganisationMembership, Role
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project, ProjectMembership
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    """The demo's organisations, projects, partnerships and personas; Jobcenter Silkeborg and
    Jobcenter Herning each get a real operator."""
    foundation.build()
    users = {u.username: u for u in get_user_model().objects.all()}
    silkeborg = Organisation.objects.get(name="Jobcenter Silkeborg")
    herning = Organisation.objects.get(name="Jobcenter Herning")
    users["leder_silkeborg"] = f.UserFactory(username="leder_silkeborg")
    users["leder_herning"] = f.UserFactory(username="leder_herning")
    OrganisationMembership.objects.create(
        user=users["leder_silkeborg"], organisation=silkeborg, role=Role.OPERATOR
    )
    OrganisationMembership.objects.create(
        user=users["leder_herning"], organisation=herning, role=Role.OPERATOR
    )
    return users, silkeborg, herning


def test_an_operator_of_other_projects_cannot_put_konsulent5_into_jobcenter_silkeborg(
    api_for, demo
):
    users, silkeborg, _herning = demo
    response = api_for(users["operator"]).post(
        "/api/v1/organisation-memberships/",
        {"user": "konsulent5", "organisation": silkeborg.pk, "role": "consultant"},
        format="json",
    )
    assert response.status_code == 403
    assert not OrganisationMembership.objects.filter(
        user=users["konsulent5"], organisation=silkeborg
    ).exists()


def test_an_operator_of_other_projects_cannot_promote_konsulent1(api_for, demo):
    users, silkeborg, _herning = demo
    membership = OrganisationMembership.objects.get(
        user=users["konsulent1"], organisation=silkeborg
    )
    response = api_for(users["operator"]).patch(
        f"/api/v1/organisation-memberships/{membership.pk}/", {"role": "operator"}, format="json"
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.CONSULTANT


def test_konsulent1_cannot_add_himself_to_jobcenter_herning_nor_remove_the_operator(api_for, demo):
    users, silkeborg, herning = demo
    client = api_for(users["konsulent1"])
    response = client.post(
        "/api/v1/organisation-memberships/",
        {"user": "konsulent1", "organisation": herning.pk, "role": "operator"},
        format="json",
    )
    assert response.status_code == 403
    for boss, organisation in (("leder_silkeborg", silkeborg), ("leder_herning", herning)):
        membership = OrganisationMembership.objects.get(user=users[boss], organisation=organisation)
        response = client.delete(f"/api/v1/organisation-memberships/{membership.pk}/")
        assert response.status_code == 403
        assert OrganisationMembership.objects.filter(pk=membership.pk).exists()
    assert not OrganisationMembership.objects.filter(
        user=users["konsulent1"], organisation=herning
    ).exists()


def test_even_a_promoted_konsulent1_cannot_reach_jobcenter_herning(api_for, demo):
    users, silkeborg, herning = demo
    OrganisationMembership.objects.filter(user=users["konsulent1"], organisation=silkeborg).update(
        role=Role.OPERATOR
    )
    response = api_for(users["konsulent1"]).post(
        "/api/v1/organisation-memberships/",
        {"user": "konsulent1", "organisation": herning.pk, "role": "consultant"},
        format="json",
    )
    assert response.status_code == 403


def test_an_organisations_operator_manages_its_members_and_it_is_audited(api_for, demo):
    users, silkeborg, _herning = demo
    client = api_for(users["leder_silkeborg"])
    response = client.post(
        "/api/v1/organisation-memberships/",
        {"user": "konsulent5", "organisation": silkeborg.pk, "role": "consultant"},
        format="json",
    )
    assert response.status_code == 201, response.content
    membership = OrganisationMembership.objects.get(
        user=users["konsulent5"], organisation=silkeborg
    )
    url = f"/api/v1/organisation-memberships/{membership.pk}/"
    assert client.patch(url, {"role": "evaluator"}, format="json").status_code == 200
    assert client.delete(url).status_code == 204
    entries = LogEntry.objects.get_for_object(membership).order_by("timestamp")
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert {e.actor for e in entries} == {users["leder_silkeborg"]}


def test_nobody_changes_or_removes_their_own_membership(api_for, demo):
    users, silkeborg, _herning = demo
    own = OrganisationMembership.objects.get(user=users["leder_silkeborg"], organisation=silkeborg)
    client = api_for(users["leder_silkeborg"])
    url = f"/api/v1/organisation-memberships/{own.pk}/"
    assert client.patch(url, {"role": "consultant"}, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    own.refresh_from_db()
    assert own.role == Role.OPERATOR
    with pytest.raises(PermissionDenied):
        services.remove_member(actor=users["leder_silkeborg"], membership=own)


def test_nobody_grants_a_role_above_their_own(api_for, demo):
    users, _silkeborg, _herning = demo
    partnership = Partnership.objects.get(code="lks-silkeborg")
    coordinator = PartnershipMembership.objects.filter(
        partnership=partnership, role=Role.COORDINATOR
    ).first()
    assert coordinator is not None
    client = api_for(coordinator.user)
    body = {"user": "konsulent5", "partnership": partnership.pk, "role": "operator"}
    response = client.post("/api/v1/partnership-memberships/", body, format="json")
    assert response.status_code == 400
    assert "role" in response.json()
    body["role"] = "consultant"
    assert client.post("/api/v1/partnership-memberships/", body, format="json").status_code == 201
    # Nor promotes a member above their own role.
    added = PartnershipMembership.objects.get(partnership=partnership, user=users["konsulent5"])
    with pytest.raises(ValidationError) as refused:
        services.change_member_role(actor=coordinator.user, membership=added, role=Role.OPERATOR)
    assert "role" in refused.value.message_dict


def test_project_members_are_kept_by_the_projects_operators(api_for, demo):
    users, _silkeborg, _herning = demo
    project = Project.objects.get(code="smuk")
    body = {"user": "konsulent5", "project": project.pk, "role": "consultant"}
    # konsulent2 is on the SMUK team as a consultant: not an operator of it.
    assert (
        api_for(users["konsulent2"])
        .post("/api/v1/project-memberships/", body, format="json")
        .status_code
        == 403
    )
    assert (
        api_for(users["operator"])
        .post("/api/v1/project-memberships/", body, format="json")
        .status_code
        == 201
    )
    assert ProjectMembership.objects.filter(project=project, user=users["konsulent5"]).exists()


def test_roles_are_ordered():
    from samspil.organisations.scoping import ROLE_ORDER, rank

    assert ROLE_ORDER == [Role.EVALUATOR, Role.CONSULTANT, Role.COORDINATOR, Role.OPERATOR]
    assert rank(Role.OPERATOR) > rank(Role.COORDINATOR) > rank(Role.CONSULTANT)
