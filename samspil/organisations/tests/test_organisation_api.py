import pytest
from auditlog.models import LogEntry

from samspil.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_bad_input_gets_danish_errors_per_field_and_nothing_is_saved(api_for, world):
    before = Organisation.objects.count()
    response = api_for(world.operator).post(
        "/api/v1/organisations/",
        {"name": "", "kind": "skole", "municipality": 999, "email": "nej"},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["name"] == ["Dette felt må ikke være tomt."]
    assert "kind" in errors and "skole" in errors["kind"][0]
    assert "municipality" in errors
    assert errors["email"] == ["Angiv en gyldig e-mailadresse."]
    assert Organisation.objects.count() == before


def test_the_model_rules_apply_to_the_api_too(api_for, world):
    response = api_for(world.operator).post(
        "/api/v1/organisations/",
        {"name": "Jobcenter Skive", "kind": "employment", "system": "business"},
        format="json",
    )
    assert response.status_code == 400
    assert "beskæftigelse" in response.json()["system"][0]
    assert not Organisation.objects.filter(name="Jobcenter Skive").exists()


def test_english_errors_for_clients_that_ask_for_them(api_for, world):
    response = api_for(world.operator).post(
        "/api/v1/organisations/", {"name": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["name"] == ["This field may not be blank."]


def test_a_change_through_the_api_is_audited_with_its_actor(api_for, world):
    response = api_for(world.operator).post(
        "/api/v1/organisations/",
        {"name": "Erhverv Skive", "kind": "business_promotion", "municipality": 779},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["system"] == "business" and body["municipality_name"] == "Skive"
    entry = LogEntry.objects.get_for_object(Organisation.objects.get(pk=body["id"])).get()
    assert entry.actor == world.operator


def test_organisations_are_never_deleted_by_ordinary_users(api_for, world):
    response = api_for(world.operator).delete(f"/api/v1/organisations/{world.organisation_a.pk}/")
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=world.organisation_a.pk).exists()


def test_an_organisation_in_use_cannot_be_deleted_even_by_a_superuser(api_for, world):
    operator_org = world.project_a.operator
    response = api_for(world.superuser).delete(f"/api/v1/organisations/{operator_org.pk}/")
    assert response.status_code == 400
    assert "kan ikke slettes" in response.json()["non_field_errors"][0]


def test_the_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [
        "/api/v1/organisations/",
        "/api/v1/partnerships/{id}/",
        "/api/v1/project-memberships/",
    ]:
        assert path in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
