"""Who sees and changes needs discovery: workshops, statements, surveys, the personal links
and the answers belong to the team of the workshop's project (registered by
``DiscoveryConfig.ready``)."""

from django.db.models import Q

from samspil.core import scoping
from samspil.core.scoping import CHANGE, scoped_through
from samspil.discovery.models import (
    Answer,
    Invitation,
    NeedDecision,
    Question,
    QuestionAnswer,
    Statement,
    Survey,
    Workshop,
    WorkshopFile,
)
from samspil.programmes.scoping import on_project_team, project_operator, project_team


@scoping.rule(Workshop, parent="project", can_create=on_project_team)
def workshops(user, action: str) -> Q:
    # Workshops, surveys and answers belong to the team of the project they were made in: the
    # whole team reads, its practitioners write.
    return Q(project__in=project_team(user, action))


scoped_through(WorkshopFile, "workshop")
scoped_through(Statement, "workshop")
scoped_through(Survey, "workshop", delete=None)
scoped_through(Question, "survey")
# Who has been invited, opened and answered: the team. A company's own answers are personal
# to it: the team's practitioners read them, an evaluator only the aggregated analysis.
scoped_through(Invitation, "survey", delete=None)
scoped_through(Answer, "invitation", view=CHANGE, delete=None)
scoped_through(QuestionAnswer, "invitation", view=CHANGE, delete=None)
scoped_through(NeedDecision, "survey")


def may_see_links(user, survey) -> bool:
    """A survey's personal links (they open a company's answers without an account) are shown
    only to the project's operators; each showing is logged (``discovery.services``)."""
    if user.is_superuser:
        return True
    return project_operator(user, survey.workshop.project)


def surveys_with_visible_links(user, surveys) -> set[int]:
    """Of ``surveys`` (ids), those whose personal links ``user`` may see (one query)."""
    from samspil.organisations.models import Role
    from samspil.programmes.scoping import projects_of

    ids = set(surveys)
    if not ids or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return ids
    operated = projects_of(user, roles=[Role.OPERATOR])
    return set(
        Survey.objects.filter(pk__in=ids, workshop__project__in=operated).values_list(
            "pk", flat=True
        )
    )


def log_links_shown(user, invitations) -> None:
    """Write one "viewed" entry in the audit trail per personal link shown (one query)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    invitations = list(invitations)
    if not invitations:
        return
    content_type = ContentType.objects.get_for_model(Invitation)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(invitation.pk),
            object_id=invitation.pk,
            object_repr=str(invitation)[:200],
            action=LogEntry.Action.ACCESS,
            changes={},
            actor=user,
            additional_data={"shown": "personal link"},
        )
        for invitation in invitations
    )
