import pytest

from samspil.organisations.models import OrganisationKind, System
from samspil.programmes.models import Tool
from samspil.testing import factories as f


@pytest.fixture
def lks(world):
    """Partnership A's working material: a school member, a company, tools in project A."""
    school = f.OrganisationFactory(
        name="Teknisk Skole Silkeborg", kind=OrganisationKind.EDUCATION, system=System.EDUCATION
    )
    world.partnership_a.organisations.add(school)
    return {
        "company": f.CompanyFactory(name="Ikast Metal ApS"),
        "rkv": Tool.objects.create(project=world.project_a, name="RKV"),
        "rotation": Tool.objects.create(project=world.project_a, name="Jobrotation"),
        "foreign_tool": Tool.objects.create(project=world.project_b, name="HR-chef til leje"),
        "school": school,
    }
