"""Who sees and changes competence supply plans: the team of the plan's project (registered
by ``PlansConfig.ready``)."""

from django.db.models import Q

from samspil.core import scoping
from samspil.core.scoping import scoped_through
from samspil.plans.models import CompetencePlan, PlanNeed
from samspil.programmes.scoping import on_project_team, project_team


@scoping.rule(CompetencePlan, parent="project", can_create=on_project_team)
def plans(user, action: str) -> Q:
    # The whole team reads; its practitioners write (an agreed version is frozen by the model).
    return Q(project__in=project_team(user, action))


scoped_through(PlanNeed, "plan")
