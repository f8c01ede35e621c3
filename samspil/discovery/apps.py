from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "samspil.discovery"
    label = "discovery"
    verbose_name = _("Needs discovery")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.discovery.models import NeedDecision, Statement, Survey, Workshop

        auditlog.register(
            Workshop, m2m_fields={"companies", "facilitators"}, exclude_fields=AUDIT_EXCLUDED
        )
        auditlog.register(Statement, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Survey, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(NeedDecision, exclude_fields=AUDIT_EXCLUDED)
