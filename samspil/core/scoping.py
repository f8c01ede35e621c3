"""Who sees what: the one place that turns a user into the rows they may see and change.

Every view, API endpoint, export and report narrows its queryset through :func:`restrict`
(usually as ``Model.objects.restrict(user, action)``). A rule per model returns a ``Q`` for a
signed-in user who is not a superuser; superusers see everything; anonymous users nothing.
Rows out of scope are simply absent, so views answer 404 and their existence does not leak.

The table in DESIGN.md ("Who sees what") is the specification of these rules.
"""

from collections.abc import Callable

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
# For records whose existence is shared but whose content is not (a contact's notes).
DETAILS = "details"
ACTIONS = (VIEW, CHANGE, DELETE, DETAILS)

Rule = Callable[[object, str], Q]
_RULES: dict[type[Model], Rule] = {}
_CREATORS: dict[type[Model], Callable[[object], bool]] = {}
NOTHING = Q(pk__in=[])


def rule(model: type[Model], *, can_create: Callable[[object], bool] | None = None):
    """Register the scoping rule of ``model`` (and who may create one)."""

    def register(func: Rule) -> Rule:
        _RULES[model] = func
        if can_create is not None:
            _CREATORS[model] = can_create
        return func

    return register


def restrict(queryset: QuerySet, user, action: str = VIEW) -> QuerySet:
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    try:
        model_rule = _RULES[queryset.model]
    except KeyError:
        raise LookupError(f"No scoping rule for {queryset.model.__name__}") from None
    return queryset.filter(model_rule(user, action))


def can_create(user, model: type[Model]) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    check = _CREATORS.get(model)
    return bool(check and check(user))


def can(user, action: str, obj: Model) -> bool:
    """Whether ``user`` may do ``action`` to this one object (one query)."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


# The rules, model by model ------------------------------------------------------------------

from samspil.organisations.models import (  # noqa: E402
    Organisation,
    OrganisationMembership,
    Role,
    System,
)
from samspil.partnerships.models import Partnership, PartnershipMembership  # noqa: E402
from samspil.programmes.models import Programme, Project, ProjectMembership  # noqa: E402

PRACTITIONER_ROLES = [Role.OPERATOR, Role.CONSULTANT, Role.COORDINATOR]


def is_practitioner(user) -> bool:
    """Someone who works with companies (not only reads): operators, consultants, coordinators."""
    return (
        OrganisationMembership.objects.filter(user=user, role__in=PRACTITIONER_ROLES).exists()
        or PartnershipMembership.objects.filter(user=user, role__in=PRACTITIONER_ROLES).exists()
        or ProjectMembership.objects.filter(user=user, role__in=PRACTITIONER_ROLES).exists()
    )


def is_operator(user) -> bool:
    """An operator runs projects: they manage organisations, partners and users."""
    return (
        ProjectMembership.objects.filter(user=user, role=Role.OPERATOR).exists()
        or OrganisationMembership.objects.filter(user=user, role=Role.OPERATOR).exists()
    )


def _projects_of(user, *, roles=None):
    memberships = ProjectMembership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("project")


def _partnerships_of(user, *, roles=None):
    memberships = PartnershipMembership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("partnership")


def _partnerships_under_projects(projects):
    return Partnership.projects.through.objects.filter(project__in=projects).values("partnership")


@rule(Organisation, can_create=is_operator)
def organisations(user, action: str) -> Q:
    # The register of organisations is shared by every signed-in user of the installation.
    if action == VIEW:
        return Q()
    if action == DELETE:
        return NOTHING
    if is_operator(user):
        return Q()
    return Q(pk__in=OrganisationMembership.objects.filter(user=user).values("organisation"))


@rule(OrganisationMembership, can_create=is_operator)
def organisation_memberships(user, action: str) -> Q:
    # Who works where is the installation's staff directory; operators keep it.
    if action == VIEW or is_operator(user):
        return Q()
    return NOTHING


@rule(Partnership)
def partnerships(user, action: str) -> Q:
    operated = _projects_of(user, roles=[Role.OPERATOR])
    if action == VIEW:
        return Q(pk__in=_partnerships_of(user)) | Q(pk__in=_partnerships_under_projects(operated))
    return Q(pk__in=_partnerships_of(user, roles=[Role.COORDINATOR])) | Q(
        pk__in=_partnerships_under_projects(operated)
    )


@rule(PartnershipMembership)
def partnership_memberships(user, action: str) -> Q:
    visible = restrict(Partnership.objects.all(), user, action).values("pk")
    return Q(partnership__in=visible)


@rule(Project)
def projects(user, action: str) -> Q:
    if action == VIEW:
        return Q(pk__in=_projects_of(user))
    return Q(pk__in=_projects_of(user, roles=[Role.OPERATOR]))


@rule(Programme)
def programmes(user, action: str) -> Q:
    # A programme is seen by the teams of its projects and steered by their operators.
    roles = None if action == VIEW else [Role.OPERATOR]
    return Q(
        pk__in=Project.objects.filter(pk__in=_projects_of(user, roles=roles)).values("programme")
    )


@rule(ProjectMembership)
def project_memberships(user, action: str) -> Q:
    visible = restrict(Project.objects.all(), user, action).values("pk")
    return Q(project__in=visible)


# Companies ----------------------------------------------------------------------------------

from samspil.companies.models import Cluster, Company, Contact, ContactPerson  # noqa: E402


def _shared_register(user, action: str) -> Q:
    # The company register is the one shared picture: every signed-in user sees it, those who
    # work with companies keep it up to date, and nothing in it is deleted by hand.
    if action == VIEW:
        return Q()
    if action == DELETE:
        return NOTHING
    return Q() if is_practitioner(user) else NOTHING


rule(Company, can_create=is_practitioner)(_shared_register)
rule(ContactPerson, can_create=is_practitioner)(_shared_register)
rule(Cluster, can_create=is_practitioner)(_shared_register)


def _organisations_of(user):
    return OrganisationMembership.objects.filter(user=user).values("organisation")


@rule(Contact, can_create=is_practitioner)
def contacts(user, action: str) -> Q:
    # The timeline (date, organisation, kind, project, consultant) is shared by all; what was
    # said (purpose, notes, next step, outcome) stays within the partnership or project it was
    # made in, and with the organisations and people who took part.
    if action == VIEW:
        return Q()
    # Correlated EXISTS, not ``pk IN (every contact the user took part in)``: a consultant
    # with tens of thousands of contacts would have them all read for every page.
    took_part = Q(created_by=user) | Q(
        Exists(Contact.consultants.through.objects.filter(contact=OuterRef("pk"), user=user))
    )
    if action == DETAILS:
        return (
            took_part
            | Q(partnership__in=_partnerships_of(user))
            | Q(project__in=_projects_of(user))
            | Q(
                Exists(
                    Contact.organisations.through.objects.filter(
                        contact=OuterRef("pk"), organisation__in=_organisations_of(user)
                    )
                )
            )
        )
    return (
        took_part
        | Q(partnership__in=_partnerships_of(user, roles=[Role.COORDINATOR]))
        | Q(project__in=_projects_of(user, roles=[Role.OPERATOR]))
    )


# Partnerships' work: cases, meetings, maturity, learning ----------------------------------

from samspil.partnerships.models import (  # noqa: E402
    Case,
    CaseDecision,
    EvaluationRound,
    LearningNote,
    Meeting,
)
from samspil.programmes.models import Tool  # noqa: E402


def _visible_partnerships(user, action=VIEW):
    return restrict(Partnership.objects.all(), user, action).values("pk")


def member_of_partnership(user, partnership) -> bool:
    """Takes part in the partnership's work (evaluators only read)."""
    return PartnershipMembership.objects.filter(
        user=user, partnership=partnership, role__in=PRACTITIONER_ROLES
    ).exists()


@rule(Case)
def cases(user, action: str) -> Q:
    # Cases belong to the partnership they were taken up in: its members see and work on them.
    if action in (VIEW, DETAILS):
        return Q(partnership__in=_visible_partnerships(user))
    if action == DELETE:
        return NOTHING
    return Q(partnership__in=_partnerships_of(user, roles=PRACTITIONER_ROLES)) | Q(
        partnership__in=_visible_partnerships(user, CHANGE)
    )


@rule(CaseDecision)
def case_decisions(user, action: str) -> Q:
    return Q(
        case__in=restrict(Case.objects.all(), user, VIEW if action == DETAILS else action).values(
            "pk"
        )
    )


@rule(Meeting)
def meetings(user, action: str) -> Q:
    # Members see the meetings; the coordinator (secretariat) plans them and keeps the minutes.
    if action in (VIEW, DETAILS):
        return Q(partnership__in=_visible_partnerships(user))
    return Q(partnership__in=_visible_partnerships(user, CHANGE))


rule(EvaluationRound)(meetings)


@rule(LearningNote)
def learning_notes(user, action: str) -> Q:
    if action in (VIEW, DETAILS):
        return Q(partnership__in=_visible_partnerships(user))
    return Q(author=user) | Q(partnership__in=_visible_partnerships(user, CHANGE))


@rule(Tool)
def tools(user, action: str) -> Q:
    # A project's toolbox is no secret; its operators keep it.
    if action == VIEW:
        return Q()
    return Q(project__in=_projects_of(user, roles=[Role.OPERATOR]))


# Needs discovery: the team of the project the workshop belongs to -------------------------

from samspil.discovery.models import (  # noqa: E402
    Invitation,
    NeedDecision,
    Statement,
    Survey,
    Workshop,
)


def _project_team(user, action: str):
    roles = None if action in (VIEW, DETAILS) else PRACTITIONER_ROLES
    return _projects_of(user, roles=roles)


def on_project_team(user, project, action: str = CHANGE) -> bool:
    """Whether ``user`` may work with the project's records (for records not yet saved)."""
    return Project.objects.filter(pk=project.pk, pk__in=_project_team(user, action)).exists()


@rule(Workshop, can_create=is_practitioner)
def workshops(user, action: str) -> Q:
    # Workshops, surveys and answers belong to the team of the project they were made in.
    return Q(project__in=_project_team(user, action))


@rule(Statement)
def statements(user, action: str) -> Q:
    return Q(workshop__project__in=_project_team(user, action))


@rule(Survey)
def surveys(user, action: str) -> Q:
    return Q(workshop__project__in=_project_team(user, action))


@rule(Invitation)
def invitations(user, action: str) -> Q:
    return Q(survey__workshop__project__in=_project_team(user, action))


@rule(NeedDecision)
def need_decisions(user, action: str) -> Q:
    return Q(survey__workshop__project__in=_project_team(user, action))


# The course catalogue: shared by everyone; operators keep it ----------------------------

from samspil.catalogue.models import CompetenceArea, Offering, Provider  # noqa: E402


def _catalogue(user, action: str) -> Q:
    if action == VIEW:
        return Q()
    return Q() if is_operator(user) else NOTHING


rule(CompetenceArea, can_create=is_operator)(_catalogue)
rule(Provider, can_create=is_operator)(_catalogue)
rule(Offering, can_create=is_operator)(_catalogue)


# Competence supply plans: the team of the project they belong to ------------------------

from samspil.plans.models import CompetencePlan, PlanNeed  # noqa: E402


@rule(CompetencePlan, can_create=is_practitioner)
def plans(user, action: str) -> Q:
    return Q(project__in=_project_team(user, action))


@rule(PlanNeed)
def plan_needs(user, action: str) -> Q:
    return Q(plan__project__in=_project_team(user, action))


# Participants: personal data, for the team of the project they are enrolled in -----------

from samspil.participants.models import (  # noqa: E402
    AccessLog,
    EducationPlan,
    Enrolment,
    Participant,
    PriorLearningAssessment,
)


@rule(Enrolment, can_create=is_practitioner)
def enrolments(user, action: str) -> Q:
    return Q(project__in=_project_team(user, action))


@rule(PriorLearningAssessment, can_create=is_practitioner)
def assessments(user, action: str) -> Q:
    return Q(enrolment__project__in=_project_team(user, action))


@rule(EducationPlan, can_create=is_practitioner)
def education_plans(user, action: str) -> Q:
    return Q(enrolment__project__in=_project_team(user, action))


@rule(Participant, can_create=is_practitioner)
def participants(user, action: str) -> Q:
    # Seen only by the team of a project the person is enrolled in, and a candidate also by
    # the referring jobcentre and the recruiting project's team; each view is logged.
    from samspil.recruitment.models import Candidate

    # Correlated EXISTS, not ``pk IN (every team participant)``: with 1,000,000 participants
    # the list of ids would be built for every check of one person.
    return Q(
        Exists(
            Enrolment.objects.filter(
                participant=OuterRef("pk"), project__in=_project_team(user, action)
            )
        )
    ) | Q(Exists(restrict(Candidate.objects.filter(person=OuterRef("pk")), user, action)))


@rule(AccessLog)
def access_logs(user, action: str) -> Q:
    # The project's operators read who has seen its participants.
    if action != VIEW:
        return NOTHING
    operated = _projects_of(user, roles=[Role.OPERATOR])
    from samspil.recruitment.models import Candidate

    return Q(
        Exists(Enrolment.objects.filter(participant=OuterRef("participant"), project__in=operated))
    ) | Q(Exists(Candidate.objects.filter(person=OuterRef("participant"), project__in=operated)))


# Recruitment --------------------------------------------------------------------------------

from samspil.recruitment.models import (  # noqa: E402
    Campaign,
    Candidate,
    Opening,
    Proposal,
    Rotation,
)


def _organisations_of(user, *, roles=None):
    memberships = OrganisationMembership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("organisation")


def _in_employment_system(user) -> bool:
    return OrganisationMembership.objects.filter(
        user=user, organisation__system=System.EMPLOYMENT
    ).exists()


@rule(Opening, can_create=is_practitioner)
def openings(user, action: str) -> Q:
    # The project's team keeps its openings; every jobcentre sees them, to find candidates.
    team = Q(project__in=_project_team(user, action))
    if action == VIEW and _in_employment_system(user):
        return Q()
    return team


@rule(Candidate, can_create=is_practitioner)
def candidates(user, action: str) -> Q:
    # Personal data: the referring jobcentre's staff and the recruiting project's team.
    roles = None if action in (VIEW, DETAILS) else PRACTITIONER_ROLES
    return Q(jobcentre__in=_organisations_of(user, roles=roles)) | Q(
        project__in=_project_team(user, action)
    )


@rule(Proposal, can_create=is_practitioner)
def proposals(user, action: str) -> Q:
    # The opening side as a list, the candidate side as a correlated EXISTS: two lists made
    # SQLite probe the (opening, candidate) index for every pair of them.
    return Q(opening__in=restrict(Opening.objects.all(), user, VIEW)) & Q(
        Exists(restrict(Candidate.objects.filter(pk=OuterRef("candidate")), user, action))
    )


@rule(Rotation, can_create=is_practitioner)
def rotations(user, action: str) -> Q:
    return Q(opening__in=restrict(Opening.objects.all(), user, action)) & Q(
        Exists(restrict(Candidate.objects.filter(pk=OuterRef("substitute")), user, VIEW))
    )


@rule(Campaign, can_create=is_practitioner)
def campaigns(user, action: str) -> Q:
    # The project's team runs it; the jobcentres it targets see it, to refer through it.
    team = Q(project__in=_project_team(user, action))
    if action == VIEW:
        targeted = Campaign.jobcentres.through.objects.filter(
            organisation__in=_organisations_of(user)
        ).values("campaign")
        return team | Q(pk__in=targeted)
    return team
