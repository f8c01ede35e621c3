from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "samspil.plans"
    label = "plans"
    verbose_name = _("Competence supply plans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.core.audit import AUDIT_EXCLUDED
        from samspil.plans.models import CompetencePlan, PlanNeed

        auditlog.register(CompetencePlan, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(PlanNeed, m2m_fields={"offerings"}, exclude_fields=AUDIT_EXCLUDED)
        # The app's scoping rules, registered on import.
        from samspil.plans import scoping  # noqa: F401
