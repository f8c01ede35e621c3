from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "samspil.programmes"
    label = "programmes"
    verbose_name = _("Programmes and projects")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.programmes.models import Project, ProjectMembership

        auditlog.register(Project)
        auditlog.register(ProjectMembership)
