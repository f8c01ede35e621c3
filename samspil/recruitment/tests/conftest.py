import datetime
import itertools

import pytest

from samspil.participants.identifiers import parse_cpr
from samspil.recruitment import services
from samspil.recruitment.models import Candidate
from samspil.testing import factories as f

SERIALS = itertools.count(1000)


@pytest.fixture
def jobcentre(world):
    """Jobcenter Herning, where ``world.member`` also works; and a company for the openings."""
    from samspil.organisations.models import OrganisationKind, System

    centre = f.OrganisationFactory(
        name="Jobcenter Herning", kind=OrganisationKind.EMPLOYMENT, system=System.EMPLOYMENT
    )
    world.company = f.CompanyFactory(name="Ikast Metal ApS")
    return centre


def make_candidate(world, jobcentre, *, consent=True, name=None, **fields) -> Candidate:
    serial = next(SERIALS)
    values = {
        "jobcentre": jobcentre,
        "project": world.project_a,
        "consent_given_on": datetime.date(2024, 1, 1) if consent else None,
        "unemployed_since": datetime.date(2024, 1, 1),
        "available_from": datetime.date(2024, 1, 1),
        **fields,
    }
    return services.refer_candidate(
        actor=world.operator,
        candidate=Candidate(**values),
        identifier=parse_cpr(f"0101{serial % 90 + 10:02d}-{serial}"),
        person={"name": name or f"Kandidat {serial}", "gender": "male"},
    )
