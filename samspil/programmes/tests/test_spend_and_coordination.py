"""Spend recorded by hand or imported from the accounts (all or nothing), and the companies
several projects work with, for the advisory board."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samspil.programmes import budget, progress
from samspil.programmes.models import Programme, Spend
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    project = world.project_a
    project.start_date, project.end_date = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)
    project.save()
    budget.save_budget(
        actor=world.operator,
        project=project,
        lines={"Konsulenter": {2025: 1000, 2026: 1000}, "Uddannelse": {2025: 500}},
        financing={"region": {2025: 1500, 2026: 1000}},
    )
    return project


def test_operators_record_spend_and_bad_spend_is_refused_naming_the_field(
    project, world, client_for
):
    url = reverse("programmes:spend", args=[project.pk])
    line = project.budget_lines.get(name="Konsulenter")
    operator = client_for(world.operator)
    refused = operator.post(
        url,
        {
            "line": line.pk,
            "period_start": "2024-07-01",
            "period_end": "2024-12-31",
            "amount": "-5",
        },
    )
    page = refused.content.decode()
    assert "Perioden begynder før projektet." in page
    assert "større end eller lig 0" in page
    assert not Spend.objects.exists()
    operator.post(
        url,
        {
            "line": line.pk,
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "amount": "400",
        },
    )
    assert budget.summary(project)["spent_total"] == Decimal(400)
    assert client_for(world.member).get(url).status_code == 403  # consultants do not book spend
    assert client_for(world.other_member).get(url).status_code == 404


def test_spend_imports_all_or_nothing_with_the_row_named(project, world, client_for):
    url = reverse("programmes:spend", args=[project.pk])
    bad = (
        "line;from;to;amount;note\n"
        "Konsulenter;2025-01-01;2025-06-30;1.234,50;H1\n"
        "Rejser;2025-01-01;2025-06-30;100;\n"
        "Uddannelse;2025-07-01;2027-01-31;100;\n"
    )
    page = (
        client_for(world.operator)
        .post(url, {"file": SimpleUploadedFile("spend.csv", bad.encode())})
        .content.decode()
    )
    assert "Række 3" in page and "Projektet har ingen budgetlinje “Rejser”." in page
    assert "Række 4" in page and "Perioden slutter efter projektet." in page
    assert not Spend.objects.exists()
    good = "line;from;to;amount\nKonsulenter;2025-01-01;2025-06-30;1.234,50\n"
    client_for(world.operator).post(url, {"file": SimpleUploadedFile("spend.csv", good.encode())})
    assert Spend.objects.get().amount == Decimal("1234.50")


def test_the_companies_several_projects_work_with_keep_each_projects_results_its_own(
    world, client_for
):
    a, b = world.project_a, world.project_b
    programme = Programme.objects.create(code="kfmidt", name="KOMPETENCEFORSYNINGmidt")
    a.programme = b.programme = programme
    a.save()
    b.save()
    shared = f.CompanyFactory(name="Ikast Metal ApS")
    alone = f.CompanyFactory(name="Kun A ApS")
    day = datetime.date(2025, 3, 1)
    f.ContactFactory(company=shared, project=a, date=day)
    f.ContactFactory(company=shared, project=a, date=day, status="planned")
    f.ContactFactory(company=shared, project=b, date=day, purpose="Hemmeligt formål B")
    f.ContactFactory(company=alone, project=a, date=day)
    figures = progress.actuals([a, b], datetime.date(2025, 12, 31), ["companies_supported"])
    assert figures["companies_supported"] == {a.pk: 2, b.pk: 1}  # counted in both
    f.ProjectMembershipFactory(user=world.operator, project=b)
    url = reverse("programmes:programme-coordination", args=[programme.pk])
    page = client_for(world.operator).get(url).content.decode()
    assert "Ikast Metal ApS" in page and "Kun A ApS" not in page
    assert "Projekt A" in page and "Projekt B" in page
    # The member of A sees that B works with the company, not what B's contact was about.
    project_page = client_for(world.member).get(
        reverse("programmes:project-coordination", args=[a.pk])
    )
    text = project_page.content.decode()
    assert "Ikast Metal ApS" in text and "Projekt B" in text
    assert "Hemmeligt formål B" not in text

    def grow():
        for _n in range(3):
            company = f.CompanyFactory()
            f.ContactFactory(company=company, project=a, date=day)
            f.ContactFactory(company=company, project=f.ProjectFactory(), date=day)

    assert_constant_queries(client_for(world.operator), url, grow)
