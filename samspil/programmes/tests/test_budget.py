"""Budget and financing: the Vækstforum proposal's table adds up; financing that does not,
amounts below zero, years outside the project and a wrong EU share are refused whole."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samspil.programmes import budget
from samspil.programmes.models import BudgetLine, Financing, Programme, Spend

pytestmark = pytest.mark.django_db

T = 1000  # the table is in 1.000 kr.
LINES = {
    "Styrkelse af virksomhedernes kompetenceforsyning": {
        2017: 2500 * T,
        2018: 2500 * T,
        2019: 2500 * T,
    },
    "Tiltrækning og fastholdelse af talenter": {2017: 1000 * T, 2018: 1000 * T, 2019: 1000 * T},
    "Efter- og videreuddannelse": {2017: 10000 * T, 2018: 10000 * T, 2019: 10000 * T},
    "Udvikling af partnerskabet": {2017: 1500 * T, 2018: 1500 * T, 2019: 1500 * T},
}
FINANCING = {
    "eu_fund": {2017: 7500 * T, 2018: 7500 * T, 2019: 7500 * T},
    "region": {2017: 3000 * T, 2018: 3000 * T, 2019: 3000 * T},
    "other_public": {2017: 4500 * T, 2018: 4500 * T, 2019: 4500 * T},
}


@pytest.fixture
def project(world):
    project = world.project_a
    project.start_date = datetime.date(2017, 1, 1)
    project.end_date = datetime.date(2019, 12, 31)
    project.co_financing_rate = Decimal("50")
    project.save()
    return project


def test_the_vaekstforum_table_adds_up_by_line_year_and_source(world, project):
    budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=FINANCING)
    table = budget.summary(project)
    assert table["years"] == [2017, 2018, 2019]
    assert table["budget_total"]["values"] == [15000 * T] * 3
    assert table["budget_total"]["total"] == 45000 * T
    assert table["financing_total"]["total"] == 45000 * T
    by_line = {row["label"]: row["total"] for row in table["lines"]}
    assert by_line["Efter- og videreuddannelse"] == 30000 * T
    by_source = {str(row["label"]): row["total"] for row in table["financing"]}
    assert by_source == {
        "EU-fond (Socialfonden)": 22500 * T,
        "Region": 9000 * T,
        "Anden offentlig": 13500 * T,
    }
    assert table["problems"] == []


def test_financing_that_does_not_add_up_is_refused_and_nothing_saved(world, project):
    short = {**FINANCING, "region": {2017: 3000 * T, 2018: 2000 * T, 2019: 3000 * T}}
    with pytest.raises(ValidationError) as refused:
        budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=short)
    messages = refused.value.message_dict["financing"]
    assert any(
        m.startswith("2018: budgettet er 15.000.000, men finansieringen 14.000.000")
        for m in messages
    )
    assert not BudgetLine.objects.exists() and not Financing.objects.exists()


def test_negative_amounts_years_outside_and_a_wrong_eu_share_are_named(world, project):
    lines = {**LINES, "Udvikling af partnerskabet": {2016: 1500 * T, 2018: -5}}
    with pytest.raises(ValidationError) as refused:
        budget.save_budget(actor=world.operator, project=project, lines=lines, financing=FINANCING)
    errors = refused.value.message_dict["lines"]
    assert "Udvikling af partnerskabet 2016: 2016 ligger uden for projektperioden." in errors
    assert "Udvikling af partnerskabet 2018: beløbet er negativt." in errors
    project.co_financing_rate = Decimal("60")
    with pytest.raises(ValidationError) as refused:
        budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=FINANCING)
    assert (
        "EU-fonden finansierer 50,0 % af budgettet, men medfinansieringssatsen er 60,0 %."
        in refused.value.message_dict["financing"]
    )


def test_only_the_projects_operators_change_the_budget_and_spend_shows_against_it(world, project):
    with pytest.raises(PermissionDenied):
        budget.save_budget(actor=world.member, project=project, lines=LINES, financing=FINANCING)
    budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=FINANCING)
    line = BudgetLine.objects.get(name="Udvikling af partnerskabet")
    Spend.objects.create(
        line=line,
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 6, 30),
        amount=600 * T,
    )
    row = next(r for r in budget.summary(project)["lines"] if r["label"] == line.name)
    assert (row["spent"], row["left"]) == (600 * T, 3900 * T)
    bad = Spend(
        line=line,
        period_start=datetime.date(2019, 7, 1),
        period_end=datetime.date(2020, 1, 31),
        amount=1,
    )
    with pytest.raises(ValidationError) as refused:
        bad.full_clean()
    assert "period_end" in refused.value.message_dict


def test_the_budget_page_shows_totals_and_what_does_not_add_up(client_for, world, project):
    from django.urls import reverse

    from samspil.testing.queries import assert_constant_queries

    url = reverse("programmes:budget", args=[project.pk])
    budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=FINANCING)
    page = client_for(world.operator).get(url).content.decode()
    assert "45.000.000" in page and "Anden offentlig" in page
    assert "Budgettet hænger ikke sammen" not in page
    Financing.objects.filter(source="region", year=2018).update(amount=2000 * T)
    page = client_for(world.operator).get(url).content.decode()
    assert "Budgettet hænger ikke sammen" in page
    assert "2018: budgettet er 15.000.000, men finansieringen 14.000.000." in page
    assert client_for(world.other_member).get(url).status_code == 404
    # The rest of the team reads targets and progress, not the money (docs/scoping.md).
    assert client_for(world.member).get(url).status_code == 403

    def grow():
        line = BudgetLine.objects.create(project=project, name="Evaluering", position=9)
        line.amounts.create(year=2019, amount=10)
        Spend.objects.create(
            line=line,
            period_start=datetime.date(2019, 1, 1),
            period_end=datetime.date(2019, 3, 31),
            amount=5,
        )

    assert_constant_queries(client_for(world.operator), url, grow)


def test_the_budget_api_replaces_the_budget_whole_or_says_why_not(api_for, world, project):
    url = f"/api/v1/projects/{project.pk}/budget/"
    body = {"lines": LINES, "financing": FINANCING}
    assert api_for(world.member).put(url, body, format="json").status_code == 403
    short = {"lines": LINES, "financing": {**FINANCING, "private": {"2017": "-1"}}}
    refused = api_for(world.operator).put(url, short, format="json")
    assert refused.status_code == 400
    assert "Privat 2017: beløbet er negativt." in refused.json()["financing"]
    assert not BudgetLine.objects.exists()
    saved = api_for(world.operator).put(url, body, format="json").json()
    assert saved["financing"]["eu_fund"]["2019"] == "7500000.00" and saved["problems"] == []
    assert api_for(world.other_member).get(url).status_code == 404


def test_operators_type_the_budget_on_its_page_and_it_is_saved_only_when_it_adds_up(
    world, client_for
):
    project = world.project_a
    project.start_date, project.end_date = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)
    project.co_financing_rate = 50
    project.save()
    url = reverse("programmes:budget-edit", args=[project.pk])
    typed = {
        "line-count": "2",
        "line-0-name": "Konsulenter",
        "line-0-2025": "1.000.000",
        "line-0-2026": "1000000",
        "line-1-name": "",
        "financing-eu_fund-2025": "500000",
        "financing-region-2025": "400.000",
        "financing-eu_fund-2026": "500000",
        "financing-region-2026": "500000",
    }
    page = client_for(world.operator).post(url, typed).content.decode()
    assert "2025: budgettet er 1.000.000, men finansieringen 900.000." in page
    assert 'value="400.000"' in page  # what was typed stays
    assert not project.budget_lines.exists()
    typed["financing-region-2025"] = "500.000"
    response = client_for(world.operator).post(url, typed)
    assert response.status_code == 302
    summary = budget.summary(project)
    assert summary["budget_total"]["total"] == 2_000_000 and not summary["problems"]
    assert client_for(world.member).get(url).status_code == 403
    assert client_for(world.other_member).get(url).status_code == 404


def test_the_team_sees_targets_and_progress_but_not_the_money(client_for, world, project):
    # Budgets, financing and spend are the project's operators' (docs/scoping.md); the
    # dashboards, the status report and the API leave them out for the rest of the team.
    import io

    from openpyxl import load_workbook

    budget.save_budget(actor=world.operator, project=project, lines=LINES, financing=FINANCING)

    def member():  # one test client: each call signs it in again as that user
        return client_for(world.member)

    def operator():
        return client_for(world.operator)

    progress = reverse("programmes:progress", args=[project.pk])
    assert "Budget mod forbrug" in operator().get(progress).content.decode()
    assert "Budget mod forbrug" not in member().get(progress).content.decode()
    project.programme = Programme.objects.create(code="kfm", name="KOMPETENCEFORSYNINGmidt")
    project.save()
    programme = reverse("programmes:programme-detail", args=[project.programme.pk])
    assert "45.000.000" in operator().get(programme).content.decode()
    page = member().get(programme).content.decode()
    assert "45.000.000" not in page and "Kun for projektets operatører" in page
    report = reverse("programmes:project-status-report", args=[project.pk])
    for client, shown in ((operator, True), (member, False)):
        book = load_workbook(io.BytesIO(client().get(report).content), read_only=True)
        cells = {c for ws in book for row in ws.iter_rows(values_only=True) for c in row}
        assert (45_000_000 in cells) is shown
    api = client_for(world.member).get(f"/api/v1/projects/{project.pk}/progress/").json()
    assert api["budget_total"] is None and api["problems"] == []
