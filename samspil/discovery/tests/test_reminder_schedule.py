"""Each survey's own reminder schedule, followed by the scheduler's hourly job: every so many
days after sending, and a last reminder before the deadline; never twice for one round."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samspil.discovery import services
from samspil.discovery.forms import SurveyForm
from samspil.discovery.models import Invitation, Survey
from samspil.discovery.tasks import send_scheduled_reminders

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def sent(world, survey, run_worker):
    survey.deadline = timezone.now() + 10 * DAY
    survey.reminder_interval_days = 3
    survey.save()
    services.send_survey(actor=world.member, survey=survey)
    run_worker()
    mail.outbox.clear()
    return survey


def move_back(survey, days):
    """Pretend the survey was sent ``days`` days ago."""
    Survey.objects.filter(pk=survey.pk).update(sent_at=timezone.now() - days * DAY)
    survey.refresh_from_db()


def test_reminders_go_out_on_the_interval_to_those_who_have_not_answered(sent):
    assert send_scheduled_reminders.call() == 0 and mail.outbox == []  # not due yet
    Invitation.objects.filter(email="kim@example.dk").update(answered_at=timezone.now())
    move_back(sent, 3)
    assert send_scheduled_reminders.call() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lene@example.dk", "ole@example.dk"]
    # The hourly job runs again (or a second scheduler ran it): nobody gets a second copy.
    assert send_scheduled_reminders.call() == 0 and len(mail.outbox) == 2
    sent.refresh_from_db()
    assert sent.reminders_sent_at is not None
    assert set(Invitation.objects.values_list("reminders", flat=True)) == {0, 1}


def test_the_next_round_comes_an_interval_after_the_last(sent):
    move_back(sent, 7)  # two intervals missed: one round, not two
    assert send_scheduled_reminders.call() == 3
    Survey.objects.filter(pk=sent.pk).update(reminders_sent_at=timezone.now() - 3 * DAY)
    assert send_scheduled_reminders.call() == 3
    assert set(Invitation.objects.values_list("reminders", flat=True)) == {2}


def test_a_last_reminder_before_the_deadline(sent):
    Survey.objects.filter(pk=sent.pk).update(
        reminder_interval_days=None,
        reminder_days_before_deadline=2,
        deadline=timezone.now() + DAY,  # inside the last two days
    )
    move_back(sent, 2)
    assert send_scheduled_reminders.call() == 3
    assert send_scheduled_reminders.call() == 0


def test_no_schedule_closed_or_draft_surveys_get_no_automatic_reminders(world, sent, survey):
    Survey.objects.filter(pk=sent.pk).update(reminder_interval_days=None)
    move_back(sent, 30)
    assert send_scheduled_reminders.call() == 0
    Survey.objects.filter(pk=sent.pk).update(
        reminder_interval_days=1, deadline=timezone.now() - DAY
    )
    assert send_scheduled_reminders.call() == 0
    assert mail.outbox == []


def test_the_schedule_is_set_on_the_survey_form_and_checked(workshop):
    data = {
        "title": "Behov",
        "deadline": (timezone.localtime() + 10 * DAY).strftime("%Y-%m-%dT%H:%M"),
        "reminder_interval_days": "0",
        "reminder_days_before_deadline": "2",
    }
    form = SurveyForm(data, workshop=workshop)
    assert not form.is_valid() and "reminder_interval_days" in form.errors
    data["reminder_interval_days"] = "4"
    form = SurveyForm(data, workshop=workshop)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reminder_interval_days"] == 4
