import pytest

from samspil.core.models import Municipality, Region

pytestmark = pytest.mark.django_db


def test_denmarks_98_municipalities_in_5_regions_are_there():
    assert Region.objects.count() == 5
    assert Municipality.objects.count() == 98
    counts = {r.name: r.municipalities.count() for r in Region.objects.all()}
    assert counts == {
        "Region Hovedstaden": 29,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
    }


@pytest.mark.parametrize(
    "code, name, region",
    [
        (101, "København", 1084),
        (751, "Aarhus", 1082),
        (851, "Aalborg", 1081),
        (461, "Odense", 1083),
        (265, "Roskilde", 1085),
        (400, "Bornholm", 1084),
    ],
)
def test_official_codes(code, name, region):
    municipality = Municipality.objects.select_related("region").get(code=code)
    assert municipality.name == name
    assert municipality.region.code == region
