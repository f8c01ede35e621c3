"""Programmes and their ESF projects: the register, teams and toolboxes (projects.py), and
what the operator steers by: budget, financing, spend and targets (budget.py)."""

from samspil.programmes.models.budget import (  # noqa: F401
    BudgetAmount,
    BudgetLine,
    Financing,
    FinancingSource,
    Spend,
    Target,
)
from samspil.programmes.models.projects import (  # noqa: F401
    STANDARD_TOOLS,
    Activity,
    Fund,
    Programme,
    Project,
    ProjectMembership,
    ProjectPartner,
    Tool,
)
from samspil.programmes.models.totals import (  # noqa: F401
    Figure,
    FigureState,
    SupportedCompany,
)
