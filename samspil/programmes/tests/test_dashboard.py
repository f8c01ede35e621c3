"""The dashboards the operator steers by: report dates, forecast and warnings, the programme
page at two data sizes, scoping, the status report as XLSX and the records behind a figure."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import AccessLog, Enrolment, Participant
from samspil.programmes import budget, dashboard
from samspil.programmes.models import Programme, Target
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = datetime.timedelta(days=365)


def enrol(project, cpr, status="employed", entry=None):
    participant = Participant(gender="female", name=f"Deltager {cpr}")
    participant.set_identifier(parse_cpr(cpr))
    participant.save()
    return Enrolment.objects.create(
        participant=participant,
        project=project,
        entry_date=entry or TODAY - datetime.timedelta(days=10),
        employment_status=status,
    )


@pytest.fixture
def programme(world):
    """Project A and B in one programme, running from a year ago to a year from now."""
    programme = Programme.objects.create(code="kfmidt", name="KOMPETENCEFORSYNINGmidt")
    for project in (world.project_a, world.project_b):
        project.programme = programme
        project.start_date, project.end_date = TODAY - YEAR, TODAY + YEAR
        project.co_financing_rate = Decimal(50)
        project.save()
    a = world.project_a
    years = range(a.start_date.year, a.end_date.year + 1)
    budget.save_budget(
        actor=world.operator,
        project=a,
        lines={"Konsulenter": dict.fromkeys(years, 1000)},
        financing={"eu_fund": dict.fromkeys(years, 500), "region": dict.fromkeys(years, 500)},
    )
    return programme


def adds_up(page: str, project: str) -> str:
    """What the programme page's budget table says in a project's "Går op" column."""
    row = re.search(rf">{re.escape(project)}</a></th>(.*?)</tr>", page, re.S).group(1)
    return re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", row, re.S)[-1]).strip()


def test_report_dates_are_the_ends_of_february_and_august_up_to_today():
    dates = dashboard.report_dates(
        datetime.date(2023, 9, 1), datetime.date(2025, 6, 30), datetime.date(2024, 9, 10)
    )
    assert dates == [
        datetime.date(2024, 2, 29),
        datetime.date(2024, 8, 31),
        datetime.date(2024, 9, 10),
    ]
    ended = dashboard.report_dates(
        datetime.date(2023, 9, 1), datetime.date(2024, 6, 30), datetime.date(2026, 1, 1)
    )
    assert ended[-1] == datetime.date(2024, 6, 30)  # a project ends at its end date


def test_forecast_goes_on_at_the_pace_so_far_and_warns_before_a_target_is_missed():
    start, today, due = (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 4, 11),
        datetime.date(2025, 10, 18),
    )
    # 100 days in, 100 done: 1 a day, 190 more days -> 290 by the due date.
    assert dashboard.forecast(100, start, today, due, share=False) == 290.0
    assert dashboard.forecast(42.5, start, today, due, share=True) == 42.5
    assert dashboard.forecast(0, start, start, due, share=False) is None
    target = Target(value=Decimal(290), due_on=due)
    assert dashboard.status(target, 100, 290.0, today) == "on_track"
    assert dashboard.status(target, 100, 289.0, today) == "at_risk"
    assert dashboard.status(target, 290, 290.0, today) == "reached"
    assert dashboard.status(target, 100, 100, due) == "at_risk"  # the day itself still counts
    assert dashboard.status(target, 100, 100, due + datetime.timedelta(days=1)) == "missed"
    assert dashboard.forecast(0, start, today, due, share=True) is None  # no participants yet


def test_the_programme_page_shows_live_actuals_budget_and_shared_companies(
    programme, world, client_for
):
    a, b = world.project_a, world.project_b
    Target.objects.create(project=a, indicator="companies_supported", value=4, due_on=a.end_date)
    Target.objects.create(project=b, indicator="participants", value=2, due_on=b.end_date)
    shared = f.CompanyFactory(name="Ikast Metal ApS")
    f.ContactFactory(company=shared, project=a, date=TODAY - datetime.timedelta(days=5))
    f.ContactFactory(company=shared, project=b, date=TODAY - datetime.timedelta(days=3))
    enrol(b, "010190-1234")
    url = reverse("programmes:programme-detail", args=[programme.pk])
    page = client_for(world.operator).get(url).content.decode()
    # The operator of A sees A's target with its live actual (1 of 4 companies) ...
    assert "Støttede virksomheder" in page and "25 %" in page
    # ... and at the current pace (1 in a year, 1 more in the next) warns it will be missed.
    assert "Støttede virksomheder: i det nuværende tempo 2 af 4" in page
    # ... but not project B, which the operator is not on the team of.
    assert "Projekt B" not in page and "Deltagere" not in page
    assert adds_up(page, "Projekt A") == "Ja"
    # The company both projects work with, each keeping its own count.
    both = world.operator
    f.ProjectMembershipFactory(user=both, project=b)
    page = client_for(both).get(url).content.decode()
    assert "Ikast Metal ApS" in page and "Projekt B" in page
    assert "Deltagere" in page  # B's target: 1 participant of 2
    assert client_for(world.outsider).get(url).status_code == 404


def test_the_programme_page_costs_the_same_queries_at_two_sizes(programme, world, client_for):
    f.ProjectMembershipFactory(user=world.operator, project=world.project_b, role="operator")
    for project in (world.project_a, world.project_b):
        for code in ("companies_supported", "participants", "women_share", "CO01"):
            Target.objects.create(
                project=project, indicator=code, value=10, due_on=project.end_date
            )
    url = reverse("programmes:programme-detail", args=[programme.pk])

    def grow():
        for n in range(3):
            project = f.ProjectFactory(
                programme=programme, start_date=TODAY - YEAR, end_date=TODAY + YEAR
            )
            f.ProjectMembershipFactory(user=world.operator, project=project, role="operator")
            Target.objects.create(
                project=project, indicator="participants", value=5, due_on=project.end_date
            )
            enrol(project, f"01019{n}-12{n}4", status="unemployed")
            f.ContactFactory(project=project, date=TODAY)
            f.ContactFactory(project=world.project_a, date=TODAY)

    assert_constant_queries(client_for(world.operator), url, grow)


def test_the_status_report_is_an_xlsx_with_the_dashboard_figures(programme, world, client_for):
    a = world.project_a
    Target.objects.create(project=a, indicator="participants", value=4, due_on=a.end_date)
    enrol(a, "010190-1234")
    enrol(a, "010185-1233")
    response = client_for(world.operator).get(
        reverse("programmes:programme-status-report", args=[programme.pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Oversigt", "Projekt A"]  # B is not the operator's to see
    overview = [row for row in book["Oversigt"].iter_rows(values_only=True)]
    project_row = next(row for row in overview if row[0] == "Projekt A")
    assert project_row[2] == 3000.0 and project_row[3] == 3000.0  # budget and financing
    sheet = [row for row in book["Projekt A"].iter_rows(values_only=True)]
    target_row = next(row for row in sheet if row[0] == "Deltagere")
    assert target_row[1] == 4 and target_row[-4] == 2  # the target and today's actual
    assert target_row[-3] == 50  # reached (%)


def test_the_records_behind_a_figure_are_listed_as_far_as_the_user_may_read_and_logged(
    programme, world, client_for
):
    a = world.project_a
    enrolment = enrol(a, "010190-1234")
    url = reverse("programmes:progress-records", args=[a.pk, "participants"])
    page = client_for(world.member).get(url).content.decode()
    assert "Deltager 010190-1234" in page
    assert reverse("participants:participant-detail", args=[enrolment.participant_id]) in page
    assert AccessLog.objects.filter(
        user=world.member, participant=enrolment.participant, action=AccessLog.Action.VIEW
    ).exists()
    assert client_for(world.other_member).get(url).status_code == 404
    unknown = reverse("programmes:progress-records", args=[a.pk, "happiness"])
    assert client_for(world.member).get(unknown).status_code == 404
    esf = reverse("programmes:progress-records", args=[a.pk, "CO01"])
    assert client_for(world.member).get(esf)["Location"] == reverse(
        "participants:esf-report", args=[a.pk]
    )


def test_targets_on_esf_indicator_codes_follow_the_start_forms(programme, world, client_for):
    a = world.project_a
    Target.objects.create(project=a, indicator="CO01", value=2, due_on=a.end_date)
    unemployed = enrol(a, "010190-1234", status="unemployed")
    unemployed.participant.birth_date = datetime.date(1990, 1, 1)
    unemployed.participant.save()
    unemployed.isced = 3
    unemployed.save()
    enrol(a, "010185-1233", status="employed")
    rows = dashboard.project_dashboard(a, TODAY)["rows"]
    assert [(row.label, row.actual) for row in rows] == [("ESF-indikator CO01", 1)]
    bad = client_for(world.operator).post(
        reverse("programmes:progress", args=[a.pk]),
        {"indicator": "EECO02", "value": "5", "due_on": a.end_date.isoformat()},
    )
    assert "EECO02" in bad.content.decode()  # an ESF+ code on an ESF 2014-2020 project
    assert Target.objects.count() == 1


def test_operators_remove_a_wrong_target_and_consultants_cannot(programme, world, client_for):
    a = world.project_a
    target = Target.objects.create(project=a, indicator="workshops", value=3, due_on=a.end_date)
    url = reverse("programmes:progress", args=[a.pk])
    assert client_for(world.member).post(url, {"remove": target.pk}).status_code == 403
    assert "Fjern" not in client_for(world.member).get(url).content.decode()
    client_for(world.operator).post(url, {"remove": target.pk})
    assert not Target.objects.exists()


def test_a_projects_results_stop_at_its_end_and_a_past_target_is_judged_at_its_date(
    programme, world, client_for
):
    a = world.project_a
    a.start_date, a.end_date = TODAY - 3 * YEAR, TODAY - YEAR
    a.save()
    due = a.end_date - datetime.timedelta(days=30)
    Target.objects.create(project=a, indicator="companies_supported", value=2, due_on=due)
    f.ContactFactory(project=a, date=due - datetime.timedelta(days=10))
    f.ContactFactory(project=a, date=due + datetime.timedelta(days=10))  # after the target date
    f.ContactFactory(project=a, date=TODAY)  # after the project ended
    # B runs until next year, so the programme's columns go on to today.
    found = dashboard.programme_dashboard(programme, [a, world.project_b], TODAY)
    assert found["dates"][-1] == TODAY
    (row,) = found["projects"][0]["rows"]
    assert row.actual == 1 and row.status == "missed"  # 1 of 2 by the target's date
    assert row.points[-1] == 2  # by the project's end; the contact after it is not A's
    page = client_for(world.member).get(
        reverse("programmes:progress-records", args=[a.pk, "companies_supported"])
    )
    assert "Tallet er 2" in page.content.decode()
