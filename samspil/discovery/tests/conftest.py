import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from samspil.companies.models import Cluster, ContactPerson
from samspil.discovery.models import Statement, Survey, Workshop
from samspil.testing import factories as f


@pytest.fixture
def cluster(world):
    """A cluster of three companies, each with a contact person who has an e-mail address."""
    group = Cluster.objects.create(name="Digital produktion", theme="Digitalisering")
    for name, person in (
        ("Herning Plast A/S", "lene"),
        ("Ikast Metal ApS", "kim"),
        ("Sunds Tekstil ApS", "ole"),
    ):
        company = f.CompanyFactory(name=name)
        ContactPerson.objects.create(
            company=company,
            name=person.title(),
            email=f"{person}@example.dk",
            consent_basis="legitimate_interest",
        )
        group.companies.add(company)
    return group


@pytest.fixture
def workshop(world, cluster):
    ws1 = Workshop.objects.create(
        project=world.project_a,
        cluster=cluster,
        kind="ws1",
        date=timezone.localdate(),
        theme="Digitalisering",
    )
    for i, text in enumerate(["Vi mangler robotteknikere", "Operatører skal bruge data"]):
        Statement.objects.create(workshop=ws1, text=text, theme="Automation", position=i)
    return ws1


@pytest.fixture
def survey(workshop):
    draft = Survey.objects.create(
        workshop=workshop,
        title="Kompetencebehov",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    draft.statements.set(workshop.statements.all())
    return draft


@pytest.fixture
def run_worker():
    """Work through the task queue as `samspil db_worker` does, then return."""

    def run():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    return run
