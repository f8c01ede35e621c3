"""Issue 18's findings, each on the demo as a person meets it: what pages show and refuse, the
documents made as PDFs, dates and names in Danish."""

import io
import json
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook

from samspil.companies.models import Contact
from samspil.discovery.models import Survey
from samspil.participants.models import EducationPlan, PriorLearningAssessment
from samspil.partnerships.models import CaseDecision
from samspil.plans.models import CompetencePlan
from samspil.programmes.models import Project
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    call_command("demo", verbosity=0)


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pdf_text(content: bytes) -> tuple[str, str]:
    """(the PDF's title, its text)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return reader.metadata.title or "", "\n".join(page.extract_text() for page in reader.pages)


# Forms ----------------------------------------------------------------------------------------


def test_a_single_checkbox_is_drawn_by_its_label():
    # DKFDS hides the input and draws the box from the label that follows it: a label before
    # the input left "Tjek kun filen; gem intet" invisible.
    from django import forms

    class F(forms.Form):
        dry_run = forms.BooleanField(label="Tjek kun filen", required=False, initial=True)

    html = Template('{% include "core/_field.html" %}').render(Context({"field": F()["dry_run"]}))
    assert '<div class="form-group-checkbox"><input type="checkbox"' in html
    assert 'class="form-checkbox"' in html
    assert html.index("<input") < html.index('<label class="form-label" for="id_dry_run">')


def test_a_contact_note_too_long_is_refused_on_its_field_with_what_was_typed(client_for, world):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    note = "Lang note. " * 300_000  # 3.3 MB, well within what a request may carry
    response = client_for(world.member).post(
        reverse("companies:contact-create", args=[company.pk]),
        {"kind": "visit", "status": "done", "date": "01.12.2026", "notes": note},
    )
    assert response.status_code == 200  # the form again, never an error page
    body = response.content.decode()
    assert "Denne værdi må højst have 20000 tegn" in body  # in Danish, on the field
    assert "Lang note. Lang note." in body  # what was typed is kept
    assert not Contact.objects.filter(company=company).exists()


def test_dates_are_shown_and_typed_as_dd_mm_yyyy():
    import datetime

    from django import forms
    from django.utils import formats, translation

    with translation.override("da"):
        assert forms.DateField().clean("24.12.2026") == datetime.date(2026, 12, 24)
        assert forms.DateField().clean("2026-12-24") == datetime.date(2026, 12, 24)
        assert formats.date_format(datetime.date(2026, 12, 24), "SHORT_DATE_FORMAT") == (
            "24.12.2026"
        )
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("30.02.2024")


def test_a_date_from_the_address_is_refused_when_the_calendar_has_no_such_day():
    import datetime

    from samspil.core.dates import date_from_query

    today = datetime.date(2026, 12, 1)
    assert date_from_query({}, "until", today) == (today, None)
    assert date_from_query({"until": "24.12.2026"}, "until", today)[0] == datetime.date(
        2026, 12, 24
    )
    day, message = date_from_query({"until": "2024-02-30"}, "until", today)
    assert day is None and "2024-02-30" in message


def test_the_coordination_guard_asks_with_the_four_fields_only_never_the_csrf_token(
    client_for, world
):
    company = f.CompanyFactory(name="Ikast Metal ApS")
    response = client_for(world.member).get(reverse("companies:contact-create", args=[company.pk]))
    body = response.content.decode()
    assert 'hx-params="date,kind,organisations,project"' in body
    # And the panel itself survives an impossible date (the form names it on submit).
    panel = client_for(world.member).get(
        reverse("companies:coordination-panel", args=[company.pk]),
        {"date": "2024-02-30"},
        HTTP_HX_REQUEST="true",
    )
    assert panel.status_code == 200


# Pages on the demo ------------------------------------------------------------------------------


def test_buttons_are_shown_only_to_those_the_action_accepts(client, demo):
    evaluator = signed_in(client, "evaluator")
    for name, label in [
        ("recruitment:opening-list", "Ny stilling"),
        ("recruitment:candidate-list", "Registrer en kandidat"),
        ("recruitment:campaign-list", "Ny kampagne"),
    ]:
        page = evaluator.get(reverse(name))
        assert page.status_code == 200
        assert label not in page.content.decode(), name
    assert evaluator.get(reverse("recruitment:opening-create")).status_code == 403

    smuk = Project.objects.get(code="smuk")
    consultant = signed_in(client, "konsulent2")
    page = consultant.get(reverse("participants:project-participants", args=[smuk.pk]))
    assert "Importer start- og stopskemaer" not in page.content.decode()
    assert consultant.get(reverse("participants:import")).status_code == 403
    participant = smuk.enrolments.first().participant
    page = consultant.get(reverse("participants:participant-detail", args=[participant.pk]))
    assert "data-subject export" not in page.content.decode().lower()
    assert "udtraek" not in page.content.decode()

    operator = signed_in(client, "operator")
    page = operator.get(reverse("participants:project-participants", args=[smuk.pk]))
    assert "Importer start- og stopskemaer" in page.content.decode()
    assert operator.get(reverse("participants:import")).status_code == 200


def test_the_meeting_decision_form_groups_tools_by_project_and_the_minutes_name_them(client, demo):
    decision = CaseDecision.objects.exclude(meeting=None).exclude(project=None).first()
    tool = decision.project.tools.first()
    decision.tools.add(tool)
    coordinator = signed_in(client, "koordinator1")
    meeting = decision.meeting
    page = coordinator.get(reverse("partnerships:meeting-detail", args=[meeting.pk])).content
    page = page.decode()
    assert f'data-project="{decision.project.pk}"' in page
    assert "data-tools-for=" in page
    assert 'class="samspil-agenda no-max-width"' in page  # as wide as the page
    minutes = coordinator.get(reverse("partnerships:meeting-print", args=[meeting.pk]))
    minutes = minutes.content.decode()
    assert "Systemer, der handler" in minutes
    assert decision.project.name in minutes
    assert tool.name in minutes


def test_the_survey_page_shows_the_personal_links_to_operators_and_logs_it(client, demo, caplog):
    survey = Survey.objects.get(status="sent")
    url = reverse("discovery:survey-detail", args=[survey.pk])
    invitation = survey.invitations.order_by("company__name", "email", "pk").first()
    with caplog.at_level(logging.INFO, logger="samspil.discovery.links"):
        page = signed_in(client, "operator").get(url).content.decode()
    assert invitation.get_absolute_url() in page
    assert any(f"invitation {invitation.pk} " in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="samspil.discovery.links"):
        page = signed_in(client, "konsulent2").get(url).content.decode()
    assert invitation.get_absolute_url() not in page  # the team sees tracking, not the links
    assert not caplog.records


def test_the_targets_table_scrolls_in_a_region_reachable_by_keyboard(client, demo):
    smuk = Project.objects.get(code="smuk")
    page = signed_in(client, "operator").get(reverse("programmes:progress", args=[smuk.pk]))
    assert 'class="table--responsive-scroll samspil-wide-table" tabindex="0" role="region"' in (
        page.content.decode()
    )


def test_the_esf_report_refuses_an_impossible_date_and_names_the_indicators(client, demo):
    smuk = Project.objects.get(code="smuk")
    operator = signed_in(client, "operator")
    url = reverse("participants:esf-report", args=[smuk.pk])
    refused = operator.get(url, {"until": "2024-02-30"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "er ikke en dato i kalenderen" in body
    assert 'value="2024-02-30"' in body  # what was typed, not today
    assert "esf-chart" not in body  # no figures for another day
    assert operator.get(url, {"until": "2024-02-30", "format": "xlsx"}).status_code == 400

    page = operator.get(url, {"until": "31.12.2022"}).content.decode()
    assert "ledige, inklusive langtidsledige" in page  # CO01's name beside its code
    workbook = operator.get(url, {"until": "2022-12-31", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert list(values[5][:2]) == ["Kode", "Indikator"]
    assert values[6][1] == "ledige, inklusive langtidsledige"
    assert values[0][0] == "Projekt"


def test_a_refused_plan_form_leaves_an_address_that_reloads_to_the_plan(client, demo):
    plan = CompetencePlan.objects.get(company__name="Herning Automatik ApS")
    consultant = signed_in(client, "operator")
    response = consultant.get(reverse("plans:need-add", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    response = consultant.get(reverse("plans:agree", args=[plan.pk]))
    assert response.status_code == 302


def test_the_data_subject_export_is_a_danish_page_and_still_a_file(client, demo):
    participant = PriorLearningAssessment.objects.first().enrolment.participant
    operator = signed_in(client, "operator")
    url = reverse("participants:data-subject-export", args=[participant.pk])
    page = operator.get(url, {"format": "page"})
    assert page["Content-Type"].startswith("text/html")
    body = page.content.decode()
    assert "Alt om personen" in body
    assert "Realkompetencevurderinger" in body
    assert "birth_date" not in body and "identifier_type" not in body
    data = json.loads(operator.get(url).content)  # the file, as before
    again = json.loads(operator.get(url, {"format": "json"}).content)
    assert again["name"] == data["name"] and len(again["access_log"]) > len(data["access_log"])
    assert data["name"] == participant.name


def test_the_history_names_people_by_their_full_names(client, demo):
    decision = CaseDecision.objects.exclude(meeting=None).first()
    meeting = decision.meeting
    page = signed_in(client, "koordinator1").get(
        reverse("partnerships:meeting-detail", args=[meeting.pk])
    )
    body = page.content.decode()
    history = body[body.index('id="history-heading"') :]
    attendee = meeting.attendees.first()
    if "Deltagere" in history:
        assert attendee.get_full_name() in history
        assert f"+ {attendee.username}" not in history


# Documents ------------------------------------------------------------------------------------


def test_the_plan_the_minutes_the_education_plan_and_the_rkv_as_danish_pdfs(client, demo):
    operator = signed_in(client, "operator")
    plan = CompetencePlan.objects.get(company__name="Ikast Metal ApS")
    response = operator.get(reverse("plans:plan-print", args=[plan.pk]), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    title, text = pdf_text(response.content)
    assert title == "Kompetenceforsyningsplan – Ikast Metal ApS"
    assert "Ikast Metal ApS" in text and "Nuværende niveau" in text  # the spider's legend

    decision = CaseDecision.objects.exclude(meeting=None).exclude(project=None).first()
    response = signed_in(client, "koordinator1").get(
        reverse("partnerships:meeting-print", args=[decision.meeting.pk]), {"format": "pdf"}
    )
    title, text = pdf_text(response.content)
    assert title.startswith("Referat – ")
    assert decision.case.company.name in text and "Systemer, der handler" in text

    operator = signed_in(client, "operator")
    assessment = PriorLearningAssessment.objects.select_related("enrolment").first()
    participant = assessment.enrolment.participant
    response = operator.get(
        reverse("participants:assessment-edit", args=[participant.pk, assessment.pk]),
        {"format": "pdf"},
    )
    title, text = pdf_text(response.content)
    assert title.startswith("Realkompetencevurdering")
    assert assessment.school.name in text

    education = EducationPlan.objects.select_related("enrolment").first()
    response = operator.get(
        reverse("participants:plan-edit", args=[education.enrolment.participant_id, education.pk]),
        {"format": "pdf"},
    )
    title, text = pdf_text(response.content)
    assert title.startswith("Uddannelsesplan")
    assert education.provider.name in text


def test_the_spider_is_drawn_on_the_server_as_svg():
    from samspil.core.pdf import spider_svg

    svg = spider_svg(["A", "B", "C"], [("Nu", [1, 2, 3], "#000"), ("Mål", [4, 4, 4], "#00f")])
    assert svg.count("<polygon") == 5 + 2  # five rings and one line per series
    assert ">Nu</text>" in svg and ">Mål</text>" in svg


def test_opening_and_candidate_pages_fold_their_edit_forms_away(client, demo):
    from samspil.recruitment.models import Candidate, Opening

    consultant = signed_in(client, "konsulent1")
    opening = Opening.objects.restrict(consultant_user("konsulent1"), "change").first()
    page = consultant.get(reverse("recruitment:opening-detail", args=[opening.pk]))
    assert '<details class="samspil-details samspil-edit" id="edit">' in page.content.decode()
    candidate = Candidate.objects.restrict(consultant_user("konsulent1"), "change").first()
    page = consultant.get(reverse("recruitment:candidate-detail", args=[candidate.pk]))
    assert '<details class="samspil-details samspil-edit" id="edit">' in page.content.decode()


def consultant_user(username):
    return get_user_model().objects.get(username=username)


def test_a_refused_decision_leaves_an_address_that_reloads_to_the_case(client, demo):
    decision = CaseDecision.objects.first()
    response = signed_in(client, "koordinator1").get(
        reverse("partnerships:case-decide", args=[decision.case.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == decision.case.get_absolute_url()
