"""Who sees and changes programmes, projects and what the operator steers by, and the helpers
about a user's projects that the other apps' rules share (registered by
``ProgrammesConfig.ready``)."""

from django.db.models import Q

from samspil.core import scoping
from samspil.core.scoping import CHANGE, DETAILS, EVERYTHING, VIEW, scoped_through
from samspil.organisations.models import Role
from samspil.organisations.scoping import PRACTITIONER_ROLES, memberships_of
from samspil.programmes.models import (
    Activity,
    BudgetAmount,
    BudgetLine,
    Figure,
    FigureState,
    Financing,
    Programme,
    Project,
    ProjectMembership,
    ProjectPartner,
    Spend,
    Target,
    Tool,
)


def projects_of(user, *, roles=None):
    """The projects on whose team ``user`` is (with one of ``roles``), as a subquery."""
    return memberships_of(user, ProjectMembership, roles=roles).values("project")


def project_team(user, action: str):
    """The projects whose records ``user`` may do ``action`` to: the whole team reads, its
    practitioners (not evaluators) write."""
    roles = None if action in (VIEW, DETAILS) else PRACTITIONER_ROLES
    return projects_of(user, roles=roles)


def on_project_team(user, project, action: str = CHANGE) -> bool:
    """Whether ``user`` may work with the project's records (for records not yet saved)."""
    if user.is_superuser:
        return True
    if project is None:  # on some project's team
        return project_team(user, action).exists()
    return Project.objects.filter(pk=project.pk, pk__in=project_team(user, action)).exists()


def project_operator(user, project) -> bool:
    """Whether ``user`` is an operator of the project (or, with None, of any project)."""
    operated = memberships_of(user, ProjectMembership, roles=[Role.OPERATOR])
    if project is not None:
        operated = operated.filter(project=project)
    return operated.exists()


def money_of(user, projects) -> set[int]:
    """The ids of ``projects`` whose budget, financing and spend ``user`` may read: those they
    may change (the project's operators; superusers), one query."""
    ids = [p.pk for p in projects]
    return set(
        scoping.restrict(Project.objects.filter(pk__in=ids), user, CHANGE).values_list(
            "pk", flat=True
        )
    )


@scoping.rule(Project)
def projects(user, action: str) -> Q:
    if action in (VIEW, DETAILS):
        return Q(pk__in=projects_of(user))
    return Q(pk__in=projects_of(user, roles=[Role.OPERATOR]))


@scoping.rule(Programme)
def programmes(user, action: str) -> Q:
    # A programme is seen by the teams of its projects and steered by their operators.
    roles = None if action in (VIEW, DETAILS) else [Role.OPERATOR]
    return Q(
        pk__in=Project.objects.filter(pk__in=projects_of(user, roles=roles)).values("programme")
    )


@scoping.rule(ProjectMembership, parent="project", can_create=project_operator)
def project_memberships(user, action: str) -> Q:
    # The team is seen by those who see the project; its operators keep it, but not their
    # own membership.
    if action in (VIEW, DETAILS):
        return Q(project__in=projects_of(user))
    return Q(project__in=projects_of(user, roles=[Role.OPERATOR])) & ~Q(user=user)


@scoping.rule(Tool, parent="project", can_create=project_operator)
def tools(user, action: str) -> Q:
    # A project's toolbox is no secret; its operators keep it.
    if action == VIEW:
        return EVERYTHING
    return Q(project__in=projects_of(user, roles=[Role.OPERATOR]))


# What the operator steers by: the money is the operators' own; the targets and the progress
# towards them are the whole team's.
scoped_through(BudgetLine, "project", view=CHANGE)
scoped_through(BudgetAmount, "line")
scoped_through(Financing, "project", view=CHANGE)
scoped_through(Spend, "line")
scoped_through(Target, "project")
scoped_through(ProjectPartner, "project")
scoped_through(Activity, "project")
# The counted figures behind the dashboards: aggregated, read by the whole team; written only
# by the counting itself.
scoped_through(Figure, "project", change=None, delete=None)
scoped_through(FigureState, "project", change=None, delete=None)


def _register_counted() -> None:
    from samspil.programmes import models

    for name in ("SupportedCompany",):  # the counting's own rows, added as it grows
        if hasattr(models, name):
            scoped_through(getattr(models, name), "project", change=None, delete=None)


_register_counted()


# Asked by the pages' {% may "project-team" project %}: register a participant, and the like.
scoping.object_rule("project-team")(on_project_team)
