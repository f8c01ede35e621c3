"""The API for companies, contact persons, clusters and contacts: same rules as the pages."""

import datetime

import pytest
from django.utils import timezone

from samspil.companies.models import Cluster, Company, Contact
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


def test_an_invalid_cvr_gets_a_danish_error_on_the_field(api_for, world):
    response = api_for(world.member).post(
        "/api/v1/companies/",
        {"cvr": "13585627", "name": "Plast ApS", "municipality": 657},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["cvr"] == [
        "13585627 er ikke et gyldigt CVR-nummer: kontrolcifferet passer ikke."
    ]
    assert not Company.objects.exists()


def test_a_company_through_the_api(api_for, world):
    api = api_for(world.member)
    response = api.post(
        "/api/v1/companies/",
        {
            "cvr": "1358 5628",
            "name": "Plast ApS",
            "municipality": 657,
            "industry_code": "222900",
            "employees": 8,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["cvr"] == "13585628" and body["size_band"] == "micro" and body["is_sme"] is True
    duplicate = api.post(
        "/api/v1/companies/", {"cvr": "13585628", "name": "Igen ApS"}, format="json"
    )
    assert duplicate.status_code == 400 and "cvr" in duplicate.json()
    listing = api_for(world.outsider).get("/api/v1/companies/", {"q": "plast"}).json()
    assert [c["name"] for c in listing["results"]] == ["Plast ApS"]


def test_outsiders_read_but_do_not_write_the_register(api_for, world):
    company = f.CompanyFactory()
    api = api_for(world.outsider)
    assert api.get(f"/api/v1/companies/{company.pk}/").status_code == 200
    assert (
        api.patch(f"/api/v1/companies/{company.pk}/", {"name": "X"}, format="json").status_code
        == 403
    )
    assert (
        api.post("/api/v1/companies/", {"cvr": "13585628", "name": "X"}, format="json").status_code
        == 403
    )
    assert api.delete(f"/api/v1/companies/{company.pk}/").status_code in (403, 405)


def test_contacts_through_the_api_follow_the_same_rules(api_for, world, schools):
    company = f.CompanyFactory()
    api = api_for(world.member)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = api.post(
        "/api/v1/contacts/",
        {
            "company": company.pk,
            "kind": "visit",
            "status": "done",
            "date": future,
            "organisations": [],
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["organisations"] == ["Vælg mindst én deltagende organisation."]
    assert errors["date"] == ["En gennemført kontakt kan ikke have en dato i fremtiden."]
    response = api.post(
        "/api/v1/contacts/",
        {
            "company": company.pk,
            "kind": "joint_visit",
            "status": "planned",
            "date": future,
            "organisations": [world.organisation_a.pk, schools["school"].pk],
            "consultants": ["member"],
            "project": world.project_a.pk,
            "notes": "Noter",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    contact = Contact.objects.get()
    assert contact.created_by == world.member and contact.notes == "Noter"
    other_project = api.post(
        "/api/v1/contacts/",
        {
            "company": company.pk,
            "kind": "email",
            "status": "planned",
            "date": future,
            "organisations": [world.organisation_a.pk],
            "project": world.project_b.pk,
        },
        format="json",
    )
    assert other_project.status_code == 400 and "project" in other_project.json()


def test_clusters_keep_their_mother_company_as_a_member(api_for, world):
    mother, member = f.CompanyFactory(), f.CompanyFactory()
    response = api_for(world.member).post(
        "/api/v1/clusters/",
        {
            "name": "Cirkulær økonomi Silkeborg",
            "theme": "Cirkulær økonomi",
            "mother_company": mother.pk,
            "companies": [member.pk],
            "projects": [world.project_a.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    cluster = Cluster.objects.get()
    assert set(cluster.companies.all()) == {mother, member}
    hidden_project = api_for(world.member).post(
        "/api/v1/clusters/",
        {"name": "Y", "theme": "Z", "projects": [world.project_b.pk]},
        format="json",
    )
    assert hidden_project.status_code == 400 and "projects" in hidden_project.json()


def test_contact_persons_need_a_basis(api_for, world):
    company = f.CompanyFactory()
    response = api_for(world.member).post(
        "/api/v1/contact-persons/", {"company": company.pk, "name": "Lene Thomsen"}, format="json"
    )
    assert response.status_code == 400 and "consent_basis" in response.json()
    response = api_for(world.member).post(
        "/api/v1/contact-persons/",
        {"company": company.pk, "name": "Lene Thomsen", "consent_basis": "legitimate_interest"},
        format="json",
    )
    assert response.status_code == 201
