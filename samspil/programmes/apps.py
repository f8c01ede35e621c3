from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "samspil.programmes"
    label = "programmes"
    verbose_name = _("Programmes and projects")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.programmes.models import Project, ProjectMembership, Tool

        auditlog.register(Project, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(ProjectMembership, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Tool, exclude_fields=AUDIT_EXCLUDED)
