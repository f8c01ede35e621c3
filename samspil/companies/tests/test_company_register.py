import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samspil.companies.models import Company
from samspil.core.models import Municipality
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def company_form(**overrides):
    data = {
        "cvr": "13585628",
        "name": "Ikast Metal ApS",
        "municipality": Municipality.objects.get(code=756).pk,
        "industry_code": "251100",
        "industry_title": "",
        "employees": "42",
        "size_band": "",
        "p_number": "",
        "address": "Industrivej 4",
        "postcode": "7430",
        "city": "Ikast",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_a_consultant_registers_a_company_and_the_size_follows_the_headcount(client_for, world):
    client = client_for(world.member)
    response = client.post(reverse("companies:create"), company_form(cvr="1358 5628"))
    company = Company.objects.get(cvr="13585628")
    assert response["Location"] == company.get_absolute_url()
    assert company.size_band == "small" and company.is_sme
    assert company.industry_title == "Manufacture of metal structures and parts of structures"
    page = client.get(company.get_absolute_url()).content.decode()
    assert "Lille (10–49)" in page and "13585628" in page


@pytest.mark.parametrize(
    "cvr, message",
    [
        ("1358562", "Et CVR-nummer har 8 cifre"),
        ("1358562A", "Et CVR-nummer består kun af cifre."),
        ("13585627", "kontrolcifferet passer ikke"),
    ],
)
def test_an_invalid_cvr_is_named_on_the_field_in_danish_and_nothing_is_saved(
    client_for, world, cvr, message
):
    response = client_for(world.member).post(reverse("companies:create"), company_form(cvr=cvr))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Company.objects.exists()


def test_unknown_industry_and_municipality_are_refused(client_for, world):
    response = client_for(world.member).post(
        reverse("companies:create"), company_form(industry_code="999999", municipality="99999")
    )
    page = response.content.decode()
    assert "999999 er ikke en kendt branchekode" in page
    assert "Marker en gyldig valgmulighed" in page
    assert not Company.objects.exists()


def test_the_same_cvr_cannot_be_registered_twice(client_for, world):
    f.CompanyFactory(cvr="13585628")
    response = client_for(world.member).post(
        reverse("companies:create"), company_form(cvr="DK 1358 5628")
    )
    assert "Virksomhed med dette CVR-nummer eksisterer allerede." in response.content.decode()
    assert Company.objects.count() == 1


def test_an_evaluator_only_reads_the_register(client_for, world):
    company = f.CompanyFactory()
    evaluator = f.UserFactory(username="carma")
    f.OrganisationMembershipFactory(user=evaluator, role="evaluator")
    client = client_for(evaluator)
    assert client.get(company.get_absolute_url()).status_code == 200
    assert client.get(reverse("companies:update", args=[company.pk])).status_code == 403
    assert client.get(reverse("companies:create")).status_code == 403


def test_search_and_filters(client_for, world):
    f.CompanyFactory(
        name="Herning Plast A/S",
        cvr="13585628",
        municipality=Municipality.objects.get(code=657),
        industry_code="222900",
        employees=85,
    )
    f.CompanyFactory(name="Them Savværk ApS", employees=5)
    client = client_for(world.member)

    def names(**params):
        page = client.get(reverse("companies:list"), params).content.decode()
        return {name for name in ("Herning Plast A/S", "Them Savværk ApS") if name in page}

    assert names(q="plast") == {"Herning Plast A/S"}
    assert names(q="1358") == {"Herning Plast A/S"}
    assert names(municipality=Municipality.objects.get(code=657).pk) == {"Herning Plast A/S"}
    assert names(industry="2229") == {"Herning Plast A/S"}
    assert names(size_band="micro") == {"Them Savværk ApS"}


def test_filter_by_last_contact(client_for, world):
    import datetime

    recent = f.CompanyFactory(name="Nylig Kontakt ApS")
    f.ContactFactory(company=recent, date=datetime.date.today() - datetime.timedelta(days=3))
    old = f.CompanyFactory(name="Gammel Kontakt ApS")
    f.ContactFactory(company=old, date=datetime.date(2024, 1, 10))
    f.CompanyFactory(name="Aldrig Kontakt ApS")
    client = client_for(world.member)
    since = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    page = client.get(reverse("companies:list"), {"not_contacted_since": since}).content.decode()
    assert "Gammel Kontakt" in page and "Aldrig Kontakt" in page and "Nylig Kontakt" not in page
    page = client.get(reverse("companies:list"), {"contacted_since": since}).content.decode()
    assert "Nylig Kontakt" in page and "Gammel Kontakt" not in page


def test_the_filtered_list_exports_as_csv_and_xlsx(client_for, world):
    f.CompanyFactory(name="Herning Plast A/S", cvr="13585628", employees=85)
    f.CompanyFactory(name="Them Savværk ApS")
    client = client_for(world.member)
    csv_response = client.get(reverse("companies:list"), {"q": "plast", "export": "csv"})
    assert csv_response["Content-Disposition"] == 'attachment; filename="virksomheder.csv"'
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("CVR-nummer;Navn;")
    assert len(lines) == 2 and lines[1].startswith("13585628;Herning Plast A/S;")
    xlsx = client.get(reverse("companies:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Herning Plast A/S",
        "Them Savværk ApS",
    ]


def test_company_list_and_page_cost_the_same_queries_at_two_sizes(client_for, world, schools):
    client = client_for(world.member)
    company = f.CompanyFactory()

    def grow():
        from samspil.companies.models import Cluster, ContactPerson

        for _ in range(12):
            other = f.CompanyFactory()
            group = Cluster.objects.create(
                name=other.name, theme="Digitalisering", mother_company=other
            )
            group.companies.add(other, company)
            ContactPerson.objects.create(company=company, name=other.name, consent_basis="consent")
            f.ContactFactory(company=other, organisations=[schools["school"], world.organisation_a])
            f.ContactFactory(
                company=company,
                organisations=[schools["school"], schools["business"]],
                consultants=[world.member, world.other_member],
                project=world.project_a if other.pk % 2 else world.project_b,
            )

    for url in [
        reverse("companies:list"),
        company.get_absolute_url(),
        reverse("companies:cluster-list"),
        reverse("companies:coordination"),
    ]:
        assert_constant_queries(client, url, grow)
