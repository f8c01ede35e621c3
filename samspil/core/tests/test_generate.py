"""`samspil generate`: scale data on top of the demo, seen by the demo's accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from samspil.companies.models import Company, Contact
from samspil.core.scale.generate import BIG_PROJECT, SURVEY_TITLE, Sizes, generate
from samspil.discovery.models import Answer
from samspil.participants.identifiers import parse_cpr
from samspil.participants.models import Enrolment, Participant

pytestmark = pytest.mark.django_db

TINY = Sizes(
    companies=40,
    contacts=400,
    participants=60,
    offerings=5,
    survey_companies=12,
    statements=4,
    candidates=5,
    openings=3,
    notes=4,
    plans=2,
)


@pytest.fixture
def demo():
    call_command("demo", verbosity=0)


def fingerprint() -> dict:
    """What a user would see of the generated rows (ids and timestamps aside)."""
    generated = Company.objects.filter(cvr__gte="40000000")
    return {
        "companies": list(generated.order_by("cvr").values_list("cvr", "name", "employees")),
        "contacts": list(
            Contact.objects.filter(company__in=generated)
            .values_list("company__cvr")
            .annotate(n=Count("pk"))
            .order_by("company__cvr")
        ),
        "participants": sorted(Participant.objects.values_list("identifier_hash", "name")),
        "enrolments": sorted(
            Enrolment.objects.values_list(
                "participant__identifier_hash", "project__code", "entry_date", "isced"
            )
        ),
        "answers": sorted(
            Answer.objects.values_list("invitation__company__cvr", "statement__text", "relevance")
        ),
    }


def test_generate_writes_the_requested_counts_on_top_of_the_demo(demo):
    companies, participants = Company.objects.count(), Participant.objects.count()
    result = generate(TINY, seed=3)
    assert Company.objects.count() == companies + 40
    assert result["counts"]["companies"] == 40
    generated = Company.objects.filter(cvr__gte="40000000")
    assert Contact.objects.filter(company__in=generated).count() == 400
    # a few companies with many contacts, most with a handful
    busiest = generated.annotate(n=Count("contacts")).order_by("-n").first()
    assert busiest.n == 100
    # the participants, plus the candidates (who are people too)
    assert Participant.objects.count() == participants + 60 + 5
    assert Enrolment.objects.filter(project__code=BIG_PROJECT).count() >= 7 + 60 // 2
    assert Answer.objects.filter(invitation__survey__title=SURVEY_TITLE).count() > 0


def test_a_big_company_has_over_a_thousand_contacts(demo):
    generate(Sizes(companies=50, contacts=8000, participants=0, survey_companies=5), seed=1)
    counts = (
        Contact.objects.filter(company__cvr__gte="40000000")
        .values("company")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    assert counts[0]["n"] >= 1000
    assert sorted(c["n"] for c in counts)[len(counts) // 2] < 100  # most have a handful


def test_the_demo_personas_see_the_generated_data_and_identifiers_decrypt(demo, client):
    generate(TINY, seed=3)
    User = get_user_model()
    company = Company.objects.filter(cvr__gte="40000000").order_by("name").first()
    client.force_login(User.objects.get(username="konsulent2"))
    response = client.get(reverse("companies:detail", args=[company.pk]))
    assert response.status_code == 200
    assert company.name in response.content.decode()

    client.force_login(User.objects.get(username="operator"))
    enrolment = (
        Enrolment.objects.filter(project__code=BIG_PROJECT, participant__name__contains=" ")
        .order_by("-pk")
        .first()
    )
    response = client.get(
        reverse("participants:participant-detail", args=[enrolment.participant_id])
    )
    assert response.status_code == 200
    assert enrolment.participant.identifier_masked in response.content.decode()
    for person in Participant.objects.order_by("-pk")[:65]:
        identifier = parse_cpr(person.identifier())  # decrypts, and is a valid CPR number
        assert identifier.masked == person.identifier_masked
        assert identifier.birth_date == person.birth_date


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(demo):
    seen = []
    for seed in (5, 5, 6):
        with transaction.atomic():
            generate(TINY, seed=seed)
            seen.append(fingerprint())
            transaction.set_rollback(True)
    assert seen[0] == seen[1]
    assert seen[0]["companies"] != seen[2]["companies"]
    assert seen[0]["participants"] != seen[2]["participants"]


def test_the_command_builds_the_demo_when_it_is_missing(reference_data):
    call_command(
        "generate",
        companies=10,
        contacts=30,
        participants=5,
        survey_companies=3,
        statements=2,
        verbosity=0,
        stdout=io.StringIO(),
    )
    assert get_user_model().objects.filter(username="operator").exists()
    assert Company.objects.filter(cvr__gte="40000000").count() == 10
