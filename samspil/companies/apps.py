from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "samspil.companies"
    label = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        post_migrate.connect(keep_search_index, sender=self)
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
        # The app's scoping rules, registered on import.
        from samspil.companies import scoping  # noqa: F401


def keep_search_index(sender, using="default", plan=None, **kwargs) -> None:
    """On SQLite, a migration that rebuilds the company table drops the triggers that keep
    the name search's FTS5 table in step; make them again (and refill the table) if so."""
    from django.db.migrations.recorder import MigrationRecorder

    from samspil.companies.search import ensure_sqlite_index

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = MigrationRecorder(connection).applied_migrations()
    if ("companies", "0002_scale_indexes_and_search") in applied:
        ensure_sqlite_index(connection)
