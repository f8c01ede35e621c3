import pytest
from django.urls import reverse

from samspil.core.models import Municipality
from samspil.organisations.models import Organisation, Role
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_an_operator_creates_an_organisation_and_sees_who_did_it(client_for, world):
    client = client_for(world.operator)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "Erhverv Viborg",
            "kind": "business_promotion",
            "system": "",
            "municipality": Municipality.objects.get(code=791).pk,
            "website": "erhvervviborg.dk",
        },
    )
    organisation = Organisation.objects.get(name="Erhverv Viborg")
    assert response["Location"] == organisation.get_absolute_url()
    # The kind decides the system when none is given, and a bare domain becomes https.
    assert organisation.system == "business"
    assert organisation.website == "https://erhvervviborg.dk"
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Organisationen Erhverv Viborg er oprettet." in page
    assert "Historik" in page and world.operator.get_full_name() in page


def test_bad_input_is_named_on_the_field_in_danish_and_nothing_is_saved(client_for, world):
    client = client_for(world.operator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "", "kind": "employment", "system": "education", "email": "ikke-en-adresse"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Formularen indeholder fejl. Intet er gemt." in page
    assert "Dette felt er påkrævet." in page
    assert "E-mail: Angiv en gyldig e-mailadresse." in page
    assert not Organisation.objects.filter(email="ikke-en-adresse").exists()


def test_a_jobcentre_cannot_be_put_in_the_education_system(client_for, world):
    client = client_for(world.operator)
    response = client.post(
        reverse("organisations:create"),
        {"name": "Jobcenter Skive", "kind": "employment", "system": "education"},
    )
    assert response.status_code == 200
    assert "hører til systemet beskæftigelse" in response.content.decode()
    assert not Organisation.objects.filter(name="Jobcenter Skive").exists()


def _edit(client, organisation, **changes):
    return client.post(
        reverse("organisations:update", args=[organisation.pk]),
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "system": organisation.system,
            "municipality": organisation.municipality_id,
            **changes,
        },
    )


def test_an_edit_is_recorded_in_the_history_with_old_and_new_value(client_for, world):
    # The organisation's own operator keeps its record.
    organisation = world.organisation_a
    world.member.organisation_memberships.update(role=Role.OPERATOR)
    client = client_for(world.member)
    response = _edit(client, organisation, phone="87 22 00 00")
    assert response.status_code == 302
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "87 22 00 00" in page
    assert world.member.get_full_name() in page  # who changed it, in the history table


def test_someone_who_may_not_change_it_cannot_post_either(client_for, world):
    client = client_for(world.other_member)
    response = client.post(
        reverse("organisations:update", args=[world.organisation_a.pk]),
        {"name": "Overtaget", "kind": "employment"},
    )
    assert response.status_code == 403
    world.organisation_a.refresh_from_db()
    assert world.organisation_a.name == "Jobcenter Silkeborg"


def test_the_list_filters_by_name_and_system(client_for, world):
    f.OrganisationFactory(name="Tradium", kind="education", system="education")
    client = client_for(world.member)
    page = client.get(reverse("organisations:list"), {"system": "education"}).content.decode()
    assert "Tradium" in page and "Jobcenter Silkeborg" not in page
    page = client.get(reverse("organisations:list"), {"q": "jobcenter silk"}).content.decode()
    assert "Jobcenter Silkeborg" in page and "Tradium" not in page


def test_pages_cost_the_same_number_of_queries_at_two_sizes(client_for, world):
    client = client_for(world.member)

    def grow():
        for _ in range(15):
            organisation = f.OrganisationFactory()
            world.partnership_a.organisations.add(organisation)
            f.OrganisationMembershipFactory(organisation=organisation)
            f.OrganisationMembershipFactory(organisation=world.organisation_a)
            f.PartnershipMembershipFactory(partnership=world.partnership_a)
            f.ProjectMembershipFactory(project=world.project_a)
            partnership = f.PartnershipFactory()
            partnership.organisations.add(world.organisation_a)
            f.PartnershipMembershipFactory(partnership=partnership, user=world.member)
            f.ProjectMembershipFactory(user=world.member)
        client.post(
            reverse("organisations:update", args=[world.organisation_a.pk]),
            {"name": world.organisation_a.name, "kind": "employment", "phone": "1"},
        )

    for url in [
        reverse("home"),
        reverse("organisations:list"),
        reverse("organisations:detail", args=[world.organisation_a.pk]),
        reverse("partnerships:list"),
        reverse("partnerships:detail", args=[world.partnership_a.pk]),
        reverse("programmes:project-list"),
        reverse("programmes:project-detail", args=[world.project_a.pk]),
    ]:
        assert_constant_queries(client, url, grow)


def test_the_list_says_how_many_organisations_match(client_for, world):
    f.OrganisationFactory(name="Tradium", kind="education", system="education")
    client = client_for(world.member)
    page = client.get(reverse("organisations:list")).content.decode()
    total = Organisation.objects.count()
    assert f"{total} organisationer" in page
    page = client.get(reverse("organisations:list"), {"q": "tradium"}).content.decode()
    assert ">1 organisation<" in page


def test_only_the_organisations_own_operators_change_it(client_for, world):
    # Its system decides who sees a jobcentre's openings: a consultant of the organisation, or
    # an operator elsewhere, could change it before.
    organisation = world.organisation_a
    own_operator = f.UserFactory(username="egen")
    f.OrganisationMembershipFactory(
        user=own_operator, organisation=organisation, role=Role.OPERATOR
    )
    f.OrganisationMembershipFactory(
        user=world.operator, organisation=world.organisation_b, role=Role.OPERATOR
    )
    for user in (world.member, world.operator):
        response = _edit(client_for(user), organisation, system="employment", phone="1")
        assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.phone != "1"
    assert _edit(client_for(own_operator), organisation, phone="2").status_code == 302
