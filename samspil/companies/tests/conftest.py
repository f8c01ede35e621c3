import pytest

from samspil.organisations.models import OrganisationKind, System
from samspil.testing import factories as f


@pytest.fixture
def schools(world):
    """An education and a business-promotion organisation beside the world's jobcentres."""
    return {
        "school": f.OrganisationFactory(
            name="Teknisk Skole Silkeborg", kind=OrganisationKind.EDUCATION, system=System.EDUCATION
        ),
        "business": f.OrganisationFactory(
            name="Erhverv Silkeborg",
            kind=OrganisationKind.BUSINESS_PROMOTION,
            system=System.BUSINESS,
        ),
    }
