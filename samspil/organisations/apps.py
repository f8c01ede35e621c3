from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samspil.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.organisations.models import Organisation, OrganisationMembership

        auditlog.register(Organisation)
        auditlog.register(OrganisationMembership)
