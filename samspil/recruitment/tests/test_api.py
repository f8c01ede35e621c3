"""The recruitment API: openings with candidates ranked for them, candidates referred with a
masked identifier and every view logged, the pipeline ending in an enrolment, job rotations
refused for a broken rule unless an operator records an exception, and campaigns; each scoped
like the pages."""

import datetime
import itertools
from decimal import Decimal

import pytest

from samspil.catalogue.models import CompetenceArea
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import AccessLog, EmploymentStatus, Participant
from samspil.recruitment import services
from samspil.recruitment.models import Campaign, Candidate, Opening, Proposal, Rotation
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
AREA = "Automation og robotter"
SERIALS = itertools.count(2000)
API = "/api/v1"


@pytest.fixture
def centre(world):
    """Jobcenter Herning; ``world.member`` does not work there but is on project A's team."""
    world.company = f.CompanyFactory(name="Ikast Metal ApS")
    return f.OrganisationFactory(kind="employment", system="employment", name="Jobcenter Herning")


def refer(world, centre, *, actor=None, consent=True, name=None, cpr=None, **fields) -> Candidate:
    """A candidate of project A referred through the service (born 1990 unless ``cpr``)."""
    serial = next(SERIALS)
    values = {
        "jobcentre": centre,
        "project": world.project_a,
        "consent_given_on": datetime.date(2024, 1, 1) if consent else None,
        "unemployed_since": datetime.date(2024, 1, 1),
        "available_from": datetime.date(2024, 1, 1),
        **fields,
    }
    return services.refer_candidate(
        actor=actor or world.operator,
        candidate=Candidate(**values),
        identifier=parse_cpr(cpr or f"010190-{serial}"),
        person={"name": name or f"Kandidat {serial}", "gender": "male"},
    )


def make_opening(world, **fields) -> Opening:
    values = {
        "company": world.company,
        "project": world.project_a,
        "role": "Automatiktekniker",
        "hours_per_week": Decimal(37),
        "start_date": TODAY + datetime.timedelta(days=30),
        **fields,
    }
    opening = Opening.objects.create(**values)
    opening.competence_areas.add(CompetenceArea.objects.get(name=AREA))
    return opening


def logged(user, candidate) -> int:
    return AccessLog.objects.filter(
        user=user, participant=candidate.person, action=AccessLog.Action.VIEW
    ).count()


# Openings -----------------------------------------------------------------------------------


def test_the_team_keeps_openings_and_jobcentres_see_them(world, centre, api_for):
    api = api_for(world.member)
    response = api.post(
        f"{API}/openings/",
        {
            "company": world.company.pk,
            "project": world.project_a.pk,
            "kind": "vacancy",
            "role": "CNC-operatør",
            "hours_per_week": "37",
            "start_date": "2025-03-01",
            "competence_areas": [AREA],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    opening = Opening.objects.get(pk=response.json()["id"])
    assert opening.created_by == world.member
    assert opening.municipality == world.company.municipality  # from the company
    assert [a.name for a in opening.competence_areas.all()] == [AREA]
    assert response.json()["status"] == "open"

    detail = f"{API}/openings/{opening.pk}/"
    response = api.patch(detail, {"role": "CNC-tekniker", "esco_skills": []}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["competence_areas"] == [AREA]  # kept when not given
    opening.refresh_from_db()
    assert opening.role == "CNC-tekniker"
    # A substitute post needs an end date: the model's rule, named by field.
    response = api.patch(detail, {"kind": "rotation"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()

    # World B's consultant works at a jobcentre: sees every opening, changes none of A's.
    other = api_for(world.other_member)
    assert [o["id"] for o in other.get(f"{API}/openings/").json()["results"]] == [opening.pk]
    assert other.patch(detail, {"role": "X"}, format="json").status_code == 403
    response = other.post(
        f"{API}/openings/",
        {
            "company": world.company.pk,
            "project": world.project_a.pk,
            "role": "X",
            "hours_per_week": "37",
            "start_date": "2025-03-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "project" in response.json()
    # Someone outside sees nothing and creates nothing.
    outsider = api_for(world.outsider)
    assert outsider.get(f"{API}/openings/").json()["results"] == []
    assert outsider.get(detail).status_code == 404
    assert outsider.post(f"{API}/openings/", {}, format="json").status_code == 403


def test_candidates_are_ranked_for_an_opening_and_the_view_is_logged(world, centre, api_for):
    opening = make_opening(world, education_level="skilled")
    best = refer(world, centre, name="Hanne Lykke", education_level="skilled")
    best.competence_areas.add(CompetenceArea.objects.get(name=AREA))
    second = refer(world, centre, name="Ali Yilmaz", education_level="unskilled")
    refer(world, centre, name="Uden Samtykke", consent=False)
    url = f"{API}/openings/{opening.pk}/candidates/"
    response = api_for(world.member).get(url)
    assert response.status_code == 200
    found = response.json()
    assert [(c["candidate"], c["name"]) for c in found] == [
        (best.pk, "Hanne Lykke"),
        (second.pk, "Ali Yilmaz"),
    ]
    top, other = found
    assert top["jobcentre"] == "Jobcenter Herning"
    assert top["score"] > other["score"]
    assert f"Fælles kompetenceområder: {AREA}" in top["reasons"]
    assert (top["gap"], other["gap"]) == (False, True)
    assert other["training"] == []  # no course in the catalogue closes it
    assert logged(world.member, best) == 1 and logged(world.member, second) == 1
    assert AccessLog.objects.filter(user=world.member).count() == 2  # not the one refusing
    # World B's consultant sees the opening, but none of project A's candidates.
    assert api_for(world.other_member).get(url).json() == []
    assert api_for(world.outsider).get(url).status_code == 404


# Candidates ---------------------------------------------------------------------------------


def _referral(centre, world, **changes) -> dict:
    return {
        "personal_id_type": "cpr",
        "personal_id": "010190-1234",
        "name": "Hanne Lykke",
        "gender": "female",
        "jobcentre": centre.pk,
        "project": world.project_a.pk,
        "consent_given_on": "2025-01-02",
        "unemployed_since": "2024-06-01",
        "available_from": "2025-02-01",
        "competence_areas": [AREA],
        **changes,
    }


def test_a_referred_candidate_keeps_the_identifier_masked_and_encrypted(world, centre, api_for):
    api = api_for(world.member)
    response = api.post(f"{API}/candidates/", _referral(centre, world), format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["identifier_masked"] == "010190-xxxx"
    assert "1234" not in response.content.decode()
    assert "personal_id" not in answer and "personal_id_type" not in answer
    assert answer["has_consent"] is True and answer["name"] == "Hanne Lykke"
    candidate = Candidate.objects.get(pk=answer["id"])
    person = candidate.person
    assert answer["person"] == person.pk
    assert person.identifier_masked == "010190-xxxx"
    assert "1234" not in person.identifier_encrypted
    assert person.identifier() == "0101901234"
    assert person.birth_date == datetime.date(1990, 1, 1)  # from the CPR number
    assert (person.gender, person.jobcentre) == ("female", centre)
    assert [a.name for a in candidate.competence_areas.all()] == [AREA]
    assert logged(world.member, candidate) == 1

    # The same person again, or a number that is none, is refused on the identifier.
    again = api.post(f"{API}/candidates/", _referral(centre, world), format="json")
    assert again.status_code == 400 and "personal_id" in again.json()
    wrong = _referral(centre, world, personal_id="320190-1234")
    response = api.post(f"{API}/candidates/", wrong, format="json")
    assert response.status_code == 400 and "personal_id" in response.json()
    assert Participant.objects.count() == 1
    # Consent withdrawn before it was given: the model's rule, by field.
    wrong = _referral(centre, world, personal_id="010190-1236", consent_withdrawn_on="2024-01-01")
    response = api.post(f"{API}/candidates/", wrong, format="json")
    assert response.status_code == 400 and "consent_withdrawn_on" in response.json()
    # Not to a project you do not see, and not at all without working with companies.
    other = api_for(world.other_member)
    wrong = _referral(centre, world, personal_id="010190-1238")
    response = other.post(f"{API}/candidates/", wrong, format="json")
    assert response.status_code == 400 and "project" in response.json()
    assert api_for(world.outsider).post(f"{API}/candidates/", wrong).status_code == 403
    assert Participant.objects.count() == 1


def test_candidates_are_seen_by_their_jobcentre_and_the_team_and_every_view_logged(
    world, centre, api_for
):
    hanne = refer(world, centre, name="Hanne Lykke")
    ali = refer(world, centre, name="Ali Yilmaz")
    api = api_for(world.member)
    listing = api.get(f"{API}/candidates/")
    assert [c["name"] for c in listing.json()["results"]] == ["Ali Yilmaz", "Hanne Lykke"]
    assert "identifier_encrypted" not in listing.content.decode()
    assert logged(world.member, hanne) == 1 and logged(world.member, ali) == 1
    detail = f"{API}/candidates/{hanne.pk}/"
    answer = api.get(detail).json()
    assert answer["identifier_masked"] == hanne.person.identifier_masked
    assert logged(world.member, hanne) == 2 and logged(world.member, ali) == 1

    response = api.patch(
        detail, {"wishes": "Gerne deltid", "consent_withdrawn_on": "2025-01-01"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["has_consent"] is False
    hanne.refresh_from_db()
    assert hanne.wishes == "Gerne deltid" and not hanne.has_consent

    # Another partnership and someone outside: nothing, and nothing logged.
    for user in (world.other_member, world.outsider):
        client = api_for(user)
        assert client.get(f"{API}/candidates/").json()["results"] == []
        assert client.get(detail).status_code == 404
        assert client.patch(detail, {"wishes": "x"}, format="json").status_code == 404
        assert not AccessLog.objects.filter(user=user).exists()
    # A jobcentre colleague outside the project sees the jobcentre's candidates.
    colleague = f.UserFactory(username="jobcenter-kollega")
    f.OrganisationMembershipFactory(user=colleague, organisation=centre)
    assert api_for(colleague).get(detail).status_code == 200
    assert logged(colleague, hanne) == 1


def test_openings_are_ranked_for_a_consenting_candidate(world, centre, api_for):
    opening = make_opening(world)
    candidate = refer(world, centre)
    candidate.competence_areas.add(CompetenceArea.objects.get(name=AREA))
    api = api_for(world.member)
    found = api.get(f"{API}/candidates/{candidate.pk}/openings/").json()
    assert [(o["opening"], o["role"], o["company"]) for o in found] == [
        (opening.pk, "Automatiktekniker", "Ikast Metal ApS")
    ]
    assert found[0]["score"] > 0 and found[0]["reasons"] and found[0]["training"] == []
    assert logged(world.member, candidate) == 1
    without = refer(world, centre, consent=False)
    assert api.get(f"{API}/candidates/{without.pk}/openings/").json() == []


# The pipeline -------------------------------------------------------------------------------


def test_a_candidate_without_consent_is_refused_a_place_in_the_pipeline(world, centre, api_for):
    opening = make_opening(world)
    api = api_for(world.member)
    without = refer(world, centre, consent=False)
    data = {"opening": opening.pk, "candidate": without.pk}
    response = api.post(f"{API}/proposals/", data, format="json")
    assert response.status_code == 400 and "candidate" in response.json()
    assert not Proposal.objects.exists()

    consenting = refer(world, centre)
    data = {"opening": opening.pk, "candidate": consenting.pk}
    response = api.post(f"{API}/proposals/", data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["stage"] == "referred"
    again = api.post(f"{API}/proposals/", data, format="json")
    assert again.status_code == 400 and "candidate" in again.json()
    # Stage, date and reason move only through ``move``.
    proposal = Proposal.objects.get()
    assert api.patch(f"{API}/proposals/{proposal.pk}/", {"stage": "started"}).status_code == 405
    # Withdrawn consent: not shown to the company.
    consenting.consent_withdrawn_on = TODAY
    consenting.save()
    moved = api.post(f"{API}/proposals/{proposal.pk}/move/", {"stage": "proposed"})
    assert moved.status_code == 400 and "candidate" in moved.json()
    proposal.refresh_from_db()
    assert proposal.stage == "referred"


def test_the_pipeline_is_filtered_and_scoped(world, centre, api_for):
    opening, other_opening = make_opening(world), make_opening(world, role="Svejser")
    first, second = refer(world, centre), refer(world, centre)
    services.refer(actor=world.member, opening=opening, candidate=first)
    services.refer(actor=world.member, opening=other_opening, candidate=second)
    moved = services.refer(actor=world.member, opening=opening, candidate=second)
    services.move(actor=world.member, proposal=moved, stage="proposed")
    api = api_for(world.member)

    def ids(query):
        return [p["id"] for p in api.get(f"{API}/proposals/?{query}").json()["results"]]

    assert len(ids("")) == 3
    assert ids(f"opening={opening.pk}") == sorted(
        Proposal.objects.filter(opening=opening).values_list("pk", flat=True)
    )
    assert ids(f"candidate={second.pk}&stage=proposed") == [moved.pk]
    for user in (world.other_member, world.outsider):
        client = api_for(user)
        assert client.get(f"{API}/proposals/").json()["results"] == []
        response = client.post(f"{API}/proposals/{moved.pk}/move/", {"stage": "started"})
        assert response.status_code == 404
    # World B's consultant sees project A's openings, but not its candidates.
    response = api_for(world.other_member).post(
        f"{API}/proposals/", {"opening": opening.pk, "candidate": first.pk}, format="json"
    )
    assert response.status_code == 400 and "candidate" in response.json()


@pytest.mark.parametrize(
    "cpr, unemployed_days, status",
    [
        ("010190-2468", 400, EmploymentStatus.LONG_TERM_UNEMPLOYED),  # over 12 months
        ("010190-2470", 300, EmploymentStatus.UNEMPLOYED),  # 34 years old, under 12 months
        # Under 25 (born 2010; the 7th digit 4 puts "10" in the 2000s): over 6 months is long.
        ("010110-4468", 200, EmploymentStatus.LONG_TERM_UNEMPLOYED),
    ],
)
def test_a_start_enrols_the_candidate_in_the_project(
    world, centre, api_for, cpr, unemployed_days, status
):
    opening = make_opening(world)
    candidate = refer(
        world, centre, cpr=cpr, unemployed_since=TODAY - datetime.timedelta(days=unemployed_days)
    )
    proposal = services.refer(actor=world.member, opening=opening, candidate=candidate)
    url = f"{API}/proposals/{proposal.pk}/move/"
    api = api_for(world.member)
    response = api.post(url, {"stage": "not_started"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api.post(url, {"stage": "interviewed"}, format="json")
    assert response.status_code == 200 and "enrolment" not in response.json()

    response = api.post(url, {"stage": "started", "stage_on": str(TODAY)}, format="json")
    assert response.status_code == 200, response.json()
    answer = response.json()
    enrolment = candidate.person.enrolments.get(project=world.project_a)
    assert answer["enrolment"] == enrolment.pk
    assert (answer["stage"], answer["stage_on"]) == ("started", str(TODAY))
    assert enrolment.entry_date == TODAY
    assert enrolment.employment_status == status
    opening.refresh_from_db()
    assert opening.status == Opening.Status.FILLED


# Job rotation -------------------------------------------------------------------------------


@pytest.fixture
def post(world, centre):
    """A substitute post from 1 March 2025 to 31 August 2025, six months (2024's rules apply)."""
    return make_opening(
        world,
        kind=Opening.Kind.ROTATION,
        role="CNC-operatør",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 8, 31),
    )


def _rotation(post, substitute, **changes) -> dict:
    """The rotation's fields, with the substitute put in the post's pipeline first."""
    Proposal.objects.get_or_create(
        opening=post, candidate=substitute, defaults={"stage_on": post.start_date}
    )
    return {
        "opening": post.pk,
        "substitute": substitute.pk,
        "employee": "Karsten Holm",
        "employee_employed_since": "2024-12-01",
        "employee_has_eud_agreement": False,
        "training_hours": "148",
        **changes,
    }


def test_a_rotation_that_keeps_the_rules_is_saved_with_its_checks_and_subsidy(
    world, centre, post, api_for
):
    substitute = refer(world, centre, unemployed_since=datetime.date(2024, 9, 1))
    api = api_for(world.member)
    response = api.post(f"{API}/rotations/", _rotation(post, substitute), format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["broken_rules"] == [] and answer["exception_by"] is None
    assert all(check["ok"] for check in answer["checks"])
    assert {check["code"] for check in answer["checks"]} == {
        "substitute_unemployed",
        "post_max_months",
        "post_min_hours",
        "employee_employed",
        "no_eud_agreement",
    }
    assert answer["subsidy"] == "30069.16"  # 148 hours at 203.17 DKK
    # Logged: the checks tell how long the substitute has been unemployed.
    assert logged(world.member, substitute) == 1
    detail = f"{API}/rotations/{answer['id']}/"
    assert api.get(detail).status_code == 200
    assert logged(world.member, substitute) == 2
    # An EUD agreement breaks a rule: refused on that field, the saved rotation unchanged.
    response = api.patch(detail, {"employee_has_eud_agreement": True}, format="json")
    assert response.status_code == 400 and "employee_has_eud_agreement" in response.json()
    assert not Rotation.objects.get().employee_has_eud_agreement
    for user in (world.other_member, world.outsider):
        assert api_for(user).get(f"{API}/rotations/").json()["results"] == []
        assert api_for(user).get(detail).status_code == 404


def test_a_rotation_that_breaks_a_rule_needs_an_operators_exception(world, centre, post, api_for):
    # Unemployed since 1 December 2024: 3 months when the post starts, not 6.
    substitute = refer(world, centre, unemployed_since=datetime.date(2024, 12, 1))
    data = _rotation(post, substitute)
    member = api_for(world.member)
    response = member.post(f"{API}/rotations/", data, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["substitute"]
    assert "6" in response.json()["substitute"][0]
    assert not Rotation.objects.exists()
    # A consultant may not record the exception.
    data["exception_reason"] = "Ingen ledige med 6 måneders ledighed i området"
    response = member.post(f"{API}/rotations/", data, format="json")
    assert response.status_code == 400 and "exception_reason" in response.json()
    assert not Rotation.objects.exists()
    # The project's operator may.
    response = api_for(world.operator).post(f"{API}/rotations/", data, format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["broken_rules"] == ["substitute_unemployed"]
    assert answer["exception_by"] == "operator"
    assert answer["exception_reason"] == data["exception_reason"]
    failed = [check["code"] for check in answer["checks"] if not check["ok"]]
    assert failed == ["substitute_unemployed"]
    saved = Rotation.objects.get()
    assert saved.exception_by == world.operator and saved.broken_rules == failed


def test_a_rule_of_the_post_itself_is_refused_for_the_whole_rotation(world, centre, api_for):
    too_long = make_opening(
        world,
        kind=Opening.Kind.ROTATION,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 9, 2),
    )
    substitute = refer(world, centre, unemployed_since=datetime.date(2024, 1, 1))
    data = _rotation(too_long, substitute)
    response = api_for(world.member).post(f"{API}/rotations/", data, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert not Rotation.objects.exists()


def test_a_rotation_is_checked_without_being_saved(world, centre, post, api_for):
    substitute = refer(world, centre, unemployed_since=datetime.date(2024, 12, 1))
    api = api_for(world.member)
    data = _rotation(post, substitute, employee_has_eud_agreement=True, training_hours="100")
    response = api.post(f"{API}/rotations/check/", data, format="json")
    assert response.status_code == 200, response.json()
    answer = response.json()
    failed = {check["code"] for check in answer["checks"] if not check["ok"]}
    assert failed == {"substitute_unemployed", "no_eud_agreement"}
    assert all(check["message"] for check in answer["checks"])
    assert answer["subsidy"] == "20317.00"
    assert not Rotation.objects.exists()
    # Only a post and a substitute you may see.
    theirs = refer(
        world, f.OrganisationFactory(), actor=world.other_member, project=world.project_b
    )
    response = api.post(f"{API}/rotations/check/", _rotation(post, theirs), format="json")
    assert response.status_code == 400 and "substitute" in response.json()
    response = api_for(world.outsider).post(
        f"{API}/rotations/check/", _rotation(post, substitute), format="json"
    )
    assert response.status_code == 400
    assert {"opening", "substitute"} <= set(response.json())


# Campaigns ----------------------------------------------------------------------------------


def test_a_campaign_counts_its_referrals_and_their_pipeline(world, centre, api_for):
    api = api_for(world.member)
    response = api.post(
        f"{API}/campaigns/",
        {
            "project": world.project_a.pk,
            "title": "Automatik i Herning",
            "jobcentres": [centre.pk],
            "start_date": "2025-01-01",
            "people_reached": 40,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["referred"] == 0
    assert answer["pipeline"] == {stage: 0 for stage in Proposal.Stage.values}
    campaign = Campaign.objects.get(pk=answer["id"])
    opening = make_opening(world)
    for stage in ("referred", "proposed", None):
        candidate = refer(world, centre, campaign=campaign)
        if stage:
            proposal = services.refer(actor=world.member, opening=opening, candidate=candidate)
            services.move(actor=world.member, proposal=proposal, stage=stage)
    detail = f"{API}/campaigns/{campaign.pk}/"
    answer = api.get(detail).json()
    assert answer["referred"] == 3
    assert answer["pipeline"]["referred"] == 1 and answer["pipeline"]["proposed"] == 1
    response = api.patch(detail, {"end_date": "2024-12-31"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()
    response = api.patch(detail, {"title": "Automatik", "jobcentres": []}, format="json")
    assert response.status_code == 400 and "jobcentres" in response.json()
    response = api.patch(detail, {"title": "Automatik"}, format="json")
    assert response.status_code == 200 and response.json()["referred"] == 3
    assert response.json()["jobcentres"] == [centre.pk]
    for user in (world.other_member, world.outsider):
        assert api_for(user).get(f"{API}/campaigns/").json()["results"] == []
        assert api_for(user).get(detail).status_code == 404
    response = api_for(world.other_member).post(
        f"{API}/campaigns/",
        {"project": world.project_a.pk, "title": "X", "jobcentres": [centre.pk]},
        format="json",
    )
    assert response.status_code == 400 and "project" in response.json()


# Cost and schema ----------------------------------------------------------------------------


def test_the_lists_cost_the_same_queries_at_two_sizes(world, centre, api_for):
    campaign = Campaign.objects.create(project=world.project_a, title="Kampagne", start_date=TODAY)
    campaign.jobcentres.add(centre)

    def grow():
        for _n in range(2):
            opening = make_opening(world, kind=Opening.Kind.ROTATION, end_date=TODAY)
            candidate = refer(world, centre, campaign=campaign)
            candidate.competence_areas.add(CompetenceArea.objects.get(name=AREA))
            services.refer(actor=world.member, opening=opening, candidate=candidate)
            Rotation.objects.create(
                opening=opening,
                substitute=candidate,
                employee="Karsten Holm",
                employee_employed_since=datetime.date(2024, 1, 1),
                training_hours=Decimal(100),
            )

    grow()
    api = api_for(world.member)
    for name in ("openings", "candidates", "proposals", "rotations", "campaigns"):
        assert_constant_queries(api, f"{API}/{name}/", grow)


def test_the_schema_describes_the_recruitment_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [
        "/api/v1/openings/{id}/",
        "/api/v1/openings/{id}/candidates/",
        "/api/v1/candidates/{id}/",
        "/api/v1/candidates/{id}/openings/",
        "/api/v1/proposals/{id}/move/",
        "/api/v1/rotations/check/",
        "/api/v1/campaigns/{id}/",
    ]:
        assert path in schema["paths"]
