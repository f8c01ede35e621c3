"""The company pages and API lists at scale: search through the index, lists a page at a time,
and the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samspil.companies.coordination import Quarter, coordination_overview
from samspil.companies.models import Cluster, Company, ContactPerson
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
Member = Cluster.companies.through


def listed(client, url, **params):
    return client.get(url, params).content.decode()


def test_search_finds_word_beginnings_and_cvr_beginnings(client_for, world):
    f.CompanyFactory(name="Ikast Metal ApS", cvr="13585628")
    f.CompanyFactory(name="Brande Træ- og Metalindustri A/S")
    f.CompanyFactory(name="Them Savværk ApS")
    client = client_for(world.member)
    url = reverse("companies:list")

    def names(q):
        page = listed(client, url, q=q)
        return {
            name
            for name in ("Ikast Metal ApS", "Brande Træ- og Metalindustri A/S", "Them Savværk ApS")
            if name in page
        }

    assert names("Ikast") == {"Ikast Metal ApS"}
    assert names("ikast met") == {"Ikast Metal ApS"}
    assert names("metal") == {"Ikast Metal ApS", "Brande Træ- og Metalindustri A/S"}
    assert names("savv") == {"Them Savværk ApS"}  # Danish letters, any case
    assert names("etal") == set()  # a word's beginning, not any part of it
    assert names("1358") == {"Ikast Metal ApS"}
    assert names("DK 13 58") == {"Ikast Metal ApS"}
    assert names("9999") == set()


def test_the_search_index_follows_renames_and_new_companies(client_for, world):
    company = f.CompanyFactory(name="Gammelt Navn ApS")
    client = client_for(world.member)
    url = reverse("companies:list")
    assert "Gammelt Navn ApS" in listed(client, url, q="gammelt")
    company.name = "Nyt Navn ApS"
    company.save()
    f.CompanyFactory(name="Helt Ny ApS")
    assert "Nyt Navn ApS" not in listed(client, url, q="gammelt")
    assert "Nyt Navn ApS" in listed(client, url, q="nyt")
    assert "Helt Ny ApS" in listed(client, url, q="helt")


def test_the_api_searches_the_same_way(api_for, world):
    f.CompanyFactory(name="Ikast Metal ApS")
    f.CompanyFactory(name="Herning Plast A/S")
    results = api_for(world.member).get("/api/v1/companies/", {"q": "ikast"}).json()["results"]
    assert [c["name"] for c in results] == ["Ikast Metal ApS"]


def test_the_timeline_of_a_busy_company_is_shown_a_page_at_a_time(client_for, world):
    company = f.CompanyFactory(name="Travl ApS")
    today = timezone.localdate()
    contacts = [
        f.ContactFactory(company=company, date=today - datetime.timedelta(days=days))
        for days in range(55)
    ]
    newest, oldest = contacts[0].get_absolute_url(), contacts[-1].get_absolute_url()
    client = client_for(world.member)
    first = listed(client, company.get_absolute_url())
    assert f'href="{newest}"' in first and f'href="{oldest}"' not in first
    second = listed(client, company.get_absolute_url(), page=2)
    assert f'href="{oldest}"' in second and f'href="{newest}"' not in second


def test_the_api_pages_by_position_without_repeating_or_skipping(api_for, world):
    for number in range(60):
        f.CompanyFactory(name=f"Firma {number:02d} ApS")
    api = api_for(world.member)
    first = api.get("/api/v1/companies/").json()
    assert len(first["results"]) == 50 and first["next"]
    second = api.get(first["next"]).json()
    names = [c["name"] for c in first["results"] + second["results"]]
    assert names == sorted(names) and len(set(names)) == 60
    assert second["next"] is None


def test_the_coordination_overview_pages_through_many_companies(world, schools):
    day = Quarter.of(timezone.localdate()).start
    for number in range(52):
        company = f.CompanyFactory(name=f"Overrendt {number:02d} ApS")
        for organisation in (world.organisation_a, world.organisation_b, schools["school"]):
            f.ContactFactory(company=company, organisations=[organisation], date=day)
    overview = coordination_overview(Quarter.of(day))
    assert overview["over_budget_page"].paginator.count == 52
    assert len(overview["over_budget"]) == 50
    second = coordination_overview(Quarter.of(day), over_budget_page=2)
    assert [c.name for c in second["over_budget"]] == ["Overrendt 50 ApS", "Overrendt 51 ApS"]
    assert len(second["uncoordinated"]) == 50  # the other list stays on its first page
    past_the_end = coordination_overview(Quarter.of(day), over_budget_page=99)
    assert [c.name for c in past_the_end["over_budget"]] == [c.name for c in second["over_budget"]]
    third = coordination_overview(Quarter.of(day), uncoordinated_page=2)
    assert [(c.name, c.organisation_count) for c in third["uncoordinated"]] == [
        ("Overrendt 50 ApS", 3),
        ("Overrendt 51 ApS", 3),
    ]


def test_company_pages_and_api_lists_cost_the_same_queries_at_two_sizes(
    client_for, api_for, world, schools
):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    cluster = Cluster.objects.create(name="Metal", theme="Digitalisering", mother_company=company)
    cluster.companies.add(company)
    day = Quarter.of(timezone.localdate()).start
    created = []

    def grow():
        for number in range(6):
            other = f.CompanyFactory(name=f"Ikast Metal {len(created)} ApS")
            created.append(other)
            # Members added without audit entries: the page's history is bounded on its own
            # (samspil.core.audit.history_for), the member list is what grows here.
            Member.objects.create(cluster=cluster, company=other)
            group = Cluster.objects.create(name=other.name, theme="Digitalisering")
            Member.objects.bulk_create(
                [Member(cluster=group, company=other), Member(cluster=group, company=company)]
            )
            ContactPerson.objects.create(company=other, name="Hanne", consent_basis="consent")
            for organisation in (world.organisation_a, world.organisation_b, schools["school"]):
                f.ContactFactory(
                    company=other,
                    organisations=[organisation],
                    consultants=[world.member],
                    project=world.project_a if number % 2 else world.project_b,
                    date=day,
                )
            f.ContactFactory(company=company, project=world.project_b, date=day)

    grow()  # both sizes have rows on every list
    pages = client_for(world.member)
    for url in [
        reverse("companies:list") + "?q=ikast",
        reverse("companies:list") + "?not_contacted_since=2000-01-01",
        reverse("companies:cluster-detail", args=[cluster.pk]),
        reverse("companies:coordination"),
        reverse("programmes:project-coordination", args=[world.project_a.pk]),
    ]:
        assert_constant_queries(pages, url, grow)
    api = api_for(world.member)
    for url in [
        "/api/v1/companies/",
        "/api/v1/companies/?q=ikast",
        "/api/v1/contacts/",
        "/api/v1/contact-persons/",
        "/api/v1/clusters/",
    ]:
        assert_constant_queries(api, url, grow)
    assert Company.objects.count() > 30
