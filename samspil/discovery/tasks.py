"""Background work of needs discovery: the survey's e-mails, sent by the task worker.

Each task only e-mails invitations that have not had that e-mail yet and marks them as it goes,
so a task that runs twice (or a survey sent twice) never sends anyone a second copy.

Reminders follow each survey's own schedule (every so many days, and a last one before the
deadline): the scheduler runs ``send_scheduled_reminders`` every hour."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from samspil.core.scheduler import Hourly, periodic
from samspil.discovery.models import Invitation, Survey

logger = logging.getLogger("samspil.jobs")


def survey_link(invitation: Invitation) -> str:
    return settings.SAMSPIL_BASE_URL.rstrip("/") + invitation.get_absolute_url()


def _send(invitation: Invitation, template: str) -> None:
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "survey": invitation.survey,
            "link": survey_link(invitation),
        }
        subject = render_to_string(f"discovery/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"discovery/email/{template}.txt", context)
    send_mail(subject, body, None, [invitation.email])


@task()
def send_survey_invitations(survey_id: int) -> int:
    sent = 0
    pending = Invitation.objects.filter(
        survey_id=survey_id, invited_at__isnull=True, withdrawn=False
    )
    for invitation_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("survey", "company")
                .filter(pk=invitation_id, invited_at__isnull=True)
                .first()
            )
            if invitation is None:
                continue
            _send(invitation, "invitation")
            invitation.invited_at = timezone.now()
            invitation.save(update_fields=["invited_at", "updated_at"])
            sent += 1
    return sent


@task()
def send_survey_reminders(survey_id: int, not_reminded_since: str) -> int:
    """Remind those invited who have not answered, once per reminder round."""
    sent = 0
    due = Invitation.objects.filter(
        survey_id=survey_id, answered_at__isnull=True, withdrawn=False, invited_at__isnull=False
    ).exclude(reminded_at__gte=not_reminded_since)
    for invitation_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .select_related("survey", "company")
                .filter(pk=invitation_id, answered_at__isnull=True)
                .exclude(reminded_at__gte=not_reminded_since)
                .first()
            )
            if invitation is None:
                continue
            _send(invitation, "reminder")
            invitation.reminded_at = timezone.now()
            invitation.reminders += 1
            invitation.save(update_fields=["reminded_at", "reminders", "updated_at"])
            sent += 1
    return sent


@periodic(Hourly(minute=5))
@task()
def send_scheduled_reminders() -> int:
    """Send each open survey the reminder round its schedule says is due, once: the round is
    taken by moving the survey's last automatic reminder forward, so a second run (or a second
    scheduler) finds nothing due. Returns the number of reminders e-mailed."""
    now = timezone.now()
    surveys = Survey.objects.filter(status=Survey.Status.SENT, deadline__gte=now).exclude(
        reminder_interval_days__isnull=True, reminder_days_before_deadline__isnull=True
    )
    sent = rounds = 0
    for survey in surveys:
        if survey.reminder_due(now) is None:
            continue
        taken = Survey.objects.filter(
            pk=survey.pk, reminders_sent_at=survey.reminders_sent_at
        ).update(reminders_sent_at=now)
        if not taken:
            continue
        rounds += 1
        count = send_survey_reminders.call(survey.pk, now.isoformat())
        logger.info("Survey %s: scheduled reminder round, %d reminders", survey.pk, count)
        sent += count
    logger.info("Scheduled survey reminders: %d rounds, %d e-mails", rounds, sent)
    return sent
