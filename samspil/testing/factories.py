"""factory_boy factories for tests: each makes a valid record with the least said."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from samspil.companies.models import SizeBand
from samspil.core.models import Municipality
from samspil.organisations.models import (
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    Role,
    System,
)
from samspil.partnerships.models import Partnership, PartnershipMembership
from samspil.programmes.models import Project, ProjectMembership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.dk")
    password = factory.django.Password("secret-pass-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    kind = OrganisationKind.EMPLOYMENT
    system = System.EMPLOYMENT
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code=740))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"projekt-{n}")
    name = factory.Sequence(lambda n: f"Projekt {n}")
    operator = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.OPERATOR, system=System.EDUCATION
    )


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    code = factory.Sequence(lambda n: f"lks-{n}")
    name = factory.Sequence(lambda n: f"LKS {n}")


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CONSULTANT


class PartnershipMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMembership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.CONSULTANT


class ProjectMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMembership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = Role.CONSULTANT


def valid_cvr(n: int) -> str:
    from samspil.demo.companies import cvr_with_check_digit

    base = 2000000 + n * 7
    while (cvr := cvr_with_check_digit(base)) is None:
        base += 1
    return cvr


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.Company"

    cvr = factory.Sequence(valid_cvr)
    name = factory.Sequence(lambda n: f"Virksomhed {n} ApS")
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code=740))
    employees = 25
    size_band = factory.LazyAttribute(lambda o: SizeBand.for_employees(o.employees) or "")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.Contact"
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    kind = "visit"
    status = "done"
    date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted or [OrganisationFactory()])

    @factory.post_generation
    def consultants(self, create, extracted, **kwargs):
        if create and extracted:
            self.consultants.set(extracted)
