"""Sending the survey: one personal link per person and company, e-mailed by the task worker,
never twice; statements frozen once sent; reminders to those who have not answered."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samspil.discovery import services
from samspil.discovery.models import Invitation, Statement

pytestmark = pytest.mark.django_db(transaction=True)


def test_sending_emails_each_contact_person_their_own_link_once(world, survey, run_worker):
    count = services.send_survey(actor=world.member, survey=survey)
    assert count == 3 and len(mail.outbox) == 0  # the worker sends, not the request
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kim@example.dk",
        "lene@example.dk",
        "ole@example.dk",
    ]
    tokens = set(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == 3 and all(len(t) >= 40 for t in tokens)
    for message in mail.outbox:
        invitation = Invitation.objects.get(email=message.to[0])
        assert message.subject == "Spørgeskema: Kompetencebehov"
        assert f"/spoergeskema/{invitation.token}/" in message.body
        assert invitation.company.name in message.body
        assert invitation.invited_at is not None
    with pytest.raises(ValidationError, match="allerede udsendt"):
        services.send_survey(actor=world.member, survey=survey)
    run_worker()
    assert len(mail.outbox) == 3  # no duplicates


@pytest.mark.parametrize(
    "change, message",
    [
        ("no_statements", "mindst ét udsagn"),
        ("deadline_passed", "Svarfristen er overskredet"),
        ("no_recipients", "kontaktperson med e-mailadresse"),
    ],
)
def test_a_survey_that_cannot_be_sent_says_why_and_nothing_happens(
    world, survey, change, message, run_worker
):
    if change == "no_statements":
        survey.statements.clear()
    elif change == "deadline_passed":
        survey.deadline = timezone.now() - datetime.timedelta(hours=1)
        survey.save()
    else:
        from samspil.companies.models import ContactPerson

        ContactPerson.objects.update(email="")
    with pytest.raises(ValidationError, match=message):
        services.send_survey(actor=world.member, survey=survey)
    run_worker()
    assert not Invitation.objects.exists() and not mail.outbox
    survey.refresh_from_db()
    assert survey.status == "draft"


def test_statements_are_frozen_once_the_survey_is_sent(world, survey, workshop):
    statement = workshop.statements.first()
    services.save_statement(
        actor=world.member, workshop=workshop, statement=statement, text="Ny ordlyd"
    )
    services.send_survey(actor=world.member, survey=survey)
    with pytest.raises(ValidationError, match="kan ikke længere ændres"):
        services.save_statement(
            actor=world.member, workshop=workshop, statement=statement, text="Igen"
        )
    with pytest.raises(ValidationError):
        services.delete_statement(actor=world.member, statement=statement)
    assert Statement.objects.get(pk=statement.pk).text == "Ny ordlyd"


def test_reminders_go_to_those_who_have_not_answered_once_per_round(world, survey, run_worker):
    services.send_survey(actor=world.member, survey=survey)
    run_worker()
    Invitation.objects.filter(email="lene@example.dk").update(answered_at=timezone.now())
    mail.outbox.clear()
    assert services.remind(actor=world.member, survey=survey) == 2
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@example.dk", "ole@example.dk"]
    assert all(m.subject.startswith("Påmindelse:") for m in mail.outbox)
    run_worker()
    assert len(mail.outbox) == 2
    assert Invitation.objects.get(email="kim@example.dk").reminders == 1


def test_only_the_projects_team_sends(world, survey):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.send_survey(actor=world.other_member, survey=survey)
