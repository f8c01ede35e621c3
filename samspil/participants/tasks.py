"""The retention rule, run monthly by the scheduler (samspil.core.scheduler).

Participants whose every project ended more than SAMSPIL_RETENTION_YEARS years ago are
anonymised as `samspil anonymise` does, and the operators of those projects get a report by
e-mail: how many of their project's participants were anonymised. Running it again anonymises
nobody twice (the anonymised are left out) and sends no report when nobody was anonymised."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from samspil.core.scheduler import Monthly, periodic
from samspil.organisations.models import Role
from samspil.participants.models import Participant
from samspil.participants.services import anonymise_ended_projects
from samspil.programmes.models import Project, ProjectMembership

logger = logging.getLogger("samspil.jobs")


def retention_date(today: datetime.date) -> datetime.date:
    """Projects that ended before this day have passed the retention period."""
    years = settings.SAMSPIL_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@periodic(Monthly(day=1, hour=2))
@task()
def apply_retention_rule() -> int:
    started = timezone.now()
    before = retention_date(timezone.localdate())
    count = anonymise_ended_projects(before=before)
    logger.info(
        "Retention rule: %d participants anonymised (projects ended before %s)", count, before
    )
    if count:
        report_to_operators(started, before)
    return count


def report_to_operators(since: datetime.datetime, before: datetime.date) -> int:
    """E-mail each operator of the projects concerned how many of their participants were
    anonymised since ``since``; returns the number of e-mails."""
    per_project = dict(
        Project.objects.filter(enrolments__participant__anonymised_at__gte=since)
        .annotate(anonymised=Count("enrolments__participant", distinct=True))
        .values_list("pk", "anonymised")
    )
    projects = {p.pk: p for p in Project.objects.filter(pk__in=per_project)}
    recipients: dict[str, list] = {}
    memberships = ProjectMembership.objects.filter(
        project__in=per_project, role=Role.OPERATOR, user__is_active=True
    ).exclude(user__email="")
    for user_email, project_id in memberships.values_list("user__email", "project_id"):
        recipients.setdefault(user_email, []).append(projects[project_id])
    total = Participant.objects.filter(anonymised_at__gte=since).count()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("samspil: participants anonymised by the retention rule")
        for email, own in recipients.items():
            lines = [
                _(
                    "The retention rule has anonymised %(total)s participants whose projects "
                    "all ended before %(date)s: identifier, name and contact details are gone; "
                    "gender, birth year and the forms remain for the statistics."
                )
                % {"total": total, "date": before.isoformat()},
                "",
            ]
            lines += [
                _("%(project)s: %(count)s participants")
                % {"project": project.name, "count": per_project[project.pk]}
                for project in sorted(own, key=lambda p: p.name)
            ]
            send_mail(subject, "\n".join(lines) + "\n", None, [email])
    logger.info("Retention report e-mailed to %d operators", len(recipients))
    return len(recipients)
