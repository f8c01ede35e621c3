from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "samspil.catalogue"
    label = "catalogue"
    verbose_name = _("Course catalogue")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.catalogue.models import CompetenceArea, Offering, Provider
        from samspil.core.audit import AUDIT_EXCLUDED

        auditlog.register(CompetenceArea, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(Provider, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(
            Offering, m2m_fields={"competence_areas", "esco_skills"}, exclude_fields=AUDIT_EXCLUDED
        )
        # The app's scoping rules, registered on import.
        from samspil.catalogue import scoping  # noqa: F401
