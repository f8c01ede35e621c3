"""The rules a registration follows wherever it comes from: an enrolment lies inside its
project's period (page, API, import), and a person already known keeps their details whether
the second registration is typed on the page or imported."""

import datetime

import pytest
from django.urls import reverse

from samspil.participants.imports import ParticipantImporter
from samspil.participants.models import Enrolment, Participant
from samspil.programmes.periods import outside_period
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

OUTSIDE = "Datoen ligger uden for projektperioden."
HEADER = "project,personal_id,personal_id_type,gender,birth_date,start_date,employer_cvr"


@pytest.fixture
def dated(world):
    for project, code in ((world.project_a, "pa"), (world.project_b, "pb")):
        project.code = code
        project.start_date = datetime.date(2025, 1, 1)
        project.end_date = datetime.date(2025, 12, 31)
        project.save()
    f.ProjectMembershipFactory(user=world.member, project=world.project_b)
    return world


def register_form(**changes):
    data = {
        "person-personal_id_type": "cpr",
        "person-personal_id": "150385-1234",
        "person-name": "Jonas Lærling",
        "person-gender": "male",
        "start-entry_date": "2025-04-01",
        "start-employment_status": "employed",
        "start-isced": "2",
        "start-disability": "declined",
    }
    data.update(changes)
    return data


def import_rows(actor, *rows):
    return ParticipantImporter(actor=actor).run(
        [dict(zip(HEADER.split(","), r.split(","), strict=True)) for r in rows]
    )


def test_the_period_rule():
    project = f.ProjectFactory.build(
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 12, 31)
    )
    assert outside_period(project, datetime.date(2024, 12, 31)) == "before"
    assert outside_period(project, datetime.date(2025, 1, 1)) is None
    assert outside_period(project, datetime.date(2025, 12, 31)) is None
    assert outside_period(project, datetime.date(2026, 1, 1)) == "after"
    open_ended = f.ProjectFactory.build(start_date=None, end_date=None)
    assert outside_period(open_ended, datetime.date(1990, 1, 1)) is None


def test_an_enrolment_before_the_project_is_refused_on_the_page(client_for, dated):
    url = reverse("participants:register", args=[dated.project_a.pk])
    response = client_for(dated.member).post(
        url, register_form(**{"start-entry_date": "2024-06-01"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert OUTSIDE in page
    assert not Participant.objects.exists() and not Enrolment.objects.exists()


def test_a_leaving_date_after_the_project_is_refused_on_the_stop_form(client_for, dated):
    url = reverse("participants:register", args=[dated.project_a.pk])
    assert client_for(dated.member).post(url, register_form()).status_code == 302
    enrolment = Enrolment.objects.get()
    response = client_for(dated.member).post(
        reverse("participants:enrolment-edit", args=[enrolment.pk]),
        {"entry_date": "2025-04-01", "leaving_date": "2026-02-01"},
    )
    assert response.status_code == 200 and OUTSIDE in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.leaving_date is None


def test_an_enrolment_outside_the_project_is_refused_by_the_import_naming_the_row(dated):
    result = import_rows(
        None,  # as the command does; the page's scoping is tested with the import page
        "pa,150385-1234,cpr,male,,2025-04-01,",
        "pa,010190-1234,cpr,female,,2026-03-01,",
    )
    assert [str(e) for e in result.errors] == [f"Række 3, start_date: {OUTSIDE}"]
    assert not Participant.objects.exists()


def test_a_start_outside_the_project_is_refused_by_the_api(dated, api_for):
    from samspil.recruitment import services
    from samspil.recruitment.tests.test_api import make_opening, refer

    dated.company = f.CompanyFactory(name="Ikast Metal ApS")
    centre = f.OrganisationFactory(kind="employment", system="employment", name="Jobcenter")
    opening = make_opening(dated, start_date=datetime.date(2025, 6, 1))
    candidate = refer(dated, centre)
    proposal = services.refer(actor=dated.member, opening=opening, candidate=candidate)
    response = api_for(dated.member).post(
        f"/api/v1/proposals/{proposal.pk}/move/",
        {"stage": "started", "stage_on": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "stage_on" in response.json()
    assert "uden for projektperioden" in str(response.json()["stage_on"])
    assert not Enrolment.objects.exists()


def known_person_by_page(client, project, **changes):
    url = reverse("participants:register", args=[project.pk])
    return client.post(url, register_form(**changes))


def test_a_known_person_keeps_their_details_from_page_and_import_alike(client_for, dated):
    employer = f.CompanyFactory(name="Ikast Metal ApS")
    client = client_for(dated.member)
    # First registration on the page: female, no employer recorded.
    assert (
        known_person_by_page(client, dated.project_a, **{"person-gender": "female"}).status_code
        == 302
    )
    person = Participant.objects.get()

    # The second registration (another project) on the page says otherwise.
    assert (
        known_person_by_page(
            client,
            dated.project_b,
            **{"person-gender": "male", "person-employer": employer.pk},
        ).status_code
        == 302
    )
    person.refresh_from_db()
    by_page = (person.gender, person.employer_id, person.birth_date)
    assert by_page == ("female", employer.pk, datetime.date(1985, 3, 15))

    # The same again through the import gives the same person.
    Enrolment.objects.filter(project=dated.project_b).delete()
    Participant.objects.filter(pk=person.pk).update(employer=None)
    result = import_rows(None, f"pb,150385-1234,cpr,male,,2025-05-01,{employer.cvr}")
    assert result.errors == []
    person.refresh_from_db()
    assert (person.gender, person.employer_id, person.birth_date) == by_page
    assert Participant.objects.count() == 1


def test_a_birth_date_against_the_identifier_is_refused_by_page_and_import(client_for, dated):
    message = "Fødselsdatoen passer ikke med personnummeret."
    page = known_person_by_page(
        client_for(dated.member), dated.project_a, **{"person-birth_date": "1985-03-16"}
    ).content.decode()
    result = import_rows(None, "pa,150385-1234,cpr,male,1985-03-16,2025-04-01,")
    errors = [str(e) for e in result.errors]
    assert len(errors) == 1 and errors[0].startswith("Række 2, birth_date: ")
    assert errors[0] == f"Række 2, birth_date: {message}" and message in page
    assert not Participant.objects.exists()
