"""Changes to a project: its toolbox, kept by the project's operators, and its spend."""

from django.db import transaction

from samspil.core import scoping
from samspil.core.audit import acting_as
from samspil.core.services import delete_record, ensure_can, save_record
from samspil.programmes.models import STANDARD_TOOLS, BudgetLine, Project, Spend, Target, Tool


def add_tool(*, actor, project: Project, **fields) -> Tool:
    ensure_can(actor, scoping.CHANGE, project)
    return save_record(Tool(project=project), actor=actor, **fields)


def update_tool(*, actor, tool: Tool, **fields) -> Tool:
    ensure_can(actor, scoping.CHANGE, tool.project)
    return save_record(tool, actor=actor, **fields)


def remove_tool(*, actor, tool: Tool) -> None:
    ensure_can(actor, scoping.CHANGE, tool.project)
    delete_record(tool, actor=actor)


def add_standard_tools(*, actor, project: Project) -> int:
    """Start a toolbox with the tools of the seeds' red thread that the project lacks."""
    ensure_can(actor, scoping.CHANGE, project)
    existing = set(project.tools.values_list("name", flat=True))
    added = 0
    with transaction.atomic(), acting_as(actor):
        for position, name in enumerate(STANDARD_TOOLS):
            if str(name) not in existing:
                Tool.objects.create(project=project, name=str(name), position=position)
                added += 1
    return added


def record_spend(*, actor, line: BudgetLine, **fields) -> Spend:
    """Actual spend on a budget line in a period inside the project, never negative."""
    ensure_can(actor, scoping.CHANGE, line.project)
    return save_record(Spend(line=line), actor=actor, **fields)


def remove_spend(*, actor, spend: Spend) -> None:
    ensure_can(actor, scoping.CHANGE, spend.line.project)
    delete_record(spend, actor=actor)


def remove_target(*, actor, target: Target) -> None:
    ensure_can(actor, scoping.CHANGE, target.project)
    delete_record(target, actor=actor)


# The budget and the targets: their rules live in ``budget`` and ``progress``; pages and API
# call them here, as every write of the app.
from samspil.programmes.budget import save_budget as save_budget  # noqa: E402
from samspil.programmes.progress import save_target as save_target  # noqa: E402
