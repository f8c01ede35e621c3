from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "samspil.companies"
    label = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from samspil.companies.models import Cluster, Company, Contact, ContactPerson
        from samspil.core.audit import AUDIT_EXCLUDED

        auditlog.register(Company, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(ContactPerson, exclude_fields=AUDIT_EXCLUDED)
        auditlog.register(
            Cluster, m2m_fields={"companies", "projects"}, exclude_fields=AUDIT_EXCLUDED
        )
        auditlog.register(
            Contact, m2m_fields={"organisations", "consultants"}, exclude_fields=AUDIT_EXCLUDED
        )
