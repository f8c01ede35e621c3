"""Targets against actuals computed from the records, for many projects at once, and the
refusal of targets for unknown indicators or dates outside the project."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samspil.catalogue.models import Offering, Provider
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import EducationPlan, Enrolment, Participant
from samspil.programmes import progress
from samspil.programmes.models import Target
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 6, 30)


def enrol(project, cpr, gender, status, entry=datetime.date(2025, 3, 1)):
    participant = Participant(gender=gender)
    participant.set_identifier(parse_cpr(cpr))
    participant.save()
    return Enrolment.objects.create(
        participant=participant, project=project, entry_date=entry, employment_status=status
    )


def test_actuals_are_computed_from_the_records_and_kept_per_project(world):
    a, b = world.project_a, world.project_b
    sme = f.CompanyFactory(employees=20)
    big = f.CompanyFactory(employees=500)
    f.ContactFactory(company=sme, project=a, date=datetime.date(2025, 1, 10))
    f.ContactFactory(company=sme, project=a, date=datetime.date(2025, 2, 10), kind="joint_visit")
    f.ContactFactory(company=big, project=a, date=datetime.date(2025, 2, 11))
    f.ContactFactory(company=sme, project=b, date=datetime.date(2025, 2, 12))
    f.ContactFactory(company=sme, project=a, date=datetime.date(2025, 9, 1))  # after the day
    school = Provider.objects.create(name="Tradium")
    euv = Offering.objects.create(
        code="EUV",
        title="EUV",
        kind="euv",
        provider=school,
        level_from="unskilled",
        level_to="skilled",
    )
    first = enrol(a, "010190-1234", "female", "employed")
    enrol(a, "010185-1233", "male", "unemployed")
    enrol(a, "010180-1233", "male", "employed", entry=datetime.date(2025, 8, 1))  # later
    enrol(b, "010175-1234", "female", "long_term_unemployed")
    EducationPlan.objects.create(
        enrolment=first,
        education=euv,
        provider=school,
        status="completed",
        ended_on=datetime.date(2025, 6, 1),
        start_date=datetime.date(2025, 3, 1),
        expected_end_date=datetime.date(2025, 6, 1),
    )
    figures = progress.actuals([a, b], DAY)
    assert figures["companies_supported"] == {a.pk: 2, b.pk: 1}
    assert figures["smes_supported"] == {a.pk: 1, b.pk: 1}
    assert figures["joint_visits"] == {a.pk: 1}
    assert figures["participants"] == {a.pk: 2, b.pk: 1}
    assert figures["employed_participants"] == {a.pk: 1}
    assert figures["unemployed_participants"] == {a.pk: 1, b.pk: 1}
    assert figures["women_share"] == {a.pk: 50.0, b.pk: 100.0}
    assert figures["unskilled_to_skilled_started"] == {a.pk: 1}
    assert figures["unskilled_to_skilled_completed"] == {a.pk: 1}
    with CaptureQueriesContext(connection) as queries:
        progress.actuals([a, b], DAY)
    # Read from the running totals: whether they are counted, and one sum for every figure.
    assert len(queries) == 2


def test_a_target_for_an_unknown_indicator_or_outside_the_period_is_refused(world):
    project = world.project_a
    project.start_date, project.end_date = datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)
    project.save()
    bad = Target(project=project, indicator="happiness", value=-3, due_on=datetime.date(2027, 6, 1))
    with pytest.raises(ValidationError) as refused:
        progress.save_target(actor=world.operator, target=bad)
    errors = refused.value.message_dict
    assert errors["indicator"] == [
        "Ukendt indikator “happiness” for et projekt under Socialfonden 2014–2020."
    ]
    assert errors["due_on"] == ["Datoen ligger uden for projektperioden."]
    assert "value" in errors and not Target.objects.exists()
    good = Target(
        project=project, indicator="participants", value=1400, due_on=datetime.date(2026, 12, 31)
    )
    with pytest.raises(PermissionDenied):
        progress.save_target(actor=world.member, target=good)
    progress.save_target(actor=world.operator, target=good)
    assert Target.objects.get().value == 1400


def test_the_progress_page_shows_targets_against_actuals_and_refuses_bad_targets(client_for, world):
    from django.urls import reverse

    from samspil.testing.queries import assert_constant_queries

    project = world.project_a
    project.start_date, project.end_date = datetime.date(2025, 1, 1), datetime.date(2030, 12, 31)
    project.save()
    url = reverse("programmes:progress", args=[project.pk])
    operator = client_for(world.operator)
    refused = operator.post(
        url, {"indicator": "participants", "value": "-1", "due_on": "2035-01-01"}
    )
    page = refused.content.decode()
    assert "Datoen ligger uden for projektperioden." in page and not Target.objects.exists()
    operator.post(url, {"indicator": "participants", "value": "4", "due_on": "2030-12-31"})
    enrol(project, "010190-1234", "female", "employed")
    page = client_for(world.member).get(url).content.decode()
    assert "Deltagere" in page and "25 %" in page  # 1 of 4
    assert client_for(world.member).post(url, {"indicator": "participants"}).status_code == 403
    assert client_for(world.other_member).get(url).status_code == 404

    for code in ("joint_visits", "rkv_done", "women_share", "CO01"):
        Target.objects.create(
            project=project, indicator=code, value=10, due_on=datetime.date(2030, 1, 1)
        )

    def grow():
        for n in range(3):
            enrol(project, f"01019{n}-12{n}4", "male", "unemployed")
            f.ContactFactory(project=project, kind="joint_visit", date=datetime.date(2025, 3, 1))
            Target.objects.create(
                project=project,
                indicator="participants",
                value=10 + n,
                due_on=datetime.date(2029, 1, 1 + n),
            )

    assert_constant_queries(client_for(world.member), url, grow)


def test_an_education_counts_as_completed_from_the_day_it_ended_and_as_started_if_dropped(world):
    a = world.project_a
    school = Provider.objects.create(name="Tradium")
    euv = Offering.objects.create(
        code="EUV",
        title="EUV",
        kind="euv",
        provider=school,
        level_from="unskilled",
        level_to="skilled",
    )
    plan = EducationPlan(
        enrolment=enrol(a, "010190-1234", "female", "employed"),
        education=euv,
        provider=school,
        status="completed",
        start_date=datetime.date(2025, 3, 1),
        expected_end_date=datetime.date(2025, 12, 1),
    )
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert "ended_on" in refused.value.message_dict  # a completed education has its day
    plan.ended_on = datetime.date(2025, 6, 1)
    plan.save()
    EducationPlan.objects.create(
        enrolment=enrol(a, "010185-1233", "male", "employed"),
        education=euv,
        provider=school,
        status="dropped",
        start_date=datetime.date(2025, 4, 1),
        expected_end_date=datetime.date(2025, 12, 1),
        ended_on=datetime.date(2025, 5, 1),
    )
    codes = ["unskilled_to_skilled_started", "unskilled_to_skilled_completed"]
    spring = progress.actuals([a], datetime.date(2025, 5, 15), codes)
    assert spring == {
        "unskilled_to_skilled_started": {a.pk: 2},
        "unskilled_to_skilled_completed": {},
    }
    summer = progress.actuals([a], DAY, codes)
    assert summer["unskilled_to_skilled_completed"] == {a.pk: 1}
