from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "samspil.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.partnerships.models import (
            AgendaItem,
            Case,
            CaseDecision,
            EvaluationRating,
            EvaluationResponse,
            EvaluationRound,
            LearningNote,
            Meeting,
            Partnership,
            PartnershipMembership,
        )

        auditlog.register(
            Partnership,
            m2m_fields={"organisations", "municipalities", "projects"},
            exclude_fields=AUDIT_EXCLUDED,
        )
        auditlog.register(PartnershipMembership, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Case, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(
            CaseDecision, m2m_fields={"consultants", "tools"}, exclude_fields=AUDIT_EXCLUDED
        )
        auditlog.register(Meeting, m2m_fields={"attendees"}, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(EvaluationRound, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(LearningNote, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(AgendaItem, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(EvaluationResponse, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(EvaluationRating, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.partnerships import scoping  # noqa: F401
