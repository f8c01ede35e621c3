"""The progress pages, dashboards, status reports and programme API lists cost the same number
of queries at two data sizes, also with targets on ESF indicator codes (computed in the
database for every status-report date at once)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import Enrolment, Participant
from samspil.programmes.models import Programme, Target
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = datetime.timedelta(days=365)
_serial = iter(range(1, 10_000))


def enrol(project, **form):
    participant = Participant(
        gender="female", birth_date=datetime.date(1990, 1, 1), employer=form.pop("employer", None)
    )
    participant.set_identifier(parse_cpr(f"010190{next(_serial):04d}"))
    participant.save()
    form = {"entry_date": TODAY - datetime.timedelta(days=30), "employment_status": "unemployed"}
    return Enrolment.objects.create(participant=participant, project=project, isced=3, **form)


@pytest.fixture
def programme(world):
    programme = Programme.objects.create(code="kfmidt", name="KOMPETENCEFORSYNINGmidt")
    for project in (world.project_a, world.project_b):
        project.programme = programme
        project.start_date, project.end_date = TODAY - 2 * YEAR, TODAY + YEAR
        project.save()
        for indicator in ("CO01", "CO23", "CR04", "participants", "smes_supported"):
            Target.objects.create(
                project=project, indicator=indicator, value=100, due_on=TODAY + YEAR
            )
        # A target whose date has passed is judged at that date: one more date computed.
        Target.objects.create(project=project, indicator="CO01", value=1, due_on=TODAY - YEAR)
    return programme


def grow(world):
    def add():
        for project in (world.project_a, world.project_b):
            for _ in range(15):
                enrol(project, employer=f.CompanyFactory(employees=10))
                f.ContactFactory(project=project, date=TODAY, status="done")

    return add


def test_the_progress_pages_cost_the_same_at_two_sizes(programme, world, client_for):
    a = world.project_a
    enrol(a)
    client = client_for(world.operator)
    for url in (
        reverse("programmes:progress", args=[a.pk]),
        reverse("programmes:project-status-report", args=[a.pk]),
        reverse("programmes:programme-detail", args=[programme.pk]),
        reverse("programmes:programme-status-report", args=[programme.pk]),
    ):
        assert_constant_queries(client, url, grow(world))


def test_the_esf_figures_on_the_progress_page_are_the_report_totals(programme, world, client_for):
    a = world.project_a
    for _ in range(3):
        enrol(a)
    page = client_for(world.operator).get(reverse("programmes:progress", args=[a.pk]))
    rows = {row.target.indicator: row for row in page.context["entry"]["rows"]}
    assert rows["CO01"].actual == 3  # three unemployed participants with complete records


def test_the_programme_api_lists_and_progress_cost_the_same_at_two_sizes(programme, world, api_for):
    api = api_for(world.operator)
    a = world.project_a
    for url in (
        "/api/v1/projects/",
        "/api/v1/programmes/",
        "/api/v1/targets/",
        "/api/v1/spend/",
        f"/api/v1/projects/{a.pk}/progress/",
        f"/api/v1/programmes/{programme.pk}/progress/",
    ):
        assert_constant_queries(api, url, grow(world))
