"""Plans at a region's size: the API list costs the same queries whatever the number of plans
and needs."""

import itertools

import pytest

from samspil.catalogue.models import CompetenceArea
from samspil.plans import services
from samspil.plans.models import PlanNeed
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_the_plans_api_list_costs_the_same_queries_at_two_sizes(api_for, world):
    areas = itertools.cycle(CompetenceArea.objects.all()[:5])

    def grow():
        for _n in range(3):
            plan = services.draft_for(
                actor=world.member, company=f.CompanyFactory(), project=world.project_a
            )
            PlanNeed.objects.create(plan=plan, area=next(areas), description="Svejsning")

    grow()
    assert_constant_queries(api_for(world.member), "/api/v1/plans/", grow)
