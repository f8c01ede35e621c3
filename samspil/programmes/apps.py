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
        ):
            auditlog.register(model, exclude_fields=AUDIT_EXCLUDED)
