"""The company list's cluster filter is a search with suggestions from the server, not a select
of every cluster: the page costs the same with 3 clusters or 300."""

import pytest

from samspil.companies.models import Cluster
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def make_clusters(n, start=0):
    return [Cluster.objects.create(name=f"Klynge {i:03d} Herning") for i in range(start, start + n)]


def test_the_list_renders_no_cluster_choices_and_costs_the_same(world, client_for):
    client = client_for(world.member)
    make_clusters(3)
    assert_constant_queries(client, "/virksomheder/", lambda: make_clusters(300, start=3))
    page = client.get("/virksomheder/").content.decode()
    assert "Klynge 250" not in page
    assert (
        'list="id_cluster-suggestions"' in page and '<datalist id="id_cluster-suggestions">' in page
    )


def test_a_cluster_by_id_or_by_the_beginning_of_its_name(world, client_for):
    client = client_for(world.member)
    inside, outside = f.CompanyFactory(name="Med i klyngen"), f.CompanyFactory(name="Udenfor")
    cluster = Cluster.objects.create(name="Digital produktion Herning")
    cluster.companies.add(inside)
    by_id = client.get(f"/virksomheder/?cluster={cluster.pk}").content.decode()
    assert "Med i klyngen" in by_id and "Udenfor" not in by_id
    assert 'value="Digital produktion Herning"' in by_id  # the id shows as the name
    by_name = client.get("/virksomheder/?cluster=digital").content.decode()
    assert "Med i klyngen" in by_name and "Udenfor" not in by_name
    assert outside.pk


def test_the_suggestions_are_the_first_names_that_begin_so(world, client_for):
    client = client_for(world.member)
    make_clusters(30)
    Cluster.objects.create(name="Grønt byggeri Horsens")
    found = client.get("/virksomheder/klynger/forslag/?cluster=gr").content.decode()
    assert found == '<option value="Grønt byggeri Horsens"></option>\n'
    many = client.get("/virksomheder/klynger/forslag/?cluster=klynge").content.decode()
    assert many.count("<option") == 20 and "Klynge 000 Herning" in many


@pytest.mark.parametrize("typed", ["²", "9" * 25])
def test_a_cluster_typed_as_odd_digits_finds_nothing_and_never_fails(world, client_for, typed):
    # "²" is a digit to str.isdigit() but not to int(); the page answered 500 on it.
    client = client_for(world.member)
    f.CompanyFactory(name="Udenfor")
    response = client.get("/virksomheder/", {"cluster": typed})
    assert response.status_code == 200
    assert "Udenfor" not in response.content.decode()
    assert client_for(world.member).get("/api/v1/companies/", {"cluster": typed}).status_code in (
        200,
        400,
    )
