"""The catalogue at a region's size: its pages and API lists cost the same queries whatever the
number of offerings and providers, and the course matching reads only the areas and skills an
offering has in common with the need."""

import itertools

import pytest
from django.urls import reverse

from samspil.catalogue import matching
from samspil.catalogue.models import CompetenceArea, EscoSkill, Offering, Provider
from samspil.testing.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db
SERIALS = itertools.count(1)


def add_offerings(n: int, *, area=None, skill=None) -> list:
    made = []
    for _n in range(n):
        serial = next(SERIALS)
        provider = Provider.objects.create(name=f"Skole {serial}")
        offering = Offering.objects.create(
            code=f"K{serial}", title=f"Svejsning {serial}", kind="amu", provider=provider
        )
        if area:
            offering.competence_areas.add(area)
        if skill:
            offering.esco_skills.add(skill)
        made.append(offering)
    return made


def test_the_catalogue_pages_and_api_lists_cost_the_same_queries_at_two_sizes(
    client_for, api_for, world
):
    area = CompetenceArea.objects.create(name="Svejsning")
    offering = add_offerings(1, area=area)[0]

    def grow():
        add_offerings(3, area=area)
        CompetenceArea.objects.create(name=f"Område {next(SERIALS)}")

    grow()
    client = client_for(world.member)
    for url in [
        reverse("catalogue:offering-list"),
        reverse("catalogue:offering-list") + "?q=svejsning",
        reverse("catalogue:area-list"),
        reverse("catalogue:offering-detail", args=[offering.pk]),
    ]:
        assert_constant_queries(client, url, grow)
    api = api_for(world.member)
    for name in ("competence-areas", "providers", "offerings"):
        assert_constant_queries(api, f"/api/v1/{name}/", grow)


def test_a_match_names_only_the_areas_and_skills_in_common(world):
    welding, robots, other = (
        CompetenceArea.objects.create(name=name) for name in ("Svejsning", "Robotter", "Andet")
    )
    skill = EscoSkill.objects.create(uri="http://esco/weld", label_da="svejse metal")
    offering = add_offerings(1, area=welding, skill=skill)[0]
    offering.competence_areas.add(robots, other)
    found = matching.rank("svejsning", areas=[robots, welding], esco_skills=[skill], top=1)
    reasons = " ".join(found[0].reasons)
    assert "Robotter, Svejsning" in reasons and "Andet" not in reasons
    assert "svejse metal" in reasons


def test_the_match_page_and_api_cost_the_same_queries_at_two_sizes(client_for, api_for, world):
    """With the index current, a search reads the catalogue's version and the offerings shown."""
    area = CompetenceArea.objects.create(name="Svejsning")
    add_offerings(3, area=area)
    client, api = client_for(world.member), api_for(world.member)
    page = reverse("catalogue:match") + "?need=svejsning"
    endpoint = "/api/v1/match/?need=svejsning&top=20"
    matching.current_index()
    small = [count_queries(client, page), count_queries(api, endpoint)]
    add_offerings(30, area=area)
    matching.current_index()  # built once per change, as the first search after it does
    assert [count_queries(client, page), count_queries(api, endpoint)] == small
