"""Recruitment at a region's size: the database ranks every candidate (and every opening) with
the same score the reasons give, only a short list is paired in Python; the lists come a page
at a time and log only the candidates they show."""

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from samspil.catalogue.models import CompetenceArea, EscoSkill, Level
from samspil.core.models import Municipality
from samspil.participants.models import AccessLog
from samspil.recruitment import matching
from samspil.recruitment.models import Campaign, Candidate, Opening
from samspil.recruitment.tests.conftest import make_candidate
from samspil.testing import factories as f
from samspil.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def mixed(world, jobcentre):
    """Candidates and openings differing in every respect the score weighs."""
    rng = random.Random(3)
    areas = [CompetenceArea.objects.create(name=f"Område {n}") for n in range(4)]
    skills = [EscoSkill.objects.create(uri=f"http://esco/s{n}", label_da=f"S{n}") for n in range(3)]
    places = list(Municipality.objects.order_by("code")[:3]) + [
        Municipality.objects.exclude(region=Municipality.objects.first().region).first()
    ]
    levels = ["", Level.UNSKILLED, Level.SKILLED, Level.ACADEMY]
    people = []
    for n in range(12):
        candidate = make_candidate(
            world,
            jobcentre,
            education_level=rng.choice(levels),
            municipality=rng.choice([*places, None]),
            available_from=TODAY + datetime.timedelta(days=rng.choice([-5, 40])),
            hours_per_week=Decimal(rng.choice([15, 37])),
            name=f"Kandidat {n:02d}",
        )
        candidate.competence_areas.set(rng.sample(areas, rng.randint(0, 3)))
        candidate.esco_skills.set(rng.sample(skills, rng.randint(0, 2)))
        people.append(candidate)
    openings = []
    for n in range(6):
        opening = Opening.objects.create(
            company=world.company,
            project=world.project_a,
            role=f"Stilling {n}",
            education_level=rng.choice(levels),
            municipality=rng.choice([*places, None]),
            hours_per_week=Decimal(rng.choice([20, 37])),
            start_date=TODAY + datetime.timedelta(days=rng.choice([0, 30])),
        )
        opening.competence_areas.set(rng.sample(areas, rng.randint(0, 3)))
        opening.esco_skills.set(rng.sample(skills, rng.randint(0, 2)))
        openings.append(opening)
    return people, openings


def test_the_database_scores_every_pair_as_the_reasons_do(world, mixed):
    people, openings = mixed
    scores = set()
    for opening in openings:
        scored = matching._scored_candidates(opening, Candidate.objects.all())
        for candidate in scored:
            expected = matching.pair(opening, candidate).score
            assert round(candidate.db_score, 2) == expected, (opening, candidate)
            scores.add(expected)
    for candidate in people:
        scored = matching._scored_openings(candidate, Opening.objects.all())
        for opening in scored:
            expected = matching.pair(opening, candidate).score
            assert round(opening.db_score, 2) == expected, (opening, candidate)
    assert len(scores) > 10  # the pairs differ in many ways, not one


def test_the_short_list_is_the_best_of_all(world, mixed):
    people, openings = mixed
    for opening in openings:
        everyone = sorted(
            (matching.pair(opening, c) for c in matching.candidates(world.member)),
            key=lambda p: (-p.score, p.candidate.person.name, p.candidate.pk),
        )
        assert len(everyone) == 12
        found = matching.candidates_for(opening, world.member, top=3)
        assert [p.score for p in found] == [p.score for p in everyone[:3]]


def test_the_candidate_list_comes_a_page_at_a_time_and_logs_only_those_shown(
    client_for, world, jobcentre
):
    for n in range(51):
        make_candidate(world, jobcentre, name=f"Person {n:02d}")
    client = client_for(world.member)
    before = AccessLog.objects.filter(detail="candidates").count()
    first = client.get(reverse("recruitment:candidate-list"))
    assert len(first.context["candidates"]) == 50
    assert AccessLog.objects.filter(detail="candidates").count() - before == 50
    second = client.get(reverse("recruitment:candidate-list"), {"page": 2})
    assert [c.person.name for c in second.context["candidates"]] == ["Person 50"]


def test_the_detail_pages_cost_the_same_queries_at_two_sizes(client_for, world, jobcentre):
    campaign = Campaign.objects.create(project=world.project_a, title="Kampagne", start_date=TODAY)
    campaign.jobcentres.add(jobcentre)
    candidate = make_candidate(world, jobcentre, campaign=campaign)
    opening = Opening.objects.create(
        company=world.company,
        project=world.project_a,
        role="Operatør",
        hours_per_week=37,
        start_date=TODAY,
    )

    def grow():
        for _n in range(3):
            make_candidate(world, jobcentre, campaign=campaign)
            Opening.objects.create(
                company=f.CompanyFactory(),
                project=world.project_a,
                role="Tekniker",
                hours_per_week=37,
                start_date=TODAY,
            )
            Campaign.objects.create(project=world.project_a, title="Flere", start_date=TODAY)

    grow()
    client = client_for(world.member)
    for url in [
        candidate.get_absolute_url(),
        campaign.get_absolute_url(),
        opening.get_absolute_url(),
    ]:
        assert_constant_queries(client, url, grow)
