"""Who sees what through the API: the same rules as the pages, 404 for what is out of scope."""

import pytest

from samspil.organisations.models import OrganisationMembership, Role
from samspil.partnerships.models import PartnershipMembership
from samspil.programmes.models import ProjectMembership
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/",
        "/api/v1/organisation-memberships/",
        "/api/v1/partnerships/",
        "/api/v1/partnership-memberships/",
        "/api/v1/projects/",
        "/api/v1/project-memberships/",
    ],
)
def test_the_api_refuses_anonymous_callers(client, world, path):
    response = client.get(path)
    assert response.status_code == 401


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", 200),
        ("coordinator", 200),
        ("operator", 200),
        ("superuser", 200),
        ("other_member", 404),
        ("outsider", 404),
    ],
)
def test_partnership_detail(api_for, world, persona, expected):
    response = api_for(getattr(world, persona)).get(
        f"/api/v1/partnerships/{world.partnership_a.pk}/"
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", 200),
        ("operator", 200),
        ("superuser", 200),
        ("coordinator", 404),
        ("other_member", 404),
        ("outsider", 404),
    ],
)
def test_project_detail(api_for, world, persona, expected):
    response = api_for(getattr(world, persona)).get(f"/api/v1/projects/{world.project_a.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("member", {"LKS A"}),
        ("other_member", {"LKS B"}),
        ("outsider", set()),
        ("operator", {"LKS A"}),
        ("superuser", {"LKS A", "LKS B"}),
    ],
)
def test_partnership_list(api_for, world, persona, expected):
    results = api_for(getattr(world, persona)).get("/api/v1/partnerships/").json()["results"]
    assert {p["name"] for p in results} == expected


def test_partnership_lists_only_the_projects_the_caller_may_see(api_for, world):
    world.partnership_a.projects.add(world.project_b)
    data = api_for(world.member).get(f"/api/v1/partnerships/{world.partnership_a.pk}/").json()
    assert data["projects"] == [world.project_a.pk]


def test_membership_lists_are_scoped(api_for, world):
    partnership_members = api_for(world.member).get("/api/v1/partnership-memberships/").json()
    assert {m["partnership"] for m in partnership_members["results"]} == {world.partnership_a.pk}
    project_members = api_for(world.outsider).get("/api/v1/project-memberships/").json()
    assert project_members["results"] == []
    other = PartnershipMembership.objects.get(user=world.other_member)
    response = api_for(world.member).get(f"/api/v1/partnership-memberships/{other.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "persona, expected", [("operator", 201), ("superuser", 201), ("member", 403), ("outsider", 403)]
)
def test_creating_organisations(api_for, world, persona, expected):
    response = api_for(getattr(world, persona)).post(
        "/api/v1/organisations/",
        {"name": "Erhverv Viborg", "kind": "business_promotion", "municipality": 791},
        format="json",
    )
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona, expected",
    # Its own operators keep it; while nobody operates it (as here), any operator does; a
    # consultant of it may not (its system decides who sees a jobcentre's openings).
    [("member", 403), ("operator", 200), ("other_member", 403), ("outsider", 403)],
)
def test_changing_an_organisation(api_for, world, persona, expected):
    response = api_for(getattr(world, persona)).patch(
        f"/api/v1/organisations/{world.organisation_a.pk}/",
        {"phone": "+45 89 70 10 00"},
        format="json",
    )
    assert response.status_code == expected
    world.organisation_a.refresh_from_db()
    assert (world.organisation_a.phone == "+45 89 70 10 00") is (expected == 200)


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("coordinator", 201),
        # A partnership's members are kept by its coordinators, not by the operators of the
        # projects it works under (issue 15).
        ("operator", 403),
        ("superuser", 201),
        ("member", 403),
        # Coordinates no partnership: may add members nowhere, whichever id is sent.
        ("other_member", 403),
    ],
)
def test_adding_a_member_to_a_partnership(api_for, world, persona, expected):
    newcomer = world.outsider
    response = api_for(getattr(world, persona)).post(
        "/api/v1/partnership-memberships/",
        {"user": newcomer.username, "partnership": world.partnership_a.pk, "role": "consultant"},
        format="json",
    )
    assert response.status_code == expected
    created = PartnershipMembership.objects.filter(user=newcomer, partnership=world.partnership_a)
    assert created.exists() is (expected == 201)


def test_a_partnership_out_of_scope_is_refused_as_unknown(api_for, world):
    # The coordinator of partnership B may add members, but partnership A does not exist to
    # them: the same answer as an id that does not exist at all.
    PartnershipMembership.objects.filter(
        user=world.other_member, partnership=world.partnership_b
    ).update(role=Role.COORDINATOR)
    api = api_for(world.other_member)
    answers = [
        api.post(
            "/api/v1/partnership-memberships/",
            {"user": "outsider", "partnership": pk, "role": "consultant"},
            format="json",
        )
        for pk in (world.partnership_a.pk, 999999)
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json()["partnership"] == [
        m.replace("999999", str(world.partnership_a.pk)) for m in answers[1].json()["partnership"]
    ]


@pytest.mark.parametrize("persona, expected", [("operator", 201), ("member", 403)])
def test_adding_a_member_to_a_project(api_for, world, persona, expected):
    response = api_for(getattr(world, persona)).post(
        "/api/v1/project-memberships/",
        {"user": "outsider", "project": world.project_a.pk, "role": "consultant"},
        format="json",
    )
    assert response.status_code == expected
    assert ProjectMembership.objects.filter(user=world.outsider).exists() is (expected == 201)


def test_an_organisations_operators_keep_its_staff(api_for, world):
    # Issue 15: the organisation's own operators, not every operator of the installation.
    body = {"user": "outsider", "organisation": world.organisation_b.pk, "role": "consultant"}
    for persona in (world.member, world.operator):
        response = api_for(persona).post("/api/v1/organisation-memberships/", body, format="json")
        assert response.status_code == 403
    boss = f.UserFactory(username="boss")
    f.OrganisationMembershipFactory(
        user=boss, organisation=world.organisation_b, role=Role.OPERATOR
    )
    response = api_for(boss).post("/api/v1/organisation-memberships/", body, format="json")
    assert response.status_code == 201
    membership = OrganisationMembership.objects.get(user=world.outsider)
    response = api_for(world.member).patch(
        f"/api/v1/organisation-memberships/{membership.pk}/", {"role": "operator"}, format="json"
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.CONSULTANT


def test_removing_a_member(api_for, world):
    membership = PartnershipMembership.objects.get(user=world.member)
    url = f"/api/v1/partnership-memberships/{membership.pk}/"
    assert api_for(world.other_member).delete(url).status_code == 404
    assert api_for(world.member).delete(url).status_code == 403
    assert api_for(world.coordinator).delete(url).status_code == 204
    assert not PartnershipMembership.objects.filter(pk=membership.pk).exists()
