from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samspil.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.organisations.models import Organisation, OrganisationMembership

        auditlog.register(Organisation, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(OrganisationMembership, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.organisations import scoping  # noqa: F401
