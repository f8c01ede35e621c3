"""Openings made from where the need arose, candidates matched both ways with reasons, the
consent rule, the pipeline ending in a participant with a start form, scoping and access log,
and list pages at two data sizes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspil.catalogue.models import CompetenceArea
from samspil.core.models import Municipality
from samspil.participants.models import AccessLog, EmploymentStatus
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.recruitment import matching, services
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal
from samspil.recruitment.tests.conftest import make_candidate
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
YEAR = datetime.timedelta(days=365)


@pytest.fixture
def opening(world, jobcentre):
    herning = Municipality.objects.get(code=657)
    world.company.municipality = herning
    world.company.save()
    made = Opening.objects.create(
        company=world.company,
        project=world.project_a,
        role="Automatiktekniker",
        education_level="skilled",
        hours_per_week=Decimal(37),
        start_date=TODAY + datetime.timedelta(days=30),
        municipality=herning,
    )
    made.competence_areas.add(CompetenceArea.objects.get(name="Automation og robotter"))
    return made


def test_an_opening_is_made_from_a_plans_need_without_retyping(world, jobcentre):
    area = CompetenceArea.objects.get(name="Automation og robotter")
    plan = CompetencePlan.objects.create(company=world.company, project=world.project_a)
    need = PlanNeed.objects.create(plan=plan, area=area, description="Vi mangler automatikere")
    made, initial = services.opening_from(need)
    assert (made.company, made.project, made.plan_need) == (world.company, world.project_a, need)
    assert made.role == "Vi mangler automatikere" and initial["competence_areas"] == [area]
    url = reverse("recruitment:opening-create") + f"?fra=plan&id={need.pk}"
    page = _client(world.member).get(url).content.decode()
    assert 'value="Vi mangler automatikere"' in page


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_candidates_are_ranked_for_an_opening_with_reasons_and_the_gap_closed_by_courses(
    world, jobcentre, opening
):
    from samspil.catalogue.models import Offering, Provider

    area = CompetenceArea.objects.get(name="Automation og robotter")
    euv = Offering.objects.create(
        code="EUV-AUTO",
        title="Automatiktekniker (EUV)",
        kind="euv",
        provider=Provider.objects.create(name="Tradium"),
        level_from="unskilled",
        level_to="skilled",
    )
    euv.competence_areas.add(area)
    skilled = make_candidate(
        world,
        jobcentre,
        name="Hanne Lykke",
        education_level="skilled",
        municipality=opening.municipality,
    )
    skilled.competence_areas.add(area)
    unskilled = make_candidate(world, jobcentre, name="Ali Yilmaz", education_level="unskilled")
    unskilled.competence_areas.add(area)
    make_candidate(world, jobcentre, name="Uden Samtykke", consent=False)
    found = matching.candidates_for(opening, world.member)
    assert [p.candidate.person.name for p in found] == ["Hanne Lykke", "Ali Yilmaz"]
    best, second = found
    assert "Fælles kompetenceområder: Automation og robotter" in best.reasons
    assert "Har det efterspurgte uddannelsesniveau (Faglært)" in best.reasons
    assert "Bor i stillingens kommune (Herning)" in best.reasons
    assert "Skal uddannes fra Ufaglært til Faglært" in second.reasons
    assert [m.offering.code for m in second.training] == ["EUV-AUTO"]
    # And the other way: openings ranked for a candidate.
    assert [p.opening for p in matching.openings_for(skilled, world.member)] == [opening]


def test_a_candidate_without_consent_is_not_matched_nor_shown_to_a_company(
    world, jobcentre, opening
):
    candidate = make_candidate(world, jobcentre, consent=False)
    assert matching.openings_for(candidate, world.member) == []
    with pytest.raises(ValidationError) as refused:
        services.refer(actor=world.member, opening=opening, candidate=candidate)
    assert "samtykke" in refused.value.message_dict["candidate"][0]
    consenting = make_candidate(world, jobcentre)
    proposal = services.refer(actor=world.member, opening=opening, candidate=consenting)
    consenting.consent_withdrawn_on = TODAY
    consenting.save()
    with pytest.raises(ValidationError):
        services.move(actor=world.member, proposal=proposal, stage=Proposal.Stage.PROPOSED)
    proposal.refresh_from_db()
    assert proposal.stage == Proposal.Stage.REFERRED  # nothing half-saved


def test_a_candidate_who_starts_becomes_a_participant_with_the_start_form_begun(
    world, jobcentre, opening, client_for
):
    candidate = make_candidate(
        world, jobcentre, unemployed_since=TODAY - datetime.timedelta(days=400)
    )
    proposal = services.refer(actor=world.member, opening=opening, candidate=candidate)
    url = reverse("recruitment:opening-detail", args=[opening.pk])
    prefix = f"p{proposal.pk}"
    response = client_for(world.member).post(
        url,
        {
            "action": "move",
            "proposal": proposal.pk,
            f"{prefix}-stage": "not_started",
            f"{prefix}-stage_on": TODAY.isoformat(),
        },
        follow=True,
    )
    assert "Skriv, hvorfor kandidaten ikke startede." in response.content.decode()
    response = client_for(world.member).post(
        url,
        {
            "action": "move",
            "proposal": proposal.pk,
            f"{prefix}-stage": "started",
            f"{prefix}-stage_on": TODAY.isoformat(),
        },
    )
    enrolment = candidate.person.enrolments.get(project=world.project_a)
    assert response["Location"] == reverse("participants:enrolment-edit", args=[enrolment.pk])
    assert enrolment.entry_date == TODAY
    assert enrolment.employment_status == EmploymentStatus.LONG_TERM_UNEMPLOYED
    opening.refresh_from_db()
    assert opening.status == Opening.Status.FILLED


def test_candidates_are_seen_by_their_jobcentre_and_the_projects_team_and_views_logged(
    world, jobcentre, client_for
):
    candidate = make_candidate(world, jobcentre, name="Hanne Lykke")
    url = reverse("recruitment:candidate-detail", args=[candidate.pk])
    assert client_for(world.member).get(url).status_code == 200
    assert AccessLog.objects.filter(user=world.member, participant=candidate.person).exists()
    assert client_for(world.other_member).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    # A jobcentre colleague outside the project sees the jobcentre's candidates.
    colleague = f.UserFactory(username="jobcenter-kollega")
    f.OrganisationMembershipFactory(user=colleague, organisation=jobcentre)
    assert client_for(colleague).get(url).status_code == 200
    listing = client_for(world.other_member).get(reverse("recruitment:candidate-list"))
    assert "Hanne Lykke" not in listing.content.decode()


def test_the_recruitment_lists_cost_the_same_queries_at_two_sizes(
    world, jobcentre, opening, client_for
):
    def grow():
        for _n in range(2):
            candidate = make_candidate(world, jobcentre)
            made = Opening.objects.create(
                company=f.CompanyFactory(),
                project=world.project_a,
                role="Operatør",
                hours_per_week=37,
                start_date=TODAY,
            )
            services.refer(actor=world.member, opening=made, candidate=candidate)
            services.refer(actor=world.member, opening=opening, candidate=candidate)
            campaign = Campaign(project=world.project_a, title="Kampagne", start_date=TODAY)
            services.save_campaign(actor=world.member, campaign=campaign, jobcentres=[jobcentre])
            candidate.campaign = campaign
            candidate.save()

    pages = [
        reverse("recruitment:opening-list"),
        reverse("recruitment:candidate-list"),
        reverse("recruitment:campaign-list"),
        reverse("recruitment:opening-detail", args=[opening.pk]),
    ]
    grow()  # the pages hold something at the first size too
    client = client_for(world.member)
    for url in pages:
        assert_constant_queries(client, url, grow)


def test_a_known_person_is_never_attached_or_shown_to_a_referrer_outside_their_project(
    world, jobcentre
):
    from samspil.participants.identifiers import parse_cpr
    from samspil.participants.models import Enrolment, Participant

    known = Participant(name="Peter Madsen")
    known.set_identifier(parse_cpr("110275-2679"))
    known.save()
    Enrolment.objects.create(participant=known, project=world.project_b, entry_date=TODAY)
    candidate = Candidate(
        jobcentre=jobcentre,
        project=world.project_a,
        unemployed_since=TODAY,
        available_from=TODAY,
    )
    with pytest.raises(ValidationError) as refused:
        services.refer_candidate(
            actor=world.member,
            candidate=candidate,
            identifier=parse_cpr("110275-2679"),
            person={"name": "X"},
        )
    assert "personal_id" in refused.value.message_dict
    assert "Peter Madsen" not in str(refused.value)
    assert not Candidate.objects.exists()


def test_the_pipeline_keeps_its_rules(world, jobcentre, opening):
    candidate = make_candidate(world, jobcentre)
    f.ProjectMembershipFactory(user=world.operator, project=world.project_b)
    elsewhere = make_candidate(world, jobcentre, project=world.project_b)
    with pytest.raises(ValidationError) as other_project:
        services.refer(actor=world.operator, opening=opening, candidate=elsewhere)
    assert "candidate" in other_project.value.message_dict
    proposal = services.refer(actor=world.member, opening=opening, candidate=candidate)
    world.project_a.start_date, world.project_a.end_date = TODAY - YEAR, TODAY - DAY
    world.project_a.save()
    with pytest.raises(ValidationError) as ended:
        services.move(actor=world.member, proposal=proposal, stage=Proposal.Stage.STARTED)
    assert "stage_on" in ended.value.message_dict  # the project has ended: no start
    proposal.refresh_from_db()
    assert proposal.stage == Proposal.Stage.REFERRED
    world.project_a.end_date = TODAY + YEAR
    world.project_a.save()
    services.move(actor=world.member, proposal=proposal, stage=Proposal.Stage.STARTED)
    with pytest.raises(ValidationError):
        services.move(actor=world.member, proposal=proposal, stage=Proposal.Stage.REFERRED)


def test_a_candidate_moves_only_to_a_jobcentre_the_user_works_at(world, jobcentre):
    candidate = make_candidate(world, jobcentre)
    candidate.jobcentre = f.OrganisationFactory(name="Jobcenter Testby")
    with pytest.raises(ValidationError) as refused:
        services.save_candidate(actor=world.member, candidate=candidate)
    assert "jobcentre" in refused.value.message_dict
    assert Candidate.objects.get().jobcentre == jobcentre


def test_the_rotation_on_an_opening_shows_its_substitute_only_to_those_who_may_see_them(
    world, jobcentre, client_for
):
    from samspil.organisations.models import OrganisationKind, System
    from samspil.recruitment.models import Rotation

    post = Opening.objects.create(
        company=world.company,
        project=world.project_a,
        kind=Opening.Kind.ROTATION,
        role="CNC-operatør",
        hours_per_week=37,
        start_date=TODAY,
        end_date=TODAY + datetime.timedelta(days=90),
    )
    substitute = make_candidate(world, jobcentre, name="Morten Vestergaard")
    Proposal.objects.create(opening=post, candidate=substitute, stage_on=TODAY)
    Rotation.objects.create(
        opening=post,
        substitute=substitute,
        employee="Karsten Holm",
        employee_employed_since=datetime.date(2015, 3, 1),
        training_hours=148,
    )
    randers = f.OrganisationFactory(
        name="Jobcenter Testby", kind=OrganisationKind.EMPLOYMENT, system=System.EMPLOYMENT
    )
    stranger = f.UserFactory(username="randers")
    f.OrganisationMembershipFactory(user=stranger, organisation=randers)
    url = reverse("recruitment:opening-detail", args=[post.pk])
    page = client_for(stranger).get(url).content.decode()
    assert "CNC-operatør" in page and "Morten Vestergaard" not in page
    assert "Morten Vestergaard" in client_for(world.member).get(url).content.decode()
    odd = reverse("recruitment:opening-create") + "?fra=henvisning&id=abc"
    assert client_for(world.member).get(odd).status_code == 404


def test_the_team_edits_and_closes_its_opening_on_its_page(world, jobcentre, opening, client_for):
    url = reverse("recruitment:opening-detail", args=[opening.pk])
    data = {
        "action": "edit",
        "company": world.company.pk,
        "project": world.project_a.pk,
        "kind": "vacancy",
        "role": "Automatiktekniker",
        "education_level": "skilled",
        "hours_per_week": "37",
        "start_date": (TODAY + YEAR).isoformat(),
        "end_date": TODAY.isoformat(),
        "status": "closed",
    }
    page = client_for(world.member).post(url, data).content.decode()
    assert "Perioden slutter, før den begynder." in page
    opening.refresh_from_db()
    assert opening.status == Opening.Status.OPEN  # nothing saved
    data["end_date"] = ""
    assert client_for(world.member).post(url, data).status_code == 302
    opening.refresh_from_db()
    assert opening.status == Opening.Status.CLOSED
    # Jobcentre Randers sees every opening but does not keep this one.
    assert client_for(world.other_member).post(url, data).status_code == 403


def test_a_candidate_is_exported_to_the_operator_and_anonymised_when_the_project_has_ended(
    world, jobcentre
):
    from samspil.participants import services as people

    candidate = make_candidate(world, jobcentre, name="Hanne Lykke", wishes="Deltid")
    person = candidate.person
    assert people.may_export_everything(world.operator, person)
    assert not people.may_export_everything(world.member, person)
    export = people.data_subject_export(actor=world.operator, participant=person)
    assert export["candidacy"]["wishes"] == "Deltid"
    assert export["candidacy"]["jobcentre"] == "Jobcenter Herning"
    world.project_a.end_date = TODAY - YEAR
    world.project_a.save()
    assert people.anonymise_ended_projects(before=TODAY) == 1
    person.refresh_from_db()
    candidate.refresh_from_db()
    assert person.name == "" and candidate.wishes == ""
