"""Who sees and changes participants: personal data, for the practitioners of the team of the
project they are enrolled in; an evaluator reads only aggregated or pseudonymised figures
(registered by ``ParticipantsConfig.ready``). The recruitment app widens the participant's
rule for candidates (``recruitment.scoping``)."""

from django.db.models import Exists, OuterRef, Q

from samspil.core import scoping
from samspil.core.scoping import CHANGE, NOTHING, VIEW, scoped_through
from samspil.organisations.models import Role
from samspil.organisations.scoping import PRACTITIONER_ROLES
from samspil.participants.models import (
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
    ProjectAccessLog,
    SchoolPeriod,
)
from samspil.programmes.scoping import on_project_team, projects_of


def personal_team(user):
    """The projects whose people ``user`` may see: practitioners of the team, not evaluators."""
    return projects_of(user, roles=PRACTITIONER_ROLES)


@scoping.rule(Enrolment, parent="project", can_create=on_project_team)
def enrolments(user, action: str) -> Q:
    return Q(project__in=personal_team(user))


scoped_through(PriorLearningAssessment, "enrolment")
scoped_through(EducationPlan, "enrolment")
scoped_through(SchoolPeriod, "plan")


@scoping.rule(Participant)
def participants(user, action: str) -> Q:
    # Seen only by the team of a project the person is enrolled in (and, by the recruitment
    # app's widening, a candidate's jobcentre and recruiting team); each view is logged.
    # Correlated EXISTS, not ``pk IN (every team participant)``: with 1,000,000 participants
    # the list of ids would be built for every check of one person.
    return Q(
        Exists(
            Enrolment.objects.filter(participant=OuterRef("pk"), project__in=personal_team(user))
        )
    )


@scoping.rule(AccessLog)
def access_logs(user, action: str) -> Q:
    # The project's operators read who has seen its participants; nobody changes the log.
    if action != VIEW:
        return NOTHING
    operated = projects_of(user, roles=[Role.OPERATOR])
    return Q(
        Exists(Enrolment.objects.filter(participant=OuterRef("participant"), project__in=operated))
    )


# A report over a whole project: read by its operators, written only by the report itself.
scoped_through(ProjectAccessLog, "project", view=CHANGE, change=None, delete=None)


@scoping.object_rule("export-person")
def may_export_person(user, participant) -> bool:
    """Asked by the participant page's link to the data-subject export (the view asks the same)."""
    from samspil.participants.services import may_export_everything

    return may_export_everything(user, participant)
