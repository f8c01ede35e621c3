"""The self-evaluation: its rules, the levels and spread on a hand-checked example, and the
figures from the partnership's own data."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from samspil.partnerships import insights, services
from samspil.partnerships.models import DIMENSION_CODES, EvaluationResponse, Meeting
from samspil.partnerships.models.maturity import summarise
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def all_dimensions(level, **overrides):
    return {code: overrides.get(code, level) for code in DIMENSION_CODES}


@pytest.fixture
def open_round(world):
    return services.start_round(
        actor=world.coordinator,
        partnership=world.partnership_a,
        title="Runde 1",
        opens_on=TODAY() - datetime.timedelta(days=1),
        closes_on=TODAY() + datetime.timedelta(days=10),
    )


def test_summary_of_one_dimension_by_hand():
    summary = summarise([1, 2, 3])
    assert summary["mean"] == 2.0 and str(summary["level"]) == "Klub"
    assert (summary["min"], summary["max"], summary["spread"], summary["n"]) == (1, 3, 0.82, 3)
    assert str(summarise([1, 1, 2])["level"]) == "Kantine"  # mean 1.33
    assert str(summarise([2, 3])["level"]) == "Kompagni"  # mean 2.5 rounds up
    assert summarise([])["level"] is None


def test_members_answer_once_on_the_scale(world, open_round):
    services.submit_evaluation(actor=world.member, round=open_round, ratings=all_dimensions(1))
    with pytest.raises(ValidationError, match="allerede svaret"):
        services.submit_evaluation(actor=world.member, round=open_round, ratings=all_dimensions(2))
    with pytest.raises(ValidationError) as outside:
        services.submit_evaluation(
            actor=world.coordinator, round=open_round, ratings=all_dimensions(2, mandate=4)
        )
    assert outside.value.message_dict["mandate"] == [
        "En vurdering er 1 (kantine), 2 (klub) eller 3 (kompagni)."
    ]
    with pytest.raises(ValidationError) as missing:
        services.submit_evaluation(
            actor=world.coordinator, round=open_round, ratings={"coordination": 2}
        )
    assert "shared_understanding" in missing.value.message_dict
    with pytest.raises(PermissionDenied):
        services.submit_evaluation(
            actor=world.other_member, round=open_round, ratings=all_dimensions(2)
        )
    assert EvaluationResponse.objects.count() == 1


def test_a_closed_round_takes_no_answers(world):
    past = services.start_round(
        actor=world.coordinator,
        partnership=world.partnership_a,
        title="Gammel",
        opens_on=TODAY() - datetime.timedelta(days=30),
        closes_on=TODAY() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="ikke åben"):
        services.submit_evaluation(actor=world.member, round=past, ratings=all_dimensions(2))


def test_members_answer_through_the_page_and_the_page_shows_levels_over_two_rounds(
    client_for, world
):
    first = services.start_round(
        actor=world.coordinator,
        partnership=world.partnership_a,
        title="Runde 1",
        opens_on=TODAY() - datetime.timedelta(days=60),
        closes_on=TODAY() - datetime.timedelta(days=40),
    )
    from samspil.partnerships.models import EvaluationRating

    for user, level in ((world.member, 1), (world.coordinator, 1)):
        response = EvaluationResponse.objects.create(round=first, respondent=user)
        EvaluationRating.objects.bulk_create(
            EvaluationRating(response=response, dimension=c, level=level) for c in DIMENSION_CODES
        )
    second = services.start_round(
        actor=world.coordinator,
        partnership=world.partnership_a,
        title="Runde 2",
        opens_on=TODAY(),
        closes_on=TODAY() + datetime.timedelta(days=7),
    )
    form = {code: "2" for code in DIMENSION_CODES} | {"coordination": "3", "mandate": "9"}
    page = client_for(world.member).post(second.get_absolute_url(), form)
    assert page.status_code == 200 and "mandate" in page.context["form"].errors  # outside the scale
    assert not second.responses.exists()
    form["mandate"] = "2"
    response = client_for(world.member).post(second.get_absolute_url(), form)
    assert response.status_code == 302
    client_for(world.coordinator).post(
        second.get_absolute_url(), {code: "2" for code in DIMENSION_CODES}
    )
    page = client_for(world.member).get(
        reverse("partnerships:maturity", args=[world.partnership_a.pk])
    )
    rows = {row["dimension"].code: row["cells"] for row in page.context["rows"]}
    assert [c["mean"] for c in rows["coordination"]] == [1.0, 2.5]
    assert [str(c["level"]) for c in rows["coordination"]] == ["Kantine", "Kompagni"]
    assert rows["coordination"][1]["spread"] == 0.5
    html = page.content.decode()
    assert "maturity-chart" in html and "Niveau pr. dimension og runde" in html


def test_figures_from_the_data_on_a_hand_checked_example(world, lks):
    partnership = world.partnership_a
    day = TODAY() - datetime.timedelta(days=20)
    for kind in ("joint_visit", "visit", "visit", "joint_visit"):
        f.ContactFactory(partnership=partnership, kind=kind, date=day)
    f.ContactFactory(
        partnership=partnership,
        kind="visit",
        status="planned",
        date=TODAY() + datetime.timedelta(days=3),
    )
    meeting = Meeting.objects.create(partnership=partnership, date=day)
    cases = [
        services.open_case(
            actor=world.member,
            partnership=partnership,
            company=lks["company"],
            need=n,
            referred_on=day - datetime.timedelta(days=d),
        )
        for n, d in (("a", 10), ("b", 20), ("c", 6))
    ]
    services.decide_case(
        actor=world.coordinator,
        case=cases[0],
        text="1",
        systems=["employment", "education"],
        meeting=meeting,
    )
    services.decide_case(
        actor=world.coordinator, case=cases[1], text="2", systems=["education"], meeting=meeting
    )
    services.decide_case(
        actor=world.coordinator,
        case=cases[2],
        text="3",
        systems=["employment", "education", "business"],
    )
    services.start_round(
        actor=world.coordinator,
        partnership=partnership,
        title="R",
        opens_on=TODAY(),
        closes_on=TODAY() + datetime.timedelta(days=5),
    )
    (summary,) = insights.maturity(partnership)
    figures = summary.figures
    assert (figures.contacts, figures.joint_visits, figures.joint_visit_share) == (4, 2, 50)
    assert figures.systems_per_case == 2.0  # (2 + 1 + 3) / 3
    assert figures.cases_decided_per_meeting == 2.0  # one meeting, two cases decided at it
    # Decided on the meeting day (two) and today (one): 10, 20 and 26 days after referral.
    assert figures.days_to_decision == 20
