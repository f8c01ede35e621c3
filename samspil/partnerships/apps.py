from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "samspil.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.partnerships.models import Partnership, PartnershipMembership

        auditlog.register(
            Partnership,
            m2m_fields={"organisations", "municipalities", "projects"},
            exclude_fields=AUDIT_EXCLUDED,
        )
        auditlog.register(PartnershipMembership, exclude_fields=AUDIT_EXCLUDED)
