"""The programme, progress, target and spend endpoints: scoped to the projects a user may see,
writes through the services (operators only), refusals as 400 naming the field."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from samspil.programmes.api.serializers import (
    ProgrammeDashboardSerializer,
    ProjectDashboardSerializer,
    ProjectProgressSerializer,
)
from samspil.programmes.models import BudgetLine, Programme, Spend, Target
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def programme(world):
    """A programme holding both projects, which run from a year ago to a year ahead."""
    programme = Programme.objects.create(code="kfm", name="KOMPETENCEFORSYNINGmidt")
    for project in (world.project_a, world.project_b):
        project.programme = programme
        project.start_date, project.end_date = TODAY - 365 * DAY, TODAY + 365 * DAY
        project.save()
    return programme


def target_data(project, **changes):
    return {
        "project": project.pk,
        "indicator": "companies_supported",
        "value": "4",
        "due_on": (TODAY + 100 * DAY).isoformat(),
        "note": "",
        **changes,
    }


def test_a_member_sees_the_programme_with_only_their_own_project(api_for, world, programme):
    for project in (world.project_a, world.project_b):  # both missed: nothing done by the date
        Target.objects.create(
            project=project, indicator="participants", value=3, due_on=TODAY - 30 * DAY
        )
    api = api_for(world.member)
    listed = api.get("/api/v1/programmes/").json()["results"]
    assert [(p["code"], p["projects"]) for p in listed] == [("kfm", [world.project_a.pk])]

    found = api.get(f"/api/v1/programmes/{programme.pk}/progress/")
    assert found.status_code == 200
    data = found.json()
    assert [entry["project"] for entry in data["projects"]] == [world.project_a.pk]
    assert data["projects"][0]["code"] == "projekt-a"
    assert data["dates"][-1] == TODAY.isoformat()
    assert set(data) == set(ProgrammeDashboardSerializer().fields)
    assert set(data["projects"][0]) == set(ProjectProgressSerializer().fields)
    assert [t["status"] for t in data["projects"][0]["targets"]] == ["missed"]
    assert [w["project"] for w in data["warnings"]] == [world.project_a.pk]
    assert all(isinstance(w["message"], str) and w["message"] for w in data["warnings"])

    other = api_for(world.other_member).get(f"/api/v1/programmes/{programme.pk}/progress/")
    assert [entry["project"] for entry in other.json()["projects"]] == [world.project_b.pk]


def test_an_outsider_gets_no_programme(api_for, world, programme):
    api = api_for(world.outsider)
    assert api.get("/api/v1/programmes/").json()["results"] == []
    assert api.get(f"/api/v1/programmes/{programme.pk}/").status_code == 404
    assert api.get(f"/api/v1/programmes/{programme.pk}/progress/").status_code == 404
    assert api.get(f"/api/v1/projects/{world.project_a.pk}/progress/").status_code == 404


def test_an_operators_target_shows_its_actual_computed_from_the_records(api_for, world, programme):
    project = world.project_a
    f.ContactFactory(project=project, date=TODAY - 10 * DAY)
    f.ContactFactory(project=project, date=TODAY - 5 * DAY, status="planned")  # not done
    f.ContactFactory(project=world.project_b, date=TODAY - 5 * DAY)  # another project's

    created = api_for(world.operator).post("/api/v1/targets/", target_data(project), format="json")
    assert created.status_code == 201, created.json()
    target = Target.objects.get()
    assert (target.project, target.indicator, target.value) == (project, "companies_supported", 4)

    data = api_for(world.member).get(f"/api/v1/projects/{project.pk}/progress/").json()
    assert set(data) == set(ProjectDashboardSerializer().fields)
    (row,) = data["targets"]
    assert row["id"] == target.pk
    assert row["value"] == "4.00"
    assert row["actual"] == 1
    assert row["points"][-1] == 1 and len(row["points"]) == len(data["dates"])
    assert row["reached"] == 25

    programme_data = api_for(world.member).get(f"/api/v1/programmes/{programme.pk}/progress/")
    (entry,) = programme_data.json()["projects"]
    assert [t["actual"] for t in entry["targets"]] == [1]

    # The team reads the targets; another project's team does not.
    assert [t["id"] for t in api_for(world.member).get("/api/v1/targets/").json()["results"]] == [
        target.pk
    ]
    assert api_for(world.other_member).get("/api/v1/targets/").json()["results"] == []
    assert api_for(world.other_member).get(f"/api/v1/targets/{target.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicator": "happiness"}, "indicator"),
        ({"due_on": (TODAY + 400 * DAY).isoformat()}, "due_on"),
        ({"value": "-1"}, "value"),
    ],
)
def test_a_wrong_target_is_refused_naming_the_field(api_for, world, programme, changes, field):
    response = api_for(world.operator).post(
        "/api/v1/targets/", target_data(world.project_a, **changes), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Target.objects.exists()


def test_only_operators_keep_targets(api_for, world, programme):
    member, operator = api_for(world.member), api_for(world.operator)
    refused = member.post("/api/v1/targets/", target_data(world.project_a), format="json")
    assert refused.status_code == 403
    assert not Target.objects.exists()
    # A project the user does not see does not exist for them.
    unseen = operator.post("/api/v1/targets/", target_data(world.project_b), format="json")
    assert unseen.status_code == 400 and "project" in unseen.json()

    target_id = operator.post(
        "/api/v1/targets/", target_data(world.project_a), format="json"
    ).json()["id"]
    assert member.patch(f"/api/v1/targets/{target_id}/", {"value": "9"}).status_code == 403
    assert member.delete(f"/api/v1/targets/{target_id}/").status_code == 403
    changed = operator.patch(f"/api/v1/targets/{target_id}/", {"indicator": "happiness"})
    assert changed.status_code == 400 and "indicator" in changed.json()
    assert Target.objects.get().indicator == "companies_supported"
    assert operator.patch(f"/api/v1/targets/{target_id}/", {"value": "9"}).status_code == 200
    assert Target.objects.get().value == 9
    assert operator.delete(f"/api/v1/targets/{target_id}/").status_code == 204
    assert not Target.objects.exists()


def spend_data(line, **changes):
    return {
        "line": line.pk,
        "period_start": (TODAY - 60 * DAY).isoformat(),
        "period_end": (TODAY - 30 * DAY).isoformat(),
        "amount": "1234.50",
        "note": "Løn, 2. kvartal",
        **changes,
    }


def test_spend_is_recorded_by_operators_and_shows_in_progress(api_for, world, programme):
    line = BudgetLine.objects.create(project=world.project_a, name="Løn")
    operator, member = api_for(world.operator), api_for(world.member)

    negative = operator.post("/api/v1/spend/", spend_data(line, amount="-5"), format="json")
    assert negative.status_code == 400 and "amount" in negative.json()
    early = operator.post(
        "/api/v1/spend/",
        spend_data(line, period_start=(TODAY - 400 * DAY).isoformat()),
        format="json",
    )
    assert early.status_code == 400 and "period_start" in early.json()
    assert member.post("/api/v1/spend/", spend_data(line), format="json").status_code == 403
    assert not Spend.objects.exists()

    created = operator.post("/api/v1/spend/", spend_data(line), format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["project"] == world.project_a.pk
    assert Spend.objects.get().amount == Decimal("1234.50")

    # Budgets, financing and spend are the operators' (issue 15): the team sees the progress
    # without the amounts.
    progress = operator.get(f"/api/v1/projects/{world.project_a.pk}/progress/").json()
    assert progress["spent_total"] == "1234.50"
    overall = operator.get(f"/api/v1/programmes/{programme.pk}/progress/").json()
    assert overall["spent_total"] == "1234.50"
    progress = member.get(f"/api/v1/projects/{world.project_a.pk}/progress/").json()
    assert progress["spent_total"] is None and progress["targets"] == []
    assert member.get(f"/api/v1/projects/{world.project_a.pk}/budget/").status_code == 403

    # Another project's team neither sees the spend nor may book on the line.
    other = api_for(world.other_member)
    assert other.get("/api/v1/spend/").json()["results"] == []
    booked = other.post("/api/v1/spend/", spend_data(line), format="json")
    assert booked.status_code == 403  # operates no project: may book spend nowhere

    spend_id = created.json()["id"]
    assert [s["id"] for s in operator.get("/api/v1/spend/").json()["results"]] == [spend_id]
    assert member.get("/api/v1/spend/").json()["results"] == []
    assert member.get(f"/api/v1/spend/{spend_id}/").status_code == 404
    assert member.delete(f"/api/v1/spend/{spend_id}/").status_code == 404  # not seen
    assert operator.delete(f"/api/v1/spend/{spend_id}/").status_code == 204
    assert not Spend.objects.exists()


def test_the_schema_describes_the_new_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [
        "/api/v1/programmes/{id}/",
        "/api/v1/programmes/{id}/progress/",
        "/api/v1/projects/{id}/progress/",
        "/api/v1/targets/{id}/",
        "/api/v1/spend/",
    ]:
        assert path in schema["paths"]
