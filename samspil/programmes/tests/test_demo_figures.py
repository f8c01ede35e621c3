"""One definition per figure, on the demo: SMUK's dashboard, progress page, status report
(XLSX) and ESF report show the same SMEs supported, participants and workshops, and the demo
holds the seed's figures and dates for SMUK (docs/demo.md)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from samspil.discovery.models import Workshop
from samspil.participants.indicators import compute
from samspil.programmes import budget, dashboard, progress
from samspil.programmes.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def smuk():
    call_command("demo", verbosity=0)
    return Project.objects.get(code="smuk")


def test_smuk_holds_the_seeds_period_targets_and_budget(smuk):
    assert (smuk.start_date, smuk.end_date) == (
        datetime.date(2020, 6, 18),
        datetime.date(2022, 12, 31),
    )
    targets = {t.indicator: int(t.value) for t in smuk.targets.all()}
    assert targets == {
        "smes_supported": 30,
        "participants": 1400,
        "targeted_lifts": 140,
        "jobs_filled": 60,
        "workshops": 8,
    }
    table = budget.summary(smuk)
    assert table["budget_total"]["total"] == 6_956_147 == table["financing_total"]["total"]
    assert table["problems"] == []
    assert smuk.eu_support == Decimal(3_472_012)
    days = list(Workshop.objects.filter(project=smuk).values_list("date", flat=True))
    assert len(days) == 8 and all(smuk.start_date <= day <= smuk.end_date for day in days)


def test_every_page_shows_smuks_figures_alike(smuk, client):
    today = datetime.date.today()
    entry = dashboard.project_dashboard(smuk, today)
    shown = {row.target.indicator: row.actual for row in entry["rows"]}
    report = compute(smuk, smuk.end_date)
    actuals = progress.actuals([smuk], smuk.end_date)
    # The dashboard, progress and the ESF report agree.
    assert shown["smes_supported"] == report["indicators"]["CO23"]["total"] > 20
    assert shown["smes_supported"] == actuals["smes_supported"][smuk.pk]
    assert shown["participants"] == report["participants_total"] == 7
    assert shown["workshops"] == 8 and shown["targeted_lifts"] == 5
    # The pages and the XLSX for the fund show those figures.
    client.force_login(get_user_model().objects.get(username="operator"))
    page = client.get(f"/projekter/{smuk.pk}/fremdrift/").content.decode()
    assert str(progress.label("smes_supported")) in page
    response = client.get(f"/projekter/{smuk.pk}/fremdrift/statusrapport/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                    if response.streaming else response.content))  # fmt: skip
    sheet = book.worksheets[1]
    in_sheet = {}
    for row in sheet.iter_rows(values_only=True):
        for code in shown:
            if row and row[0] == str(progress.label(code)):
                in_sheet[code] = row[3 + len(entry["dates"]) - 1]  # the last report date
    assert in_sheet == {code: value for code, value in shown.items()}
    esf = client.get(f"/projekter/{smuk.pk}/esf/?until={smuk.end_date.isoformat()}")
    assert esf.status_code == 200


def test_an_lks_page_names_the_projects_it_works_under(smuk, client):
    from samspil.partnerships.models import Partnership

    lks = Partnership.objects.get(code="lks-silkeborg")
    client.force_login(get_user_model().objects.get(username="koordinator1"))
    page = client.get(f"/partnerskaber/{lks.pk}/").content.decode()
    assert lks.projects.count() == 4
    for project in lks.projects.all():
        assert project.name in page
    assert "Ingen, som du er med i teamet på" not in page
