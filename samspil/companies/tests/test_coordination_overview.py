import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samspil.companies.coordination import Quarter, coordination_overview
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


def test_quarters():
    q = Quarter.of(datetime.date(2026, 11, 25))
    assert (q.year, q.number, q.start, q.end) == (
        2026,
        4,
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert str(q.next()) == "2027-Q1" and str(q.previous()) == "2026-Q3"
    assert Quarter.parse("2027-Q1").start == datetime.date(2027, 1, 1)
    assert Quarter.parse("nonsense") == Quarter.of(timezone.localdate())


def test_the_overview_names_companies_over_budget_and_those_without_joint_visits(
    world, schools, client_for
):
    quarter = Quarter.of(timezone.localdate())
    day = quarter.start
    busy = f.CompanyFactory(name="Overrendt ApS")
    for organisation in (world.organisation_a, world.organisation_b, schools["school"]):
        f.ContactFactory(company=busy, organisations=[organisation], date=day)
    coordinated = f.CompanyFactory(name="Koordineret ApS")
    for organisation in (world.organisation_a, world.organisation_b, schools["school"]):
        f.ContactFactory(
            company=coordinated, organisations=[organisation], date=day, kind="workshop"
        )
    f.ContactFactory(
        company=coordinated,
        kind="joint_visit",
        date=day,
        organisations=[world.organisation_a, schools["school"]],
    )
    calm = f.CompanyFactory(name="Rolig ApS")
    f.ContactFactory(company=calm, organisations=[world.organisation_a], date=day)
    f.ContactFactory(
        company=calm, organisations=[world.organisation_a], date=day - datetime.timedelta(days=1)
    )

    overview = coordination_overview(quarter)
    assert [(c.name, c.outreach) for c in overview["over_budget"]] == [("Overrendt ApS", 3)]
    assert [(c.name, c.organisation_count) for c in overview["uncoordinated"]] == [
        ("Overrendt ApS", 3)
    ]

    page = client_for(world.coordinator).get(reverse("companies:coordination")).content.decode()
    assert "Overrendt ApS" in page and "Koordineret ApS" not in page and "Rolig ApS" not in page
    earlier = client_for(world.coordinator).get(
        reverse("companies:coordination"), {"quarter": str(quarter.previous())}
    )
    assert "Overrendt ApS" not in earlier.content.decode()
