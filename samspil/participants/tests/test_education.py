"""Prior-learning assessments, education plans with school periods, the company's matrix,
the API's scoping of every participant endpoint, and the pseudonymised research export."""

import datetime
import io
import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspil.catalogue.models import CompetenceArea, Offering, Provider
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import (
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
)
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
numbers = itertools.count(10)


@pytest.fixture
def company():
    return f.CompanyFactory(name="Ikast Metal")


@pytest.fixture
def school():
    return Provider.objects.create(name="Mercantec", kind="school")


@pytest.fixture
def welding(school):
    offering = Offering.objects.create(
        code="EUV-SMED", title="Smed, EUV", kind="euv", provider=school
    )
    offering.competence_areas.add(CompetenceArea.objects.order_by("pk").first())
    return offering


def enrol(world, company, name="Mette Smed", project=None):
    participant = Participant(name=name, employer=company, gender="female")
    n = next(numbers)
    identifier = parse_cpr(f"0101{n % 90:02d}-1234")
    participant.set_identifier(identifier)
    participant.birth_date = identifier.birth_date
    participant.save()
    return Enrolment.objects.create(
        participant=participant,
        project=project or world.project_a,
        entry_date=datetime.date(2025, 3, 1),
    )


def plan_data(enrolment, welding, school, **extra):
    return {
        "enrolment": enrolment.pk,
        "education": welding.pk,
        "provider": school.pk,
        "subjects": "Svejsning\nMaterialelære",
        "start_date": "2025-08-01",
        "expected_end_date": "2026-06-30",
        "danish_requirement": "",
        "maths_requirement": "support",
        "preparatory_course": "FVU-matematik trin 2, VUC Herning",
        "status": "planned",
        **extra,
    }


def test_an_assessment_and_a_plan_are_made_on_the_participant_page(
    client_for, world, company, school, welding
):
    enrolment = enrol(world, company)
    participant = enrolment.participant
    client = client_for(world.member)
    response = client.post(
        reverse("participants:assessment-add", args=[participant.pk]),
        {
            "enrolment": enrolment.pk,
            "school": school.pk,
            "education": welding.pk,
            "assessed_on": "2025-06-10",
            "assessor": "Lars Faglærer",
            "track": "euv2",
            "length_weeks": "40",
            "merit": "Grundforløb 2 godskrevet",
        },
    )
    assert response.status_code == 302
    form = {
        **plan_data(enrolment, welding, school),
        "periods-TOTAL_FORMS": "3",
        "periods-INITIAL_FORMS": "0",
        "periods-0-start": "2025-08-04",
        "periods-0-end": "2025-10-10",
        "periods-1-start": "2026-01-05",
        "periods-1-end": "2026-03-13",
    }
    assert (
        client.post(reverse("participants:plan-add", args=[participant.pk]), form).status_code
        == 302
    )
    page = client.get(participant.get_absolute_url()).content.decode()
    assert "EUV2" in page and "Smed, EUV" in page and "FVU-matematik trin 2" in page
    assert "04-08-2025 – 10-10-2025; 05-01-2026 – 13-03-2026" in page


def test_school_periods_outside_the_plan_or_overlapping_are_refused_on_the_form(
    client_for, world, company, school, welding
):
    enrolment = enrol(world, company)
    form = {
        **plan_data(enrolment, welding, school),
        "periods-TOTAL_FORMS": "3",
        "periods-INITIAL_FORMS": "0",
        "periods-0-start": "2025-07-01",
        "periods-0-end": "2025-09-01",
        "periods-1-start": "2025-08-15",
        "periods-1-end": "2025-10-01",
    }
    response = client_for(world.member).post(
        reverse("participants:plan-add", args=[enrolment.participant.pk]), form
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skoleperiode 1: Skoleperioden begynder før uddannelsesplanen." in page
    assert "Skoleperiode 2: Perioden overlapper den foregående." in page
    assert not EducationPlan.objects.exists()
    missing = {**form, "preparatory_course": "", "periods-0-start": "", "periods-1-start": ""}
    page = (
        client_for(world.member)
        .post(reverse("participants:plan-add", args=[enrolment.participant.pk]), missing)
        .content.decode()
    )
    assert "Angiv det kursus, der opfylder kravet til dansk eller matematik." in page
    assert "Angiv både periodens første og sidste dag." in page
    skipping_a_row = {
        **form,
        "periods-0-start": "",
        "periods-0-end": "",
        "periods-2-start": "2026-06-01",
        "periods-2-end": "2026-07-31",
    }
    page = (
        client_for(world.member)
        .post(reverse("participants:plan-add", args=[enrolment.participant.pk]), skipping_a_row)
        .content.decode()
    )
    assert "Skoleperiode 3: Skoleperioden slutter efter uddannelsesplanen." in page


def test_the_api_refuses_bad_periods_and_saves_good_ones(api_for, world, company, school, welding):
    enrolment = enrol(world, company)
    api = api_for(world.member)
    bad = api.post(
        "/api/v1/education-plans/",
        {
            **plan_data(enrolment, welding, school),
            "periods": [{"start": "2026-06-01", "end": "2026-07-31"}],
        },
        format="json",
    )
    assert bad.status_code == 400 and "periods" in bad.json()
    assert not EducationPlan.objects.exists()
    good = api.post(
        "/api/v1/education-plans/",
        {
            **plan_data(enrolment, welding, school),
            "periods": [{"start": "2025-08-04", "end": "2025-10-10"}],
        },
        format="json",
    )
    assert good.status_code == 201, good.json()
    assert good.json()["periods"] == [{"start": "2025-08-04", "end": "2025-10-10"}]


@pytest.mark.parametrize(
    "endpoint", ["participants", "enrolments", "assessments", "education-plans"]
)
def test_every_participant_endpoint_shows_only_the_projects_team(
    api_for, world, company, school, welding, endpoint
):
    enrolment = enrol(world, company)
    assessment = PriorLearningAssessment.objects.create(
        enrolment=enrolment,
        school=school,
        assessed_on=datetime.date(2025, 6, 1),
        assessor="Lars",
        track="euv1",
        length_weeks=30,
    )
    plan = EducationPlan.objects.create(
        enrolment=enrolment,
        education=welding,
        provider=school,
        start_date=datetime.date(2025, 8, 1),
        expected_end_date=datetime.date(2026, 6, 30),
    )
    pk = {
        "participants": enrolment.participant.pk,
        "enrolments": enrolment.pk,
        "assessments": assessment.pk,
        "education-plans": plan.pk,
    }[endpoint]
    for outsider in (world.other_member, world.outsider, world.coordinator):
        api = api_for(outsider)
        assert api.get(f"/api/v1/{endpoint}/").json()["results"] == []
        assert api.get(f"/api/v1/{endpoint}/{pk}/").status_code == 404
    member = api_for(world.member)
    assert [row["id"] for row in member.get(f"/api/v1/{endpoint}/").json()["results"]] == [pk]
    if endpoint == "participants":
        row = member.get(f"/api/v1/participants/{pk}/").json()
        assert row["identifier_masked"].endswith("-xxxx") and "identifier" not in row
        assert AccessLog.objects.filter(user=world.member, detail="API").count() == 2


def test_others_cannot_write_assessments_into_a_project_they_are_not_on(
    api_for, world, company, school
):
    enrolment = enrol(world, company)
    response = api_for(world.other_member).post(
        "/api/v1/assessments/",
        {
            "enrolment": enrolment.pk,
            "school": school.pk,
            "assessed_on": "2025-06-01",
            "assessor": "X",
            "track": "euv3",
            "length_weeks": 80,
        },
        format="json",
    )
    assert response.status_code == 403 and not PriorLearningAssessment.objects.exists()


def test_the_company_matrix_shows_who_takes_which_education_in_constant_queries(
    client_for, world, company, school, welding
):
    area = welding.competence_areas.get()
    other_area = CompetenceArea.objects.exclude(pk=area.pk).order_by("pk").first()
    plan = CompetencePlan.objects.create(company=company, project=world.project_a)
    PlanNeed.objects.create(plan=plan, area=area, description="Svejsere")
    PlanNeed.objects.create(plan=plan, area=other_area, description="Ledelse")

    def grow(count=3):
        for _ in range(count):
            enrolment = enrol(world, company, name=f"Medarbejder {next(numbers)}")
            EducationPlan.objects.create(
                enrolment=enrolment,
                education=welding,
                provider=school,
                start_date=datetime.date(2025, 8, 1),
                expected_end_date=datetime.date(2026, 6, 30),
            ).periods.create(start=datetime.date(2025, 8, 4), end=datetime.date(2025, 9, 1))

    grow(1)
    url = reverse("participants:company-matrix", args=[company.pk])
    page = client_for(world.member).get(url).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    head, body = table.split("<tbody>")
    columns = re.findall(r'<th scope="col">([^<]*)</th>', head)[1:]
    cells = body.split("<td>")[1:]
    assert "Smed, EUV" in cells[columns.index(area.name)]
    assert "Smed, EUV" not in cells[columns.index(other_area.name)]
    assert "01.08.2025–30.06.2026" in cells[columns.index(area.name)]
    assert_constant_queries(client_for(world.member), url, grow)
    assert "Medarbejder" in client_for(world.member).get(url).content.decode()
    assert client_for(world.other_member).get(url).content.decode().count("Medarbejder") == 0


def test_the_research_export_is_pseudonymised(world, company):
    world.project_a.code = "pa"
    world.project_a.save()
    enrolment = enrol(world, company, name="Mette Smed")
    participant = enrolment.participant
    out = io.StringIO()
    call_command("report", "research", "--project", "pa", stdout=out)
    text = out.getvalue()
    header, row = text.strip().splitlines()
    assert header.startswith("pseudonym,gender,birth_year,entry_date")
    assert "Mette" not in text and participant.identifier() not in text
    assert participant.identifier_masked[:6] not in text  # no birth date either
    assert row.split(",")[2] == str(participant.birth_date.year)
    again = io.StringIO()
    call_command("report", "research", "--project", "pa", stdout=again)
    assert again.getvalue() == text  # the same pseudonym each time
    assert AccessLog.objects.filter(participant=participant, action="export").exists()


def test_a_command_in_the_access_log_shows_as_the_system_on_the_page(client_for, world, company):
    world.project_a.code = "pa"
    world.project_a.save()
    enrolment = enrol(world, company, name="Mette Smed")
    call_command("report", "research", "--project", "pa", stdout=io.StringIO())
    page = client_for(world.operator).get(enrolment.participant.get_absolute_url())
    assert page.status_code == 200
    assert "System" in page.content.decode()


def register_form(project_pk, **changes):
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


def test_a_participant_is_registered_with_the_start_form_and_refused_with_field_messages(
    client_for, world
):
    url = reverse("participants:register", args=[world.project_a.pk])
    client = client_for(world.member)
    page = client.post(
        url, register_form(world.project_a.pk, **{"person-personal_id": "320185-1234"})
    ).content.decode()
    assert "Identifikation:" in page and not Participant.objects.exists()
    response = client.post(url, register_form(world.project_a.pk))
    participant = Participant.objects.get()
    assert response["Location"] == participant.get_absolute_url()
    assert participant.birth_date == datetime.date(1985, 3, 15)  # from the CPR number
    again = client.post(url, register_form(world.project_a.pk)).content.decode()
    assert "Personen er allerede tilmeldt dette projekt." in again
    assert Enrolment.objects.count() == 1
    assert client_for(world.other_member).get(url).status_code == 404


def test_the_stop_form_says_on_the_field_what_is_wrong(client_for, world, company):
    enrolment = enrol(world, company)
    url = reverse("participants:enrolment-edit", args=[enrolment.pk])
    assert "Mette Smed" in client_for(world.member).get(url).content.decode()
    assert AccessLog.objects.filter(user=world.member, detail=url, action="view").count() == 1
    form = {
        "entry_date": "2025-03-01",
        "leaving_date": "2025-02-01",
        "completed": "true",
        "result_job_searching": "yes",
        "result_employed": "yes",
    }
    page = client_for(world.member).post(url, form).content.decode()
    assert "Afslutningsdatoen ligger før startdatoen." in page
    assert "udelukker hinanden" in page
    enrolment.refresh_from_db()
    assert enrolment.leaving_date is None
    form.update(leaving_date="2025-09-30", result_job_searching="")
    assert client_for(world.member).post(url, form).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.leaving_date == datetime.date(2025, 9, 30)
    assert client_for(world.other_member).get(url).status_code == 404
