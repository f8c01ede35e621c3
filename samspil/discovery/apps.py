from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "samspil.discovery"
    label = "discovery"
    verbose_name = _("Needs discovery")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.discovery.models import (
            Answer,
            Invitation,
            NeedDecision,
            Question,
            QuestionAnswer,
            Statement,
            Survey,
            Workshop,
            WorkshopFile,
        )

        auditlog.register(
            Workshop, m2m_fields={"companies", "facilitators"}, exclude_fields=AUDIT_EXCLUDED
        )
        auditlog.register(Statement, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Survey, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(NeedDecision, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(WorkshopFile, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Question, exclude_fields=AUDIT_EXCLUDED)
        # The personal link is a secret: never written to the audit trail.
        auditlog.register(Invitation, exclude_fields=[*AUDIT_EXCLUDED, "token"])
        auditlog.register(Answer, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(QuestionAnswer, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.discovery import scoping  # noqa: F401
