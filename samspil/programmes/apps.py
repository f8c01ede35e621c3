from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "samspil.programmes"
    label = "programmes"
    verbose_name = _("Programmes and projects")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.programmes import models

        for model in (
            models.Programme,
            models.Project,
            models.ProjectMembership,
            models.Tool,
            models.BudgetLine,
            models.Spend,
            models.Target,
            models.BudgetAmount,
            models.Financing,
            models.ProjectPartner,
            models.Activity,
        ):
            auditlog.register(model, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.programmes import scoping  # noqa: F401
        from samspil.programmes.totals import connect

        connect()  # the running totals follow every write of the records
