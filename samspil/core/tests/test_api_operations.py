"""Every operation the API's schema offers works (issue 15): records nobody deletes answer 405
and their DELETE is not in the schema; malformed ids answer 400 or 404; an id out of scope in
a write answers exactly like an id that does not exist."""

import pytest
from django.urls import reverse

from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

NOT_DELETED = ["companies", "contact-persons", "clusters", "contacts"]


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


@pytest.mark.parametrize("endpoint", NOT_DELETED)
def test_records_nobody_deletes_answer_405_and_are_not_offered(api_for, world, schema, endpoint):
    company = f.CompanyFactory()
    contact = f.ContactFactory(company=company, created_by=world.member)
    from samspil.companies.models import Cluster, ContactPerson

    records = {
        "companies": company,
        "contact-persons": ContactPerson.objects.create(company=company, name="Kim"),
        "clusters": Cluster.objects.create(name="Metal"),
        "contacts": contact,
    }
    record = records[endpoint]
    for persona in (world.member, world.superuser):
        response = api_for(persona).delete(f"/api/v1/{endpoint}/{record.pk}/")
        assert response.status_code == 405
    assert type(record).objects.filter(pk=record.pk).exists()
    assert "delete" not in schema["paths"][f"/api/v1/{endpoint}/{{id}}/"]


def test_deletable_records_keep_delete_in_the_schema(schema):
    for endpoint in ("organisation-memberships", "statements", "targets", "tools"):
        assert "delete" in schema["paths"][f"/api/v1/{endpoint}/{{id}}/"], endpoint


@pytest.mark.parametrize(
    "path", ["/api/v1/companies/abc/", "/api/v1/projects/1x/", "/api/v1/targets/%C2%B2/"]
)
def test_malformed_ids_answer_404(api_for, world, path):
    assert api_for(world.member).get(path).status_code == 404


def test_malformed_filters_answer_400(api_for, world):
    response = api_for(world.member).get("/api/v1/targets/", {"project": "abc"})
    assert response.status_code == 400


@pytest.mark.parametrize("field", ["competence_areas", "provider"])
def test_an_id_beyond_any_integer_in_a_filter_answers_400(api_for, world, field):
    # Found by the fuzzing: a many-to-many filter overflowed SQLite's integers (a server error).
    response = api_for(world.member).get("/api/v1/offerings/", {field: "9" * 23})
    assert response.status_code == 400
    assert field in response.json()


def test_an_id_out_of_scope_answers_like_one_that_does_not_exist(api_for, world):
    api = api_for(world.member)

    def target_in(project_id):
        return api.post(
            "/api/v1/workshops/",
            {"project": project_id, "kind": "ws1", "theme": "x", "date": "2030-01-01"},
            format="json",
        )

    out_of_scope = target_in(world.project_b.pk)
    missing = target_in(999999)
    assert out_of_scope.status_code == missing.status_code == 400
    assert out_of_scope.json()["project"] == [
        m.replace("999999", str(world.project_b.pk)) for m in missing.json()["project"]
    ]


def test_a_malformed_course_on_a_plan_page_answers_404(client_for, world):
    from samspil.plans.models import CompetencePlan, PlanNeed

    company = f.CompanyFactory()
    plan = CompetencePlan.objects.create(company=company, project=world.project_a)
    need = PlanNeed.objects.create(
        plan=plan, description="Robotter", area=_area(), current_level=1, target_level=3
    )
    response = client_for(world.member).post(
        reverse("plans:need-detail", args=[need.pk]), {"accept": "abc"}
    )
    assert response.status_code == 404


def _area():
    from samspil.catalogue.models import CompetenceArea

    return CompetenceArea.objects.order_by("pk").first()
