"""The job rotation rules at their limits, the rules chosen by year, the subsidy, and the
refusal of a broken rotation unless an operator records an exception."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from samspil.recruitment import rotation, services
from samspil.recruitment.models import Opening, Proposal, Rotation
from samspil.recruitment.tests.conftest import make_candidate

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 3, 1)


def proposed(world, jobcentre, **changes):
    opening = Opening.objects.create(
        company=world.company,
        project=world.project_a,
        kind=Opening.Kind.ROTATION,
        role="CNC-operatør",
        hours_per_week=changes.pop("hours", Decimal(37)),
        start_date=START,
        end_date=changes.pop("end", datetime.date(2025, 8, 31)),
    )
    substitute = make_candidate(
        world,
        jobcentre,
        unemployed_since=changes.pop("unemployed_since", datetime.date(2024, 9, 1)),
    )
    Proposal.objects.create(opening=opening, candidate=substitute, stage_on=START)
    return Rotation(
        opening=opening,
        substitute=substitute,
        employee="Karsten Holm",
        employee_employed_since=changes.pop("employed_since", datetime.date(2024, 12, 1)),
        employee_has_eud_agreement=changes.pop("eud", False),
        training_hours=Decimal(148),
    )


def broken(candidate_rotation) -> set:
    return {check.code for check in rotation.check(candidate_rotation) if not check.ok}


def test_every_rule_holds_at_its_limit_and_breaks_one_step_beyond(world, jobcentre):
    # Unemployed exactly 6 months, post exactly 6 months (1 March to 31 August), 10 hours,
    # employed exactly 3 months.
    at_limit = proposed(world, jobcentre, hours=Decimal(10))
    assert broken(at_limit) == set()
    assert broken(proposed(world, jobcentre, unemployed_since=datetime.date(2024, 9, 2))) == {
        "substitute_unemployed"
    }
    assert broken(proposed(world, jobcentre, end=datetime.date(2025, 9, 1))) == {"post_max_months"}
    assert broken(proposed(world, jobcentre, hours=Decimal("9.9"))) == {"post_min_hours"}
    assert broken(proposed(world, jobcentre, employed_since=datetime.date(2024, 12, 2))) == {
        "employee_employed"
    }
    assert broken(proposed(world, jobcentre, eud=True)) == {"no_eud_agreement"}
    # 148 training hours at 203.17 DKK (2024's rate, still in force in 2025).
    assert rotation.subsidy(at_limit) == Decimal("30069.16")


@override_settings(
    SAMSPIL_JOB_ROTATION_RULES={
        "2024": {
            "substitute_unemployed_months": 6,
            "post_max_months": 6,
            "post_min_hours_per_week": 10,
            "employee_employed_months": 3,
            "subsidy_per_hour": "203.17",
        },
        "2025": {
            "substitute_unemployed_months": 3,
            "post_max_months": 6,
            "post_min_hours_per_week": 10,
            "employee_employed_months": 3,
            "subsidy_per_hour": "210.00",
        },
    }
)
def test_the_rules_of_the_year_the_post_starts_apply(world, jobcentre):
    later = proposed(world, jobcentre, unemployed_since=datetime.date(2024, 12, 1))
    assert broken(later) == set()  # three months is enough from 2025
    assert rotation.subsidy(later) == Decimal("31080.00")
    assert "3 måneder" in rotation.check(later)[0].message


def test_a_broken_rotation_is_refused_naming_the_rule_unless_an_operator_makes_an_exception(
    world, jobcentre
):
    bad = proposed(world, jobcentre, unemployed_since=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.save_rotation(actor=world.member, rotation=bad)
    assert "mindst 6 måneder" in refused.value.message_dict["substitute"][0]
    assert not Rotation.objects.exists()
    with pytest.raises(ValidationError) as not_operator:
        services.save_rotation(actor=world.member, rotation=bad, exception_reason="Særlig aftale")
    assert "exception_reason" in not_operator.value.message_dict
    assert not Rotation.objects.exists()
    saved = services.save_rotation(
        actor=world.operator, rotation=bad, exception_reason="Aftalt med jobcentret"
    )
    assert saved.broken_rules == ["substitute_unemployed"]
    assert saved.exception_by == world.operator


def test_the_substitute_must_be_in_the_posts_pipeline(world, jobcentre):
    outsider = proposed(world, jobcentre)
    outsider.substitute.proposals.all().delete()
    with pytest.raises(ValidationError) as refused:
        services.save_rotation(actor=world.member, rotation=outsider)
    assert "substitute" in refused.value.message_dict and not Rotation.objects.exists()
